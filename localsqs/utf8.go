package localsqs

import (
	"bytes"
	"unicode/utf16"
	"unicode/utf8"
)

// Go's JSON decoder turns every byte that is not UTF-8, and every \uXXXX
// escape of a lone UTF-16 surrogate, into U+FFFD. A message stored that way
// is not what the client sent, and its MD5 is of something else; SQS
// rejects such text instead. So before decoding, each of them is replaced
// by the escape of invalidMark, a character SQS never accepts either: the
// validators that already guard every field then refuse it where it
// stands, with that field's error (InvalidMessageContents in a body or
// attribute value, InvalidParameterValue in an attribute name or a FIFO id,
// a per-entry failure in a batch), and nothing else needs to know.

// invalidMark is U+FFFF, a noncharacter outside SQS's character set.
const invalidMark = '\uffff'

var invalidMarkEscape = []byte(`\uffff`)

// markInvalidText returns raw with every invalid UTF-8 sequence and every
// lone surrogate escape replaced by the escape of invalidMark. Valid text,
// surrogate pairs and escaped backslashes pass unchanged. Most requests
// need no copy.
func markInvalidText(raw []byte) []byte {
	if utf8.Valid(raw) && !bytes.Contains(raw, []byte(`\u`)) {
		return raw
	}
	out := make([]byte, 0, len(raw)+len(invalidMarkEscape))
	inString := false
	for i := 0; i < len(raw); {
		c := raw[i]
		switch {
		case c >= utf8.RuneSelf:
			r, size := utf8.DecodeRune(raw[i:])
			if r == utf8.RuneError && size == 1 {
				out = append(out, invalidMarkEscape...)
			} else {
				out = append(out, raw[i:i+size]...)
			}
			i += size
			continue
		case c == '"':
			inString = !inString
		case c == '\\' && inString && i+1 < len(raw):
			n := escapeLen(raw, i)
			if n < 0 {
				out = append(out, invalidMarkEscape...)
				i += 6
				continue
			}
			out = append(out, raw[i:i+n]...)
			i += n
			continue
		}
		out = append(out, c)
		i++
	}
	return out
}

// escapeLen is the length of the escape at raw[i] (a backslash inside a
// string): 12 for a surrogate pair, 6 for another \uXXXX, 2 for the rest,
// or -1 for a lone surrogate (whose 6 bytes are to be replaced). A
// malformed escape counts as 2; the decoder reports it.
func escapeLen(raw []byte, i int) int {
	if raw[i+1] != 'u' {
		return 2
	}
	r, ok := hex4(raw, i+2)
	if !ok {
		return 2
	}
	if !utf16.IsSurrogate(r) {
		return 6
	}
	if r < 0xdc00 && i+12 <= len(raw) && raw[i+6] == '\\' && raw[i+7] == 'u' {
		if lo, ok := hex4(raw, i+8); ok && lo >= 0xdc00 && lo <= 0xdfff {
			return 12
		}
	}
	return -1
}

// hex4 reads four hex digits at raw[at:].
func hex4(raw []byte, at int) (rune, bool) {
	if at+4 > len(raw) {
		return 0, false
	}
	var r rune
	for _, c := range raw[at : at+4] {
		switch {
		case c >= '0' && c <= '9':
			r = r<<4 | rune(c-'0')
		case c >= 'a' && c <= 'f':
			r = r<<4 | rune(c-'a'+10)
		case c >= 'A' && c <= 'F':
			r = r<<4 | rune(c-'A'+10)
		default:
			return 0, false
		}
	}
	return r, true
}
