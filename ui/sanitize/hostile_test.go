package sanitize

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
)

// hostilePath is the shared test corpus; CI places shared/ beside the repo.
const hostilePath = "../../../shared/testdata/hostile-messages.json"

type hostileFile struct {
	Bodies []struct {
		Name string `json:"name"`
		Body string `json:"body"`
	} `json:"bodies"`
	BinaryAttributes []struct {
		Name     string `json:"name"`
		ValueB64 string `json:"value_b64"`
	} `json:"binary_attributes"`
}

// hostile holds one hostile input: bodies as strings, Binary attributes as
// their decoded bytes.
type hostile struct {
	name string
	data string
}

// loadHostile reads the shared corpus. A missing file is a failure, not a
// skip: the safety guarantee is only proven against it.
func loadHostile(tb testing.TB) []hostile {
	tb.Helper()
	raw, err := os.ReadFile(hostilePath)
	if err != nil {
		abs, _ := filepath.Abs(hostilePath)
		tb.Fatalf("hostile corpus missing at %s (shared/ must sit beside the repo): %v", abs, err)
	}
	var f hostileFile
	if err := json.Unmarshal(raw, &f); err != nil {
		tb.Fatalf("parse %s: %v", hostilePath, err)
	}
	var out []hostile
	for _, b := range f.Bodies {
		out = append(out, hostile{b.Name, b.Body})
	}
	for _, a := range f.BinaryAttributes {
		v, err := base64.StdEncoding.DecodeString(a.ValueB64)
		if err != nil {
			tb.Fatalf("%s: bad base64: %v", a.Name, err)
		}
		out = append(out, hostile{a.Name, string(v)})
	}
	if len(out) == 0 {
		tb.Fatalf("%s holds no messages", hostilePath)
	}
	return out
}

// unsafeReason explains why s could make a terminal act, or returns "".
// newlines says whether '\n' is allowed.
func unsafeReason(s string, newlines bool) string {
	if !utf8.ValidString(s) {
		return "invalid UTF-8"
	}
	for _, r := range s {
		switch {
		case r == '\n' && newlines:
		case r < 0x20, r == 0x7f:
			return fmt.Sprintf("control byte %#02x", r)
		case r >= 0x80 && r <= 0x9f:
			return "C1 code point"
		case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069,
			r == 0x200e, r == 0x200f, r == 0x061c, r == 0x200b, r == 0x200c,
			r == 0x2060, r == 0xfeff:
			return "bidi or zero-width character"
		}
	}
	return ""
}

func assertSafe(t *testing.T, what, s string, newlines bool) {
	t.Helper()
	if why := unsafeReason(s, newlines); why != "" {
		t.Errorf("%s: %s in %q", what, why, ansi.Truncate(s, 200, "…"))
	}
}
