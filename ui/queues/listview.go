package queues

import (
	"strings"

	"github.com/sqscope/sqscope/ui/common"
	"github.com/sqscope/sqscope/ui/sanitize"
)

// View renders the title, the column header and the visible rows only.
func (l *list) View() string {
	st := &l.c.Styles
	lines := make([]string, 0, l.height)
	lines = append(lines, l.titleLine())
	lines = append(lines, st.ColumnHeader.Render(common.PadRight(l.cols.header(), l.width)))
	end := min(l.offset+l.pageSize(), len(l.rows))
	for i := l.offset; i < end; i++ {
		lines = append(lines, l.rowView(i))
	}
	if len(l.rows) == 0 {
		msg := l.empty
		switch {
		case l.Filter() != "":
			msg = "no queue matches " + `"` + common.OneLine(l.Filter()) + `"`
		case l.dlqOnly && len(l.sorted) > 0:
			msg = "no dead-letter queue: no listed queue has a redrive policy (:all shows all)"
		}
		lines = append(lines, st.Muted.Render("  "+msg))
	}
	return common.Block(lines, l.width, l.height)
}

func (l *list) titleLine() string {
	st := &l.c.Styles
	title := st.PaneTitle
	if l.focused {
		title = st.PaneTitleFocused
	}
	left := title.Render("Queues") + st.Muted.Render(" · by "+l.sortKey.String())
	if l.dlqOnly {
		left += st.Muted.Render(" · ") + "dead-letter queues only" + st.Muted.Render(" (:all shows all)")
	}
	switch {
	case l.filtering:
		left += "  " + l.input.View(st)
	case l.Filter() != "":
		left += st.Muted.Render("  filter: ") + common.OneLine(l.Filter()) + st.Muted.Render(" (esc clears)")
	}
	return left
}

// rowView renders row i. A selected or alerting row is styled as a whole,
// from plain text, so inner styles cannot end its highlight early.
func (l *list) rowView(i int) string {
	st := &l.c.Styles
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
	ageText, old := l.ageOf(q)
	pre, age, post := l.cols.cells(q, l.graph, ageText)
	cells := pre + age + post
	// SQS restricts names to ASCII letters, digits, - and _, but the
	// endpoint can be anything (a proxy, an emulator): a name is untrusted.
	// A long one loses its middle, not its distinguishing end.
	full := sanitize.Line(q.Name)
	name := common.MiddleCut(full, l.cols.name)
	switch {
	case i == l.cursor && l.focused:
		return st.Selected.Render(string(marker) + common.PadRight(name, l.cols.name) + " " + cells)
	case i == l.cursor:
		return st.SelectedDim.Render(string(marker) + common.PadRight(name, l.cols.name) + " " + cells)
	case alert:
		return st.DLQFull.Render(string(marker) + common.PadRight(name, l.cols.name) + " " + cells)
	case q.Err != nil:
		return string(marker) + common.PadRight(name, l.cols.name) + " " + st.RowErr.Render(cells)
	case old:
		// A stale backlog: the age alone stands out ("!" says so without
		// colour), the rest of the row stays plain.
		cells = pre + st.Note.Render(age) + post
	}
	if name != q.Name {
		// The match positions index the raw name, not its escaped or cut
		// form.
		return string(marker) + common.PadRight(name, l.cols.name) + " " + cells
	}
	return string(marker) + l.highlight(name, m.Matched) + " " + cells
}

// highlight pads name to the name column and marks the characters the
// filter matched.
func (l *list) highlight(name string, matched []int) string {
	name = common.PadRight(name, l.cols.name)
	if len(matched) == 0 {
		return name
	}
	var b strings.Builder
	next := 0
	for i, r := range name {
		if next < len(matched) && matched[next] == i {
			b.WriteString(l.c.Styles.Match.Render(string(r)))
			next++
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}
