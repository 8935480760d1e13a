package ui

import (
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/sqscope/sqscope/keymap"
	"github.com/sqscope/sqscope/model"
	"github.com/sqscope/sqscope/ui/sanitize"
)

// queueList is the queue list pane: sorted, fuzzy-filtered rows with a
// cursor. It renders only the rows on screen, so 10,000 queues cost what 30
// do. The cursor is tracked by queue URL, so it stays on the same queue when
// a refresh or a new sort moves it.
type queueList struct {
	st   *Styles
	keys *keymap.KeyMap

	sorted  []model.Queue // every queue, in sortKey order
	graph   model.DLQGraph
	sortKey model.SortKey
	rows    []queueMatch // the rows shown: indexes into sorted
	cursor  int          // index into rows
	offset  int          // first row on screen

	input     filterInput
	filtering bool // the filter input has the keyboard

	width, height int
	cols          columns
	longest       int    // longest queue name, in cells, for the name column
	empty         string // what an empty list says; the App knows why it is
	focused       bool
}

func newQueueList(st *Styles, keys *keymap.KeyMap) queueList {
	return queueList{st: st, keys: keys, focused: true}
}

// SetSize sets the pane's outer size; the title and column header take two
// rows, the rest are queue rows.
func (l *queueList) SetSize(w, h int) {
	l.width, l.height = w, h
	l.cols = layoutColumns(w, l.longest)
	l.scroll()
}

func (l *queueList) Focus() { l.focused = true }
func (l *queueList) Blur()  { l.focused = false }

// pageSize is the number of queue rows on screen.
func (l *queueList) pageSize() int { return max(l.height-2, 1) }

// SetQueues replaces the queues, keeping the cursor on the queue it was on.
func (l *queueList) SetQueues(qs []model.Queue, g model.DLQGraph) {
	sel := l.selectedURL()
	// A sorted copy: the App's slice, shared with the other panes, keeps
	// its order.
	l.sorted = append(make([]model.Queue, 0, len(qs)), qs...)
	model.SortQueues(l.sorted, l.sortKey)
	l.graph = g
	l.longest = 0
	for _, q := range qs {
		l.longest = max(l.longest, width(sanitize.Line(q.Name)))
	}
	l.cols = layoutColumns(l.width, l.longest)
	l.refilter(sel)
}

// SetSort reorders the rows, keeping the cursor on the same queue.
func (l *queueList) SetSort(k model.SortKey) {
	sel := l.selectedURL()
	l.sortKey = k
	model.SortQueues(l.sorted, k)
	l.refilter(sel)
}

// Selected returns the queue under the cursor.
func (l *queueList) Selected() (model.Queue, bool) {
	if l.cursor < 0 || l.cursor >= len(l.rows) {
		return model.Queue{}, false
	}
	return l.sorted[l.rows[l.cursor].Index], true
}

func (l *queueList) selectedURL() string {
	q, _ := l.Selected()
	return q.URL
}

// Shown is the number of rows that pass the filter.
func (l *queueList) Shown() int { return len(l.rows) }

// Filter is the current filter pattern.
func (l *queueList) Filter() string { return l.input.Value() }

// Filtering reports whether the filter input has the keyboard; the root
// then must not treat letters as commands.
func (l *queueList) Filtering() bool { return l.filtering }

// StartFilter gives the keyboard to the filter input.
func (l *queueList) StartFilter() tea.Cmd {
	l.filtering = true
	l.input.Focus()
	return nil
}

// ClearFilter empties the filter and shows every queue again.
func (l *queueList) ClearFilter() {
	sel := l.selectedURL()
	l.filtering = false
	l.input.Blur()
	l.input.Reset()
	l.refilter(sel)
}

// refilter recomputes the shown rows and puts the cursor back on url, or
// keeps its position when that queue is gone.
func (l *queueList) refilter(url string) {
	// The filter keeps the sort order: a match never jumps the queue.
	l.rows = filterQueues(l.sorted, l.input.Value())
	if url != "" {
		for i, m := range l.rows {
			if l.sorted[m.Index].URL == url {
				l.cursor = i
				l.scroll()
				return
			}
		}
	}
	l.cursor = min(max(l.cursor, 0), max(len(l.rows)-1, 0))
	l.scroll()
}

// scroll keeps the cursor on screen.
func (l *queueList) scroll() {
	page := l.pageSize()
	if l.cursor < l.offset {
		l.offset = l.cursor
	}
	if l.cursor >= l.offset+page {
		l.offset = l.cursor - page + 1
	}
	l.offset = min(max(l.offset, 0), max(len(l.rows)-page, 0))
}

