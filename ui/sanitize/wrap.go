package sanitize

import "github.com/charmbracelet/x/ansi"

// WrapMarker starts every row that continues a line too long for the width.
const WrapMarker = "↪"

// MinWidth is the narrowest wrap width; narrower requests are raised to it.
// It keeps the widest escape (⟨U+10FFFF⟩, 10 cells) on one continuation row.
const MinWidth = 12

// Wrapped is text sanitized like Text and wrapped to a display width. It
// indexes where each row starts once (one pass over the text, no copies), and
// then renders any window of rows in time proportional to the window, so a
// pane can scroll a 1 MiB single-line body frame by frame.
type Wrapped struct {
	src   string
	width int
	rows  []row
	json  []jsonState // per row, only for WrapJSON
}

// row is the span of the source that a wrapped row renders.
type row struct {
	start int  // offset of the row's first unit
	end   int  // offset just after the row's last unit (before a line break)
	cont  bool // the row continues the line above and starts with WrapMarker
}

// Wrap sanitizes s as multi-line text and wraps it to width cells (at least
// MinWidth). Every rendered row has ansi.StringWidth ≤ width.
func Wrap(s string, width int) *Wrapped {
	width = max(width, MinWidth)
	w := &Wrapped{src: s, width: width, rows: make([]row, 0, len(s)/width+1)}
	markW := ansi.StringWidth(WrapMarker)
	cur := row{}
	col := 0
	for i := 0; i < len(s); {
		if k := asciiRun(s, i, i+width-col) - i; k > 0 {
			col += k
			i += k
			continue
		}
		u := scan(s, i, true)
		if u.kind == newline {
			cur.end = i
			w.rows = append(w.rows, cur)
			cur = row{start: u.end}
			col = 0
			i = u.end
			continue
		}
		uw := unitWidth(u, col, width)
		if col+uw > width && (col > markW || !cur.cont && col > 0) {
			cur.end = i
			w.rows = append(w.rows, cur)
			cur = row{start: i, cont: true}
			col = markW
			uw = unitWidth(u, col, width)
		}
		col += uw
		i = u.end
	}
	cur.end = len(s)
	w.rows = append(w.rows, cur)
	return w
}

// unitWidth is u's width at column col; a tab is clipped at the row's end.
func unitWidth(u unit, col, width int) int {
	if u.kind != tab {
		return u.width
	}
	return max(min(tabStop-col%tabStop, width-col), 1)
}

// Len is the number of rows.
func (w *Wrapped) Len() int { return len(w.rows) }

// Width is the width the text was wrapped to.
func (w *Wrapped) Width() int { return w.width }

// Rows renders rows [off, off+n), clipped to the rows that exist.
func (w *Wrapped) Rows(off, n int) []string {
	off, end := w.window(off, n)
	if off >= end {
		return nil
	}
	out := make([]string, 0, end-off)
	var buf []byte
	for _, r := range w.rows[off:end] {
		buf = buf[:0]
		if r.cont {
			buf = append(buf, WrapMarker...)
		}
		buf = w.appendRow(buf, r)
		out = append(out, string(buf))
	}
	return out
}

// window clips rows [off, off+n) to the rows that exist, without overflow.
func (w *Wrapped) window(off, n int) (start, end int) {
	start = min(max(off, 0), len(w.rows))
	return start, start + min(max(n, 0), len(w.rows)-start)
}

// appendRow appends the sanitized text of r, without its marker, to buf.
func (w *Wrapped) appendRow(buf []byte, r row) []byte {
	col := 0
	if r.cont {
		col = ansi.StringWidth(WrapMarker)
	}
	for i := r.start; i < r.end; {
		if j := asciiRun(w.src, i, r.end); j > i {
			buf = append(buf, w.src[i:j]...)
			col += j - i
			i = j
			continue
		}
		u := scan(w.src, i, true)
		uw := unitWidth(u, col, w.width)
		buf = appendUnit(buf, w.src, i, u, uw)
		col += uw
		i = u.end
	}
	return buf
}

// Lines sanitizes s like Text and wraps it to width (see Wrap).
func Lines(s string, width int) []string {
	w := Wrap(s, width)
	return w.Rows(0, w.Len())
}
