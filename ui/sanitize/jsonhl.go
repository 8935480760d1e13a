package sanitize

import "strings"

// JSONKind is the role of a piece of pretty-printed JSON, for colouring.
type JSONKind uint8

const (
	JSONPunct   JSONKind = iota // braces, brackets, colon, comma, indentation, WrapMarker
	JSONKey                     // an object key, quotes included
	JSONString                  // a string value, quotes included
	JSONNumber                  // a number
	JSONLiteral                 // true, false, null
)

// jsonState is the lexer state at the start of a wrapped row, so any row can
// be highlighted without lexing the (possibly 1 MiB) line before it.
type jsonState struct {
	inString, escaped, isKey bool // inside a string at row start, and is it a key
	seenString               bool // the line's first string started before this row
	hasKey                   bool // the line begins with an object key
}

// WrapJSON wraps PrettyJSON lines like Wrap and remembers where strings and
// keys are, for JSONRows.
func WrapJSON(lines []string, width int) *Wrapped {
	w := Wrap(strings.Join(lines, "\n"), width)
	w.json = make([]jsonState, len(w.rows))
	var st jsonState
	for i, r := range w.rows {
		if !r.cont {
			line := w.src[r.start:]
			if nl := strings.IndexByte(line, '\n'); nl >= 0 {
				line = line[:nl]
			}
			st = jsonState{hasKey: startsWithKey(line)}
		}
		w.json[i] = st
		st = lexJSON(w.src[r.start:r.end], st, nil)
	}
	return w
}

// startsWithKey reports whether an indented JSON line begins with `"…":`.
func startsWithKey(line string) bool {
	s := strings.TrimLeft(line, " ")
	if s == "" || s[0] != '"' {
		return false
	}
	for i := 1; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case '"':
			return strings.HasPrefix(s[i+1:], ":")
		}
	}
	return false
}

// JSONRows renders rows [off, off+n) like Rows, but builds each row from
// paint(kind, piece) for its pieces; every piece is sanitized text, so paint
// may safely add styling around it. It is for a Wrapped made by WrapJSON;
// for any other it paints whole rows as JSONPunct.
func (w *Wrapped) JSONRows(off, n int, paint func(kind JSONKind, piece string) string) []string {
	off, end := w.window(off, n)
	if off >= end {
		return nil
	}
	out := make([]string, 0, end-off)
	var buf []byte
	for i := off; i < end; i++ {
		r := w.rows[i]
		var sb strings.Builder
		if r.cont {
			sb.WriteString(paint(JSONPunct, WrapMarker))
		}
		buf = w.appendRow(buf[:0], r)
		if w.json == nil {
			sb.WriteString(paint(JSONPunct, string(buf)))
		} else {
			lexJSON(string(buf), w.json[i], func(k JSONKind, p string) { sb.WriteString(paint(k, p)) })
		}
		out = append(out, sb.String())
	}
	return out
}

// lexJSON classifies text, which continues from state st, calling emit (if
// not nil) with maximal runs of one kind; it returns the state after text.
func lexJSON(text string, st jsonState, emit func(JSONKind, string)) jsonState {
	start, kind := 0, JSONPunct
	if st.inString {
		kind = stringKind(st.isKey)
	}
	flush := func(i int, next JSONKind) {
		if i > start && emit != nil {
			emit(kind, text[start:i])
		}
		start, kind = i, next
	}
	for i := 0; i < len(text); i++ {
		c := text[i]
		if st.inString {
			switch {
			case st.escaped:
				st.escaped = false
			case c == '\\':
				st.escaped = true
			case c == '"':
				st.inString = false
				flush(i+1, JSONPunct)
			}
			continue
		}
		next := JSONPunct
		switch {
		case c == '"':
			st.inString, st.isKey = true, st.hasKey && !st.seenString
			st.seenString = true
			flush(i, stringKind(st.isKey))
			continue
		case c == '-' || c == '+' || c == '.' || (c >= '0' && c <= '9') ||
			((c == 'e' || c == 'E') && kind == JSONNumber):
			next = JSONNumber
		case c >= 'a' && c <= 'z':
			next = JSONLiteral
		}
		if next != kind {
			flush(i, next)
		}
	}
	flush(len(text), JSONPunct)
	return st
}

func stringKind(isKey bool) JSONKind {
	if isKey {
		return JSONKey
	}
	return JSONString
}
