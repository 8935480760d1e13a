package sanitize

import (
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
)

// unitKind says how a display unit is rendered.
type unitKind uint8

const (
	plain     unitKind = iota // s[i:end] printed verbatim (one kept grapheme cluster or part of one)
	picture                   // a control picture rune (␛, ␡, …)
	hexByte                   // \xNN for a C1 control or a byte that is not UTF-8
	codePoint                 // ⟨U+XXXX⟩
	tab                       // expanded to spaces by the caller, which knows the column
	newline                   // a line break in multi-line text
)

// unit is one indivisible piece of output: a row never splits a unit, so a
// wrapped row can always be re-rendered from the byte offset it starts at.
type unit struct {
	end   int // offset in the source just after the unit
	width int // display cells (0 for tab: the caller decides)
	kind  unitKind
	r     rune // the rune or byte for picture, hexByte and codePoint
}

// tabStop is the tab width; tabs expand to the next multiple of it.
const tabStop = 4

// scan returns the unit that starts at s[i]. multiline decides whether '\n'
// is a line break or is shown as ␊. The result depends only on s and i,
// which is what lets Wrapped resume rendering at any indexed row start.
func scan(s string, i int, multiline bool) unit {
	b := s[i]
	if b < utf8.RuneSelf {
		switch {
		case b >= 0x20 && b < 0x7f:
			if i+1 == len(s) || s[i+1] < utf8.RuneSelf {
				return unit{end: i + 1, width: 1}
			}
			return scanCluster(s, i)
		case b == '\t':
			return unit{end: i + 1, kind: tab}
		case b == '\n' && multiline:
			return unit{end: i + 1, kind: newline}
		case b == 0x7f:
			return unit{end: i + 1, width: 1, kind: picture, r: '\u2421'}
		default:
			return unit{end: i + 1, width: 1, kind: picture, r: 0x2400 + rune(b)}
		}
	}
	r, size := utf8.DecodeRuneInString(s[i:])
	if r == utf8.RuneError && size == 1 {
		return unit{end: i + 1, width: 4, kind: hexByte, r: rune(b)}
	}
	if r <= 0x9f {
		return unit{end: i + size, width: 4, kind: hexByte, r: r}
	}
	return scanCluster(s, i)
}

// maxClusterBytes bounds grapheme segmentation. Without it a body of 1 MiB
// of combining marks or joined emoji is one cluster, and re-segmenting it at
// every escaped rune would take quadratic time. The longest emoji sequences
// are about 35 bytes.
const maxClusterBytes = 64

// scanCluster handles a unit that starts with a printable or non-ASCII rune.
// It keeps the longest acceptable prefix of the rune's grapheme cluster; the
// first rejected rune ends the unit and starts the next one, where (being a
// mark or format character) it is escaped on its own.
func scanCluster(s string, i int) unit {
	r, size := utf8.DecodeRuneInString(s[i:])
	if r == utf8.RuneError && size == 1 {
		return unit{end: i + 1, width: 4, kind: hexByte, r: rune(s[i])}
	}
	if needsEscape(r) || isMark(r) {
		return escapeRune(r, i+size)
	}
	jamo := 1 // jamo allowed after the first rune: T after a precomposed syllable
	if isJamoL(r) {
		if next, _ := utf8.DecodeRuneInString(s[i+size:]); !isJamoV(next) {
			return escapeRune(r, i+size)
		}
		jamo = 2 // V, then T
	}
	cluster, w := ansi.FirstGraphemeCluster(s[i:min(len(s), i+maxClusterBytes)], ansi.GraphemeWidth)
	if len(cluster) < size {
		cluster = s[i : i+size]
		_, w = ansi.FirstGraphemeCluster(cluster, ansi.GraphemeWidth)
	}
	marks := 0
	p := size
	for p < len(cluster) {
		r, n := utf8.DecodeRuneInString(cluster[p:])
		ok := true
		switch {
		case r == utf8.RuneError && n <= 1, r <= 0x9f:
			ok = false
		case r == 0x200d:
			ok = joins(cluster[p+n:]) // only inside an emoji or conjunct
			marks = 0
		case isJamoL(r) || isJamoVT(r):
			jamo--
			ok = jamo >= 0 && !isJamoL(r)
		case isMark(r):
			marks++
			ok = marks <= maxMarks && !needsEscape(r)
		default:
			marks = 0
			ok = !needsEscape(r)
		}
		if !ok {
			break
		}
		p += n
	}
	if p < len(cluster) {
		_, w = ansi.FirstGraphemeCluster(cluster[:p], ansi.GraphemeWidth)
	}
	return unit{end: i + p, width: w}
}

// joins reports whether a joiner followed by rest (the remainder of its
// cluster) joins something: the next rune must be one that is kept.
func joins(rest string) bool {
	r, n := utf8.DecodeRuneInString(rest)
	return n > 0 && r > 0x9f && !(r == utf8.RuneError && n == 1) && !needsEscape(r) && !isMark(r)
}

// escapeRune returns a ⟨U+XXXX⟩ unit for r, or \xNN for a C1 control.
func escapeRune(r rune, end int) unit {
	if r <= 0x9f {
		return unit{end: end, width: 4, kind: hexByte, r: r}
	}
	return unit{end: end, width: codePointWidth(r), kind: codePoint, r: r}
}

// codePointWidth is the width of ⟨U+XXXX⟩ for r (4 to 6 hex digits).
func codePointWidth(r rune) int {
	switch {
	case r > 0xfffff:
		return 10
	case r > 0xffff:
		return 9
	}
	return 8
}

// asciiRun returns the end (at most limit) of the run of printable ASCII
// starting at s[i], each byte a unit of width 1, so the common case skips
// per-unit work. The run stops short of a byte that a non-ASCII rune
// follows, since that rune may be a combining mark belonging to it.
func asciiRun(s string, i, limit int) int {
	limit = min(limit, len(s))
	j := i
	for j < limit && s[j] >= 0x20 && s[j] < 0x7f {
		j++
	}
	if j < len(s) && j > i && s[j] >= utf8.RuneSelf {
		j--
	}
	return j
}

const hexDigits = "0123456789ABCDEF"

// appendUnit appends the rendering of u, which starts at s[i], to buf.
// tabWidth is the number of spaces a tab unit expands to.
func appendUnit(buf []byte, s string, i int, u unit, tabWidth int) []byte {
	switch u.kind {
	case plain:
		return append(buf, s[i:u.end]...)
	case picture:
		return utf8.AppendRune(buf, u.r)
	case hexByte:
		return append(buf, '\\', 'x', lower(u.r>>4), lower(u.r&0xf))
	case codePoint:
		buf = append(buf, "⟨U+"...)
		digits := 4
		for r := u.r >> 16; r > 0; r >>= 4 {
			digits++
		}
		for d := digits - 1; d >= 0; d-- {
			buf = append(buf, hexDigits[(u.r>>(4*d))&0xf])
		}
		return append(buf, "⟩"...)
	case tab:
		for range tabWidth {
			buf = append(buf, ' ')
		}
		return buf
	}
	return append(buf, '\n')
}

func lower(n rune) byte { return "0123456789abcdef"[n&0xf] }
