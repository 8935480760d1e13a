package sanitize

import (
	"strings"
	"testing"
)

func TestPrettyJSON(t *testing.T) {
	tests := []struct {
		name, in string
		want     []string
		ok       bool
		note     string
	}{
		{"object", `{"a":1,"b":[true,null]}`,
			[]string{"{", `  "a": 1,`, `  "b": [`, "    true,", "    null", "  ]", "}"}, true, ""},
		{"escapes in strings stay literal and raw controls are shown",
			"{\"k\":\"\\u001b[2J \u009b \u202e\"}",
			[]string{"{", `  "k": "\u001b[2J \x9b ⟨U+202E⟩"`, "}"}, true, ""},
		{"broken", `{"a": [1,, 2]}`, []string{`{"a": [1,, 2]}`}, false,
			"not valid JSON at offset 10: showing raw text"},
		{"trailing garbage", `{} x`, []string{`{} x`}, false,
			"not valid JSON at offset 4: showing raw text"},
		{"not json at all", "plain text\nline 2", []string{"plain text", "line 2"}, false, ""},
		{"scalar is not pretty-printed", `42`, []string{"42"}, false, ""},
		{"brackets inside strings do not count",
			`["` + strings.Repeat("[", 100) + `"]`,
			[]string{"[", `  "` + strings.Repeat("[", 100) + `"`, "]"}, true, ""},
		{"too deep", strings.Repeat("[", 65) + strings.Repeat("]", 65),
			[]string{strings.Repeat("[", 65) + strings.Repeat("]", 65)}, false,
			"JSON nested deeper than 64 levels: showing raw text"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lines, ok, note := PrettyJSON(tt.in)
			if strings.Join(lines, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("lines:\n got %q\nwant %q", lines, tt.want)
			}
			if ok != tt.ok || note != tt.note {
				t.Errorf("ok, note = %v, %q; want %v, %q", ok, note, tt.ok, tt.note)
			}
		})
	}
}

func TestPrettyJSONAtMaxDepth(t *testing.T) {
	in := strings.Repeat("[", MaxJSONDepth) + strings.Repeat("]", MaxJSONDepth)
	if _, ok, note := PrettyJSON(in); !ok {
		t.Errorf("%d levels rejected: %s", MaxJSONDepth, note)
	}
}

func TestPrettyJSONHostile(t *testing.T) {
	want := map[string]string{
		"deep-json":   "JSON nested deeper than 64 levels: showing raw text",
		"broken-json": "not valid JSON at offset 38: showing raw text",
	}
	seen := 0
	for _, h := range loadHostile(t) {
		note, listed := want[h.name]
		if !listed {
			continue
		}
		seen++
		lines, ok, got := PrettyJSON(h.data)
		if ok || got != note {
			t.Errorf("%s: ok=%v note=%q, want note %q", h.name, ok, got, note)
		}
		if strings.Join(lines, "\n") != Text(h.data) {
			t.Errorf("%s: fallback is not the sanitized raw text", h.name)
		}
	}
	if seen != len(want) {
		t.Fatalf("found %d of %d JSON entries in the hostile corpus", seen, len(want))
	}
}
