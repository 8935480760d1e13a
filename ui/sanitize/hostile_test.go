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

// hostilePath is the project's hostile corpus, in the repository's own
// testdata/ so a fresh clone passes with nothing beside it.
const hostilePath = "../../testdata/hostile-messages.json"

// hostileFile is the corpus schema: bodies SQS accepts as text, Binary
// attributes, base64 and gzip+base64 bodies with the hostile bytes they
// decode to, and raw bytes for text fields (attribute names and values,
// FIFO group and deduplication ids).
type hostileFile struct {
	Bodies []struct {
		Name string `json:"name"`
		Body string `json:"body"`
	} `json:"bodies"`
	BinaryAttributes []struct {
		Name     string `json:"name"`
		ValueB64 string `json:"value_b64"`
	} `json:"binary_attributes"`
	EncodedBodies []encodedBody `json:"encoded_bodies"`
	Fields        []struct {
		Name     string `json:"name"`
		Field    string `json:"field"`
		ValueB64 string `json:"value_b64"`
	} `json:"fields"`
}

// encodedBody is a legal body whose decoded bytes are the hostile part.
type encodedBody struct {
	Name       string `json:"name"`
	Encoding   string `json:"encoding"` // "base64" or "gzip+base64"
	Body       string `json:"body"`
	DecodedB64 string `json:"decoded_b64"`
}

// hostile holds one hostile input: bodies as strings, Binary attributes,
// decoded bodies and raw fields as their bytes.
type hostile struct {
	name string
	data string
}

// decodedSuffix names the decoded bytes of an encoded body.
const decodedSuffix = "/decoded"

// loadHostile reads the corpus. A missing file is a failure, not a skip:
// the safety guarantee is only proven against it.
func loadHostile(tb testing.TB) []hostile {
	tb.Helper()
	f := readHostileFile(tb)
	var out []hostile
	for _, b := range f.Bodies {
		out = append(out, hostile{b.Name, b.Body})
	}
	for _, a := range f.BinaryAttributes {
		out = append(out, hostile{a.Name, mustB64(tb, a.Name, a.ValueB64)})
	}
	for _, e := range f.EncodedBodies {
		out = append(out, hostile{e.Name, e.Body}, hostile{e.Name + decodedSuffix, mustB64(tb, e.Name, e.DecodedB64)})
	}
	for _, fl := range f.Fields {
		out = append(out, hostile{fl.Name, mustB64(tb, fl.Name, fl.ValueB64)})
	}
	if len(out) == 0 {
		tb.Fatalf("%s holds no messages", hostilePath)
	}
	return out
}

func readHostileFile(tb testing.TB) hostileFile {
	tb.Helper()
	raw, err := os.ReadFile(hostilePath)
	if err != nil {
		abs, _ := filepath.Abs(hostilePath)
		tb.Fatalf("hostile corpus missing at %s: %v", abs, err)
	}
	var f hostileFile
	if err := json.Unmarshal(raw, &f); err != nil {
		tb.Fatalf("parse %s: %v", hostilePath, err)
	}
	return f
}

func mustB64(tb testing.TB, name, s string) string {
	tb.Helper()
	v, err := base64.StdEncoding.DecodeString(s)
	if err != nil {
		tb.Fatalf("%s: bad base64: %v", name, err)
	}
	return string(v)
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

// The encoded bodies are what the "decode" key turns into hostile bytes: each
// must decode, with the decoder the UI uses, to exactly the bytes the corpus
// says, or the corpus would not test what an attacker can send.
func TestHostileEncodedBodiesDecode(t *testing.T) {
	f := readHostileFile(t)
	if len(f.EncodedBodies) == 0 {
		t.Fatal("the corpus has no encoded bodies")
	}
	for _, e := range f.EncodedBodies {
		var got []byte
		var ok bool
		switch e.Encoding {
		case "base64":
			got, ok = DecodeBase64(e.Body)
		case "gzip+base64":
			got, ok = DecodeGzipBase64(e.Body)
		default:
			t.Errorf("%s: unknown encoding %q", e.Name, e.Encoding)
			continue
		}
		if want := mustB64(t, e.Name, e.DecodedB64); !ok || string(got) != want {
			t.Errorf("%s: decodes to %q (ok %v), corpus says %q", e.Name, got, ok, want)
		}
		if why := unsafeReason(e.Body, false); why != "" {
			t.Errorf("%s: the encoded body itself is not plain text (%s)", e.Name, why)
		}
	}
}
