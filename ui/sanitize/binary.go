package sanitize

import (
	"bytes"
	"compress/gzip"
	"encoding/base64"
	"io"
	"strings"
)

// MaxDecoded caps what DecodeGzipBase64 inflates, so a small zip bomb in a
// message cannot exhaust memory.
const MaxDecoded = 8 << 20

// Hex renders b hexdump-style, 16 bytes a row, rows separated by '\n':
//
//	00000000  1b 5d 35 32 3b 63 3b 63  6d 30 67 4c 58 4a 6d 49  |.]52;c;cm0gLXJmI|
//
// The printable column shows only printable ASCII; every other byte is '.',
// so the output is safe by construction.
func Hex(b []byte) string {
	var sb strings.Builder
	sb.Grow((len(b)/16 + 1) * 78)
	for off := 0; off < len(b); off += 16 {
		if off > 0 {
			sb.WriteByte('\n')
		}
		line := b[off:min(off+16, len(b))]
		writeHex(&sb, uint64(off), 8)
		sb.WriteString("  ")
		for j := range 16 {
			switch {
			case j < len(line):
				writeHex(&sb, uint64(line[j]), 2)
				sb.WriteByte(' ')
			default:
				sb.WriteString("   ")
			}
			if j == 7 {
				sb.WriteByte(' ')
			}
		}
		sb.WriteString(" |")
		for _, c := range line {
			if c < 0x20 || c >= 0x7f {
				c = '.'
			}
			sb.WriteByte(c)
		}
		sb.WriteByte('|')
	}
	return sb.String()
}

func writeHex(sb *strings.Builder, v uint64, digits int) {
	for d := digits - 1; d >= 0; d-- {
		sb.WriteByte("0123456789abcdef"[(v>>(4*d))&0xf])
	}
}

// Base64 renders b as standard base64, which is printable ASCII only.
func Base64(b []byte) string { return base64.StdEncoding.EncodeToString(b) }

// DecodeBase64 decodes a body that is base64 (standard or URL alphabet,
// padded or not, possibly broken into lines). ok is false when the body is
// empty or is not base64.
func DecodeBase64(body string) ([]byte, bool) {
	s := strings.Map(func(r rune) rune {
		if r == '\n' || r == '\r' || r == ' ' || r == '\t' {
			return -1
		}
		return r
	}, body)
	if s == "" {
		return nil, false
	}
	for _, enc := range []*base64.Encoding{
		base64.StdEncoding, base64.RawStdEncoding, base64.URLEncoding, base64.RawURLEncoding,
	} {
		if b, err := enc.DecodeString(s); err == nil {
			return b, true
		}
	}
	return nil, false
}

// DecodeGzipBase64 decodes a body that is base64 of gzip data, a common
// producer habit. ok is false when it is not, when the gzip stream is
// corrupt, or when it inflates beyond MaxDecoded bytes.
func DecodeGzipBase64(body string) ([]byte, bool) {
	raw, ok := DecodeBase64(body)
	if !ok || len(raw) < 2 || raw[0] != 0x1f || raw[1] != 0x8b {
		return nil, false
	}
	zr, err := gzip.NewReader(bytes.NewReader(raw))
	if err != nil {
		return nil, false
	}
	defer zr.Close()
	out, err := io.ReadAll(io.LimitReader(zr, MaxDecoded+1))
	if err != nil || len(out) > MaxDecoded {
		return nil, false
	}
	return out, true
}
