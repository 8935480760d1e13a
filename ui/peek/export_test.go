package peek

import (
	"bytes"
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/sqscope/sqscope/model"
	"github.com/sqscope/sqscope/ui/internal/uitest"
)

func TestPagerArgv(t *testing.T) {
	for _, c := range []struct {
		pager string
		want  []string
	}{
		{"", []string{"less", "-+R", "-+r", "/tmp/b"}},
		{"less -S", []string{"less", "-+R", "-+r", "-S", "/tmp/b"}},
		{"/usr/bin/less -R", []string{"/usr/bin/less", "-+R", "-+r", "-R", "/tmp/b"}}, // the user's explicit choice
		{"more", []string{"more", "/tmp/b"}},
	} {
		if got := pagerArgv(c.pager, "/tmp/b"); !slices.Equal(got, c.want) {
			t.Errorf("PAGER=%q: %q, want %q", c.pager, got, c.want)
		}
	}
}

// A body that is not valid UTF-8 (localsqs accepts one) survives export
// byte for byte.
func TestExportKeepsInvalidUTF8(t *testing.T) {
	m := uitest.Message(0, "M\xfcller\x00", 1)
	var buf bytes.Buffer
	if err := writeJSONL(&buf, "q", []model.Message{m}); err != nil {
		t.Fatal(err)
	}
	var r model.Record
	if err := json.Unmarshal(buf.Bytes(), &r); err != nil {
		t.Fatal(err)
	}
	if string(r.BodyBase64) != m.Body {
		t.Errorf("body not kept exactly: %q", r.BodyBase64)
	}
	if strings.ContainsRune(buf.String(), 0) || strings.Count(buf.String(), "\n") != 1 {
		t.Errorf("export line holds raw control bytes: %q", buf.String())
	}
}

func TestPreviewIsOneLine(t *testing.T) {
	tests := []struct{ body, want string }{
		{"{\n  \"a\": 1,\n  \"b\": [1, 2]\n}\n", `{"a":1,"b":[1,2]}`},
		{"<?xml version=\"1.0\"?>\r\n<a/>", `<?xml version="1.0"?> …`},
		{"one line", "one line"},
		{"trailing newline\n\n", "trailing newline"},
		{"{broken json\nsecond", "{broken json …"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := preview(tt.body); got != tt.want {
			t.Errorf("preview(%q) = %q, want %q", tt.body, got, tt.want)
		}
	}
}
