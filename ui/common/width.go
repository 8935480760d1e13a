package common

import (
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
)

// Width is ansi.StringWidth with a fast path. Grapheme segmentation costs
// about a microsecond per short line, and a frame measures every line
// several times; almost everything on screen is ASCII, SGR styling and a
// few box-drawing, arrow and block characters, all one cell wide. Anything
// else (wide, combining, emoji, other escape sequences) takes the exact
// path.
func Width(s string) int {
	if n, ok := fastWidth(s); ok {
		return n
	}
	return ansi.StringWidth(s)
}

// fastWidth measures s when every character in it is known to be one cell
// and every escape sequence is a CSI sequence (which takes none); ok is
// false otherwise.
func fastWidth(s string) (n int, ok bool) {
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == 0x1b:
			// CSI: ESC [ parameters/intermediates, then a final byte.
			if i+1 >= len(s) || s[i+1] != '[' {
				return 0, false
			}
			j := i + 2
			for j < len(s) && (s[j] < 0x40 || s[j] > 0x7e) {
				if s[j] < 0x20 {
					return 0, false
				}
				j++
			}
			if j >= len(s) {
				return 0, false
			}
			i = j + 1
		case c < 0x20 || c == 0x7f:
			return 0, false
		case c < utf8.RuneSelf:
			n++
			i++
		default:
			r, size := utf8.DecodeRuneInString(s[i:])
			if !narrowSymbol(r) {
				return 0, false
			}
			n++
			i += size
		}
	}
	return n, true
}

// narrowSymbol reports runes that are one cell in every terminal: Latin-1
// letters, general punctuation (… ·), arrows, box drawing, block elements.
func narrowSymbol(r rune) bool {
	switch {
	case r >= 0xa0 && r <= 0x24f:
		return r != 0xad // soft hyphen is zero-width
	case r >= 0x2010 && r <= 0x2027, r >= 0x2030 && r <= 0x205e:
		return true
	case r >= 0x2190 && r <= 0x21ff: // arrows
		return true
	case r >= 0x2500 && r <= 0x259f: // box drawing, block elements
		return true
	case r == 0x2717: // ✗
		return true
	}
	return false
}
