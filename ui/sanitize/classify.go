package sanitize

import "unicode"

// Escaping policy, in one place so it can be audited:
//
//   - C0 controls and DEL become Unicode control pictures (␛, ␀, ␍, ␡);
//     '\t' is expanded to spaces and '\n' breaks lines in multi-line text.
//   - C1 controls (U+0080–U+009F) and bytes that are not valid UTF-8 become
//     \xNN, because some terminals execute C1 (U+009B is CSI).
//   - Format characters (unicode.Cf: bidi overrides and isolates, zero-width
//     space and joiners, BOM, soft hyphen, tag characters used for "ASCII
//     smuggling"), line/paragraph separators, unassigned code points and
//     noncharacters become ⟨U+XXXX⟩. Unassigned code points are escaped
//     because terminals disagree about their width, which would break layout.
//   - Private-use characters (U+E000…, planes 15–16) are printed: they cannot
//     control a terminal, and icon fonts use them.
//   - U+FFFD is an ordinary character and is printed.
//   - Combining marks are kept, but at most maxMarks in a row per grapheme
//     cluster ("zalgo" text cannot smear over neighbouring rows), and a mark
//     that has no base character is escaped so it cannot attach to whatever
//     the UI drew before it.
//   - Conjoining Hangul jamo are kept only in syllable shapes (see isJamoL).
//   - U+200D (zero-width joiner) is kept only inside a grapheme cluster, where
//     it joins emoji or Indic conjuncts; anywhere else it is escaped.

// maxMarks is the longest run of combining marks kept in one cluster.
const maxMarks = 4

// needsEscape reports whether r must never be printed as itself.
func needsEscape(r rune) bool {
	switch {
	case r < 0x20 || r == 0x7f:
		return true
	case r < 0x7f:
		return false
	case r <= 0x9f:
		return true
	case r == 0x200d:
		// Joiner: decided by position in the cluster, see scanCluster.
		return true
	case unicode.Is(unicode.Co, r):
		return false
	case unicode.In(r, unicode.Cf, unicode.Zl, unicode.Zp, unicode.Cs):
		return true
	case !unicode.IsGraphic(r):
		return true // unassigned, noncharacters
	}
	return isPrepend(r)
}

// isMark reports whether r only modifies the character before it
// (grapheme-cluster Extend/SpacingMark): such a rune must follow a base.
func isMark(r rune) bool {
	if r < 0x300 {
		return false
	}
	return unicode.In(r, unicode.Mn, unicode.Me, unicode.Mc) ||
		(r >= 0x1f3fb && r <= 0x1f3ff) || // emoji skin-tone modifiers
		r == 0xff9e || r == 0xff9f || r == 0x200c || r == 0x200d ||
		isJamoVT(r)
}

// Conjoining Hangul jamo: a leading consonant (L) joins any following L, V
// or T into one grapheme cluster of width 2, so a run of them would be
// measured as 2 cells while terminals draw 2 per jamo. Only the syllable
// shapes L V, L V T and (precomposed LV) T are kept; other jamo are escaped.

func isJamoL(r rune) bool { return (r >= 0x1100 && r <= 0x115f) || (r >= 0xa960 && r <= 0xa97f) }

func isJamoV(r rune) bool { return (r >= 0x1160 && r <= 0x11a7) || (r >= 0xd7b0 && r <= 0xd7c6) }

func isJamoVT(r rune) bool { return (r >= 0x1160 && r <= 0x11ff) || (r >= 0xd7b0 && r <= 0xd7ff) }

// isPrepend reports the printable grapheme "Prepend" characters. They glue
// onto whatever follows, so printed before an escape they would make the
// row's measured width differ from what the terminal draws. They are rare
// enough that escaping them costs nothing.
func isPrepend(r rune) bool {
	switch {
	case r == 0x0d4e, r == 0x111c2, r == 0x111c3, r == 0x1193f, r == 0x11941,
		r == 0x11a3a, r == 0x11d46, r == 0x11f02, r == 0x0890, r == 0x0891:
		return true
	case r >= 0x11a84 && r <= 0x11a89:
		return true
	}
	return false
}