func (l *queueList) move(d int) {
	l.cursor = min(max(l.cursor+d, 0), max(len(l.rows)-1, 0))
	l.scroll()
}

// Update handles navigation and, while it has the keyboard, the filter.
func (l queueList) Update(msg tea.Msg) (queueList, tea.Cmd) {
	k, ok := msg.(tea.KeyPressMsg)
	if l.filtering {
		return l.updateFilter(msg)
	}
	if !ok {
		return l, nil
	}
	if d, ok := navStep(k, l.keys, l.pageSize()); ok {
		l.move(d)
	}
	return l, nil
}

// updateFilter narrows the list live as the pattern changes; enter keeps
// the filter and returns the keyboard, esc clears it (see filterKeyOf).
func (l queueList) updateFilter(msg tea.Msg) (queueList, tea.Cmd) {
	switch filterKeyOf(msg, l.keys.Back) {
	case filterEnter:
		l.filtering = false
		l.input.Blur()
	case filterBack:
		l.ClearFilter()
	case filterUp:
		l.move(-1)
	case filterDown:
		l.move(1)
	default:
		if l.input.Update(msg) {
			l.refilter(l.selectedURL())
		}
	}
	return l, nil
}

// View renders the title, the column header and the visible rows only.
func (l queueList) View() string {
	lines := make([]string, 0, l.height)
	lines = append(lines, l.titleLine())
	lines = append(lines, l.st.ColumnHeader.Render(padRight(l.cols.header(), l.width)))
	end := min(l.offset+l.pageSize(), len(l.rows))
	for i := l.offset; i < end; i++ {
		lines = append(lines, l.rowView(i))
	}
	if len(l.rows) == 0 {
		msg := l.empty
		if l.Filter() != "" {
			msg = "no queue matches " + `"` + oneLine(l.Filter()) + `"`
		}
		lines = append(lines, l.st.Muted.Render("  "+msg))
	}
	return block(lines, l.width, l.height)
}

func (l queueList) titleLine() string {
	title := l.st.PaneTitle
	if l.focused {
		title = l.st.PaneTitleFocused
	}
	left := title.Render("Queues") + l.st.Muted.Render(" · by "+l.sortKey.String())
	switch {
	case l.filtering:
		left += "  " + l.input.View(l.st)
	case l.Filter() != "":
		left += l.st.Muted.Render("  filter: ") + oneLine(l.Filter()) + l.st.Muted.Render(" (esc clears)")
	}
	return left
}

// rowView renders row i. A selected or alerting row is styled as a whole,
// from plain text, so inner styles cannot end its highlight early.
func (l queueList) rowView(i int) string {
	m := l.rows[i]
	q := l.sorted[m.Index]
	alert := dlqWithMessages(q, l.graph)
	marker := []byte("  ")
	if i == l.cursor {
		marker[0] = '>'
	}
	if alert {
		marker[1] = '!'
	}
	cells := l.cols.cells(q, l.graph)
	// SQS restricts names to ASCII letters, digits, - and _, but the
	// endpoint can be anything (a proxy, an emulator): a name is untrusted.
	name := sanitize.Line(q.Name)
	switch {
	case i == l.cursor && l.focused:
		return l.st.Selected.Render(string(marker) + padRight(name, l.cols.name) + " " + cells)
	case i == l.cursor:
		return l.st.SelectedDim.Render(string(marker) + padRight(name, l.cols.name) + " " + cells)
	case alert:
		return l.st.DLQFull.Render(string(marker) + padRight(name, l.cols.name) + " " + cells)
	case q.Err != nil:
		return string(marker) + padRight(name, l.cols.name) + " " + l.st.RowErr.Render(cells)
	case name != q.Name:
		// The match positions index the raw name, not its escaped form.
		return string(marker) + padRight(name, l.cols.name) + " " + cells
	}
	return string(marker) + l.highlight(name, m.Matched) + " " + cells
}

// highlight pads name to the name column and marks the characters the
// filter matched.
func (l queueList) highlight(name string, matched []int) string {
	name = padRight(name, l.cols.name)
	if len(matched) == 0 {
		return name
	}
	var b strings.Builder
	next := 0
	for i, r := range name {
		if next < len(matched) && matched[next] == i {
			b.WriteString(l.st.Match.Render(string(r)))
			next++
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}
