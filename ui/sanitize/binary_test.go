package sanitize

import (
	"bytes"
	"compress/gzip"
	"encoding/base64"
	"strings"
	"testing"
)

func TestHex(t *testing.T) {
	in := []byte("\x1b]52;c;cm0gLXJmIH4K\x07")
	want := "00000000  1b 5d 35 32 3b 63 3b 63  6d 30 67 4c 58 4a 6d 49  |.]52;c;cm0gLXJmI|\n" +
		"00000010  48 34 4b 07                                       |H4K.|"
	if got := Hex(in); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if Hex(nil) != "" {
		t.Error("Hex(nil) should be empty")
	}
}

func TestHexAndBase64OfHostileAttributesAreSafe(t *testing.T) {
	for _, h := range loadHostile(t) {
		assertSafe(t, h.name+" Hex", Hex([]byte(h.data)), true)
		assertSafe(t, h.name+" Base64", Base64([]byte(h.data)), false)
	}
}

func TestDecodeBase64(t *testing.T) {
	tests := []struct {
		in   string
		want string
		ok   bool
	}{
		{"aGVsbG8=", "hello", true},
		{"aGVsbG8", "hello", true},        // unpadded
		{"aGVs\r\nbG8=\n", "hello", true}, // MIME line breaks
		{"-_8=", "\xfb\xff", true},        // URL alphabet
		{"not base64!", "", false},
		{"", "", false},
	}
	for _, tt := range tests {
		got, ok := DecodeBase64(tt.in)
		if ok != tt.ok || string(got) != tt.want {
			t.Errorf("DecodeBase64(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func gzipBase64(t *testing.T, data []byte) string {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	if _, err := zw.Write(data); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return base64.StdEncoding.EncodeToString(buf.Bytes())
}

func TestDecodeGzipBase64(t *testing.T) {
	for _, h := range loadHostile(t) {
		if h.name != "gzip-base64-json" {
			continue
		}
		out, ok := DecodeGzipBase64(h.data)
		if !ok || string(out) != `{"order_id": "ORD-77", "amount": 12.5}` {
			t.Fatalf("got %q, %v", out, ok)
		}
		if _, ok, note := PrettyJSON(string(out)); !ok {
			t.Errorf("decoded body is not pretty-printed: %s", note)
		}
	}
	if _, ok := DecodeGzipBase64("aGVsbG8="); ok {
		t.Error("plain base64 accepted as gzip")
	}
	bomb := gzipBase64(t, make([]byte, MaxDecoded+1))
	if _, ok := DecodeGzipBase64(bomb); ok {
		t.Error("output over MaxDecoded accepted")
	}
	small := gzipBase64(t, []byte(strings.Repeat("a", 1000)))
	if out, ok := DecodeGzipBase64(small); !ok || len(out) != 1000 {
		t.Errorf("small gzip: %d bytes, %v", len(out), ok)
	}
	corrupt := base64.StdEncoding.EncodeToString([]byte{0x1f, 0x8b, 8, 0, 0, 0})
	if _, ok := DecodeGzipBase64(corrupt); ok {
		t.Error("corrupt gzip accepted")
	}
}
