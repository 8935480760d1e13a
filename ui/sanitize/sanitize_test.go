package sanitize

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// wantLine is how Line must render each hostile entry, by name. Every entry
// in the corpus needs one, so a new hostile case cannot go unexamined.
var wantLine = map[string]string{
	"c1-csi-clear-screen":         `order failed \x9b2J\x9bH after retry`,
	"carriage-return-overwrite":   "status=ok␍status=FAILED-hidden",
	"tabs-and-crlf":               "col1    col2    col3␍␊row   x   y␍␊",
	"bidi-override":               "invoice ⟨U+202E⟩gnp.exe⟨U+202C⟩ paid",
	"zero-width-and-combining":    "us⟨U+200B⟩er⟨U+200D⟩ id: Z\u0351\u0352\u0357\u0358a\u0359\u035al\u035b\u035cg\u035do",
	"wide-and-emoji":              "注文に失敗しました 👩\u200d👩\u200d👧\u200d👦 🇯🇵 ok",
	"one-mib-single-line":         "", // checked in TestHostileLongLine
	"deep-json":                   "", // checked in TestPrettyJSONHostile
	"broken-json":                 `{"order_id": "ORD-1", "items": [1, 2,, }`,
	"gzip-base64-json":            "H4sIAFZICWsC/6tWyi9KSS2Kz0xRslJQ8g9y0TU3V9JRUErMzS/NKwGKGRrpmdYCAFChCwQmAAAA",
	"xml-body":                    `<?xml version="1.0"?><order id="9"><total>3</total></order>`,
	"highest-code-points":         "\ufffd ⟨U+10FFFF⟩ \ue000 end",
	"binary-attr-osc52-clipboard": "␛]52;c;cm0gLXJmIH4K␇",
	"binary-attr-raw-escapes":     `␀␁␛[2J␛[31mred\xff\xfe`,
	// C1 forms are legal SQS body characters; each shows as \xNN.
	"c1-osc52-clipboard":      `copy \x9d52;c;cm0gLXJmIH4K\x9c done`,
	"c1-osc8-hyperlink":       `see \x9d8;;https://evil.example/\x9cyour invoice\x9d8;;\x9c`,
	"c1-dcs-request":          `x \x90+q544e\x9c \x90$q"p\x9c y`,
	"c1-bracketed-paste-end":  `pasted \x9b201~ rm -rf ~`,
	"bidi-isolates-and-marks": "user ⟨U+2067⟩nimda⟨U+2069⟩ role ⟨U+200F⟩x⟨U+200E⟩⟨U+061C⟩ ok",
	"zero-width-smuggling":    "pay⟨U+200B⟩⟨U+200C⟩⟨U+2060⟩⟨U+FEFF⟩pal.com ⟨U+E0069⟩⟨U+E0067⟩⟨U+E006E⟩",
	"line-separators-and-nel": `a\x85b⟨U+2028⟩c⟨U+2029⟩d`,
	// Raw ESC sequences in Binary attributes.
	"binary-attr-osc52-st":            `␛]52;c;cm0gLXJmIH4K␛\`,
	"binary-attr-osc8-hyperlink":      `␛]8;;https://evil.example/␛\click␛]8;;␛\`,
	"binary-attr-dcs":                 `␛P+q544e␛\␛P$q"p␛\`,
	"binary-attr-bracketed-paste-end": "echo hi␛[201~rm -rf ~␊",
	"binary-attr-8bit-c1":             `\x9b2J\x9d52;c;cm0=\x9c\x90+q\x9c`,
	// Encoded bodies are plain base64 text; their decoded bytes are not.
	"base64-osc52-clipboard":             "G101MjtjO2NtMGdMWEptSUg0Swc=",
	"base64-osc52-clipboard/decoded":     "␛]52;c;cm0gLXJmIH4K␇",
	"base64-bracketed-paste-end":         "aGVsbG8bWzIwMX4Kcm0gLXJmIH4K",
	"base64-bracketed-paste-end/decoded": "hello␛[201~␊rm -rf ~␊",
	"base64-osc8-hyperlink":              "G104OztodHRwczovL2V2aWwuZXhhbXBsZS8HaW52b2ljZRtdODs7Bw==",
	"base64-osc8-hyperlink/decoded":      "␛]8;;https://evil.example/␇invoice␛]8;;␇",
	"base64-invalid-utf8":                "b2sg//4gwygg7aCAIJsySg==",
	"base64-invalid-utf8/decoded":        `ok \xff\xfe \xc3( \xed\xa0\x80 \x9b2J`,
	"gzip-base64-dcs-and-clear":          "H4sIAAAAAAAC/5MO0C40NTFJlY6Rjjbyko72kI41sC4oz0tNYQcAmpY0RhsAAAA=",
	"gzip-base64-dcs-and-clear/decoded":  `␛P+q544e␛\␛[2J␛[H␛]0;pwned␇`,
	"gzip-base64-osc52-json":             "H4sIAAAAAAAC/6tWyssvSVWyUpKONTWyTrZOzjVI94nwyvX0MPFmV9JRSspMyQTKPmpYp1QLAFnn3mMsAAAA",
	"gzip-base64-osc52-json/decoded":     `{"note":"␛]52;c;cm0gLXJmIH4K␇","bidi":"⟨U+202E⟩"}`,
	// Raw bytes in text fields.
	"attr-name-invalid-utf8":  `Trace\xff\xc3␛[2J`,
	"attr-value-invalid-utf8": `ok\xc3( \xed\xa0\x80 \x9b2J`,
	"attr-value-osc52":        "␛]52;c;cm0gLXJmIH4K␇",
	"group-id-invalid-utf8":   `grp-\xff␛[201~`,
	"dedup-id-invalid-utf8":   `dd\xfe\x9b31m⟨U+202E⟩`,
}

func TestHostileRendersSafely(t *testing.T) {
	for _, h := range loadHostile(t) {
		t.Run(h.name, func(t *testing.T) {
			want, known := wantLine[h.name]
			if !known {
				t.Fatalf("no expected rendering for hostile entry %q: add one to wantLine", h.name)
			}
			line := Line(h.data)
			assertSafe(t, "Line", line, false)
			if want != "" && line != want {
				t.Errorf("Line:\n got %q\nwant %q", line, want)
			}
			assertSafe(t, "Text", Text(h.data), true)
			for _, w := range []int{1, 7, 40, 80} {
				c := Cut(h.data, w)
				assertSafe(t, "Cut", c, false)
				if cw := ansi.StringWidth(c); cw > w {
					t.Errorf("Cut(%d) is %d wide", w, cw)
				}
			}
			wr := Wrap(h.data, 40)
			for i, r := range wr.Rows(0, 50) {
				assertSafe(t, "Rows", r, false)
				if rw := ansi.StringWidth(r); rw > 40 {
					t.Errorf("row %d is %d wide: %q", i, rw, r)
				}
			}
			lines, _, _ := PrettyJSON(h.data)
			for _, l := range lines {
				assertSafe(t, "PrettyJSON", l, false)
			}
		})
	}
}

func TestHostileTextKeepsLineBreaks(t *testing.T) {
	for _, h := range loadHostile(t) {
		if h.name == "tabs-and-crlf" {
			want := "col1    col2    col3␍\nrow x   y␍\n"
			if got := Text(h.data); got != want {
				t.Errorf("Text:\n got %q\nwant %q", got, want)
			}
			return
		}
	}
	t.Fatal("tabs-and-crlf entry not found in the hostile corpus")
}

func TestEscapes(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"plain ascii", "hello, world", "hello, world"},
		{"esc and bel", "\x1b]0;pwned\x07", "␛]0;pwned␇"},
		{"nul and del", "a\x00b\x7fc", "a␀b␡c"},
		{"c1 next line", "a\u0085b", `a\x85b`},
		{"invalid utf8", "a\xffb\xc3", `a\xffb\xc3`},
		{"truncated rune before ascii", "\xe6\xb3x", `\xe6\xb3x`},
		{"zalgo capped at 4 marks", "a" + strings.Repeat("\u0301", 6) + "b",
			"a\u0301\u0301\u0301\u0301⟨U+0301⟩⟨U+0301⟩b"},
		{"mark without base", "\u0301x", "⟨U+0301⟩x"},
		{"mark after escape", "\u202e\u0301", "⟨U+202E⟩⟨U+0301⟩"},
		{"lone joiner", "a\u200d", "a⟨U+200D⟩"},
		{"emoji joiner kept", "👩\u200d🚀", "👩\u200d🚀"},
		{"bom", "\ufeff{}", "⟨U+FEFF⟩{}"},
		{"line separator", "a\u2028b", "a⟨U+2028⟩b"},
		{"tag character", "x\U000E0041", "x⟨U+E0041⟩"},
		{"arabic letter mark", "a\u061cb", "a⟨U+061C⟩b"},
		{"isolates", "\u2066\u2069", "⟨U+2066⟩⟨U+2069⟩"},
		{"noncharacter", "\ufdd0", "⟨U+FDD0⟩"},
		{"private use printed", "\ue000", "\ue000"},
		{"replacement char printed", "\ufffd", "\ufffd"},
		{"tab stops", "a\tbc\td", "a   bc  d"},
		{"newline shown", "a\nb\r", "a␊b␍"},
		{"combining accent kept", "e\u0301", "e\u0301"},
		{"hangul syllable from jamo kept", "\u1100\u1161\u11a8", "\u1100\u1161\u11a8"},
		{"precomposed hangul kept", "각", "각"},
		{"run of leading jamo escaped", "\u1100\u1100\u1161", "⟨U+1100⟩\u1100\u1161"},
		{"stray vowel jamo escaped", "a\u1161", "a⟨U+1161⟩"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Line(tt.in)
			if got != tt.want {
				t.Errorf("Line(%q) = %q, want %q", tt.in, got, tt.want)
			}
			assertSafe(t, "Line", got, false)
			if again := Line(got); again != got {
				t.Errorf("not idempotent: %q -> %q", got, again)
			}
		})
	}
}

func TestTextTabsRestartAfterNewline(t *testing.T) {
	if got, want := Text("ab\tc\n\td"), "ab  c\n    d"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestCut(t *testing.T) {
	tests := []struct {
		in    string
		width int
		want  string
	}{
		{"hello", 10, "hello"},
		{"hello", 5, "hello"},
		{"hello world", 5, "hell…"},
		{"注文に失敗", 5, "注文…"},
		{"注文に失敗", 6, "注文…"},
		{"a\x1bbc", 3, "a␛…"},
		{"\u202eabc", 5, "…"}, // the escape is 8 wide and never split
		{"abc", 0, ""},
		{"abc", 1, "…"},
		{"a\tb", 8, "a   b"},
	}
	for _, tt := range tests {
		got := Cut(tt.in, tt.width)
		if got != tt.want {
			t.Errorf("Cut(%q, %d) = %q, want %q", tt.in, tt.width, got, tt.want)
		}
		if w := ansi.StringWidth(got); w > tt.width {
			t.Errorf("Cut(%q, %d) is %d wide", tt.in, tt.width, w)
		}
	}
}

func TestEscapedCountsWhatTextWouldNotPrint(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want int
	}{
		{"plain text", 0},
		{"tabs\tand\nlines\n", 0},
		{"héllo wörld ☃", 0},
		{"\x1b[2J", 1},            // ESC; "[2J" is printable
		{"\x1b]52;c;eA==\x07", 2}, // OSC 52: ESC and BEL
		{"end\x1b[201~paste", 1},  // bracketed paste end
		{"\u202egnp.exe", 1},      // bidi override
		{"a\xffb\x9bc", 2},        // invalid byte, lone C1 byte
		{"\u009b31m", 1},          // C1 CSI as a code point
		{"zero\u200bwidth", 1},    // zero-width space
	} {
		if got := Escaped(tt.in); got != tt.want {
			t.Errorf("Escaped(%q) = %d, want %d", tt.in, got, tt.want)
		}
		if (Escaped(tt.in) == 0) != (Text(tt.in) == tt.in || strings.ContainsAny(tt.in, "\t")) {
			t.Errorf("Escaped(%q) disagrees with Text: %q", tt.in, Text(tt.in))
		}
	}
}
