// Package sanitize turns untrusted bytes (SQS message bodies, attribute names
// and values) into text that is safe to print on a terminal: no byte that a
// terminal acts on survives, everything unusual is shown visibly, and display
// widths are measured with ansi.StringWidth so layout holds. See classify.go
// for exactly what is escaped and why.
//
// Every function here guarantees that its output is valid UTF-8, contains no
// byte below 0x20 other than '\n' (and '\n' only where documented), no 0x7F,
// no C1 code point and therefore no ESC.
//
// Which function to use:
//   - Line / Cut: one row (list rows, attribute values, first line of a body).
//   - Text: a whole body as unwrapped lines.
//   - Wrap / Lines: a body wrapped to a pane. Wrap indexes once, then
//     Wrapped.Rows renders only the visible rows, which keeps a 1 MiB
//     single-line body cheap to scroll.
//   - PrettyJSON + WrapJSON + Wrapped.JSONRows: indented, highlighted JSON,
//     falling back to raw text with a note.
//   - Hex / Base64: Binary attributes. DecodeBase64 / DecodeGzipBase64: the
//     "decode" toggle for encoded bodies.
package sanitize

import "github.com/charmbracelet/x/ansi"

// CutMarker ends a row that was cut short.
const CutMarker = "…"

// Text makes s safe to print as multi-line text: '\n' stays a line break,
// tabs expand to 4-column stops, everything else a terminal could act on is
// shown visibly. Text is idempotent: Text(Text(s)) == Text(s).
func Text(s string) string { return render(s, true) }

// Line is Text for a single row: '\n' and '\r' are shown as ␊ and ␍.
func Line(s string) string { return render(s, false) }

func render(s string, multiline bool) string {
	if isSafeASCII(s) {
		return s
	}
	buf := make([]byte, 0, len(s)+16)
	col := 0
	for i := 0; i < len(s); {
		if j := asciiRun(s, i, len(s)); j > i {
			buf = append(buf, s[i:j]...)
			col += j - i
			i = j
			continue
		}
		u := scan(s, i, multiline)
		tw := 0
		switch u.kind {
		case tab:
			tw = tabStop - col%tabStop
			col += tw
		case newline:
			col = 0
		default:
			col += u.width
		}
		buf = appendUnit(buf, s, i, u, tw)
		i = u.end
	}
	return string(buf)
}

// isSafeASCII reports whether s is printable ASCII only, the common case,
// which needs no copy.
func isSafeASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] >= 0x7f {
			return false
		}
	}
	return true
}

// Cut renders s as one row (like Line) no wider than width cells; if it had
// to be shortened it ends with CutMarker. It reads only as much of s as fits,
// so cutting a 1 MiB body for a list row is cheap.
func Cut(s string, width int) string {
	if width <= 0 || s == "" {
		return ""
	}
	buf := make([]byte, 0, min(len(s), 4*width)+4)
	col, keep := 0, 0 // keep: length of buf that still leaves room for the marker
	markW := ansi.StringWidth(CutMarker)
	for i := 0; i < len(s); {
		u := scan(s, i, false)
		w := u.width
		if u.kind == tab {
			w = tabStop - col%tabStop
		}
		if col+w > width {
			if markW > width {
				return string(buf[:keep])
			}
			return string(buf[:keep]) + CutMarker
		}
		buf = appendUnit(buf, s, i, u, w)
		col += w
		if col <= width-markW {
			keep = len(buf)
		}
		i = u.end
	}
	return string(buf)
}

// Escaped counts what Text would not print as itself in s: controls, C1,
// invalid UTF-8, format characters such as bidi overrides. Tabs and line
// breaks do not count. Zero means s is already safe to print as it is.
func Escaped(s string) int {
	if isSafeASCII(s) {
		return 0
	}
	n := 0
	for i := 0; i < len(s); {
		u := scan(s, i, true)
		switch u.kind {
		case picture, hexByte, codePoint:
			n++
		}
		i = u.end
	}
	return n
}
