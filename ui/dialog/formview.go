package dialog

import (
	"strings"

	"charm.land/lipgloss/v2"

	"github.com/sqscope/sqscope/ui/common"
	"github.com/sqscope/sqscope/ui/sanitize"
)

// View is the form's box, centred: the title and the key line always on
// screen, the fields between them scrolling to keep the cursor in view,
// down to 40×10.
func (f *Form) View() string {
	st := &f.c.Styles
	inner := f.inner()
	rows, _, _, _, room, gaps, keyLine := f.layout()
	off := min(max(f.off, 0), max(len(rows)-room, 0))
	shown := rows[off:min(off+room, len(rows))]

	more := ""
	switch up, down := off > 0, off+room < len(rows); {
	case up && down:
		more = "↑↓ more"
	case up:
		more = "↑ more"
	case down:
		more = "↓ more"
	}
	title := st.DialogTitle.Render(common.Trunc(f.title, inner-common.Width(more)-1))
	if more != "" {
		title = common.PadRight(title, inner-common.Width(more)) + st.Muted.Render(more)
	}
	parts := []string{title}
	if gaps {
		parts = append(parts, "")
	}
	parts = append(parts, shown...)
	if gaps {
		parts = append(parts, "")
	}
	parts = append(parts, keyLine...)
	box := st.Dialog.Render(lipgloss.NewStyle().Width(inner).Render(strings.Join(parts, "\n")))
	return lipgloss.Place(f.width, f.height, lipgloss.Center, lipgloss.Center, box)
}

// layout is the body's rows, the cursor's among them, how many rows show
// (room), whether the spacing rows do, and the key line's rows.
func (f *Form) layout() (rows []string, ctx, from, to, room int, gaps bool, keyLine []string) {
	inner := f.inner()
	keyLine = strings.Split(lipgloss.NewStyle().Width(inner).Render(f.keyLine()), "\n")
	rows, ctx, from, to = f.body(inner)
	room, gaps = len(rows), true
	if 2+1+1+len(rows)+1+len(keyLine) > f.height {
		// The spacing rows give way first, then the fields scroll.
		room, gaps = max(f.height-3-len(keyLine), 1), false
	}
	return rows, ctx, from, to, room, gaps, keyLine
}

// scroll moves the window over the body as little as it can to show the
// cursor's item (its first row first), then what comes with it above (the
// banner over the button) as far as room allows; run after every key and
// resize, so View only reads.
func (f *Form) scroll() {
	rows, ctx, from, to, room, _, _ := f.layout()
	f.off = min(max(f.off, to-room), from)
	f.off = min(f.off, max(ctx, to-room))
	f.off = min(max(f.off, 0), max(len(rows)-room, 0))
}

// inner is the box's width inside its border and padding.
func (f *Form) inner() int { return max(min(f.width-4, 72), 10) }

// body is every row between the title and the key line: the fields asked,
// the banner and the button; from and to bound the rows of the cursor's
// item, and ctx is where what belongs with it starts (the banner, for the
// button; the item itself for a field).
func (f *Form) body(inner int) (rows []string, ctx, from, to int) {
	labelW := 0
	for _, fl := range f.fields {
		if !fl.Hidden {
			labelW = max(labelW, common.Width(fl.Label))
		}
	}
	labelW = min(labelW, inner/3)
	// Typed values line up in a column, so the notes beside them do too;
	// the column is as wide as the widest, the text cursor included, and
	// has room to type. Choices and picked values run past it, and so
	// does a long text, whose note then goes under it.
	valW := 12
	for _, fl := range f.fields {
		if !fl.Hidden && fl.Kind == TextField {
			valW = max(valW, common.Width(f.value(fl, false))+1)
		}
	}
	valW = min(valW, 20, inner-labelW-4)
	for i, fl := range f.fields {
		if fl.Hidden {
			continue
		}
		if i == f.cursor {
			from = len(rows)
		}
		rows = append(rows, f.fieldRows(fl, i == f.cursor, labelW, valW, inner)...)
		if i == f.cursor {
			to = len(rows)
		}
	}
	rows = append(rows, "")
	ctx = from
	if f.cursor == len(f.fields) {
		ctx = len(rows)
	}
	st := &f.c.Styles
	if f.banner != "" {
		for _, l := range common.Wrap(common.OneLine(f.banner), inner) {
			rows = append(rows, st.StatusErr.Render(l))
		}
	}
	button := "[ " + f.submit + " ]"
	switch {
	case f.busy != "":
		button = st.Muted.Render("⋯ " + common.OneLine(f.busy))
	case f.cursor == len(f.fields):
		button = "> " + st.Selected.Render(button)
	default:
		button = "  " + button
	}
	if f.cursor == len(f.fields) {
		from = len(rows)
	}
	rows = append(rows, common.Trunc(button, inner))
	if f.cursor == len(f.fields) {
		to = len(rows)
	}
	return rows, ctx, from, to
}

// fieldRows draws one field: marker, label, value, then its error (once
// shown) or its note beside the value, or under it when there is no room.
func (f *Form) fieldRows(fl *Field, focused bool, labelW, valW, inner int) []string {
	st := &f.c.Styles
	marker := "  "
	if focused {
		marker = "> "
	}
	head := marker + common.PadRight(fl.Label, labelW) + "  "
	value := common.Trunc(f.value(fl, focused), max(inner-common.Width(head), 1))
	row := head + value
	if w := common.Width(value); w < valW {
		row += strings.Repeat(" ", valW-w)
	}
	var side string
	var sideStyle lipgloss.Style
	switch {
	case fl.shown && fl.Err != "":
		side, sideStyle = "✗ "+fl.Err, st.StatusErr
	case fl.Note != "":
		side, sideStyle = fl.Note, st.Muted
	default:
		return []string{row}
	}
	side = common.OneLine(side)
	if common.Width(row)+1+common.Width(side) <= inner {
		return []string{row + " " + sideStyle.Render(side)}
	}
	indent := min(common.Width(head), inner/3)
	rows := []string{strings.TrimRight(row, " ")}
	for _, l := range common.Wrap(side, inner-indent) {
		rows = append(rows, strings.Repeat(" ", indent)+sideStyle.Render(l))
	}
	if fl.shown && fl.Err != "" {
		return rows
	}
	return rows[:2] // a note is a hint: one row under the value at most
}

// value is the field's value as drawn: the text with a cursor while
// focused, a choice's values with the one taken in brackets, an action's
// value.
func (f *Form) value(fl *Field, focused bool) string {
	st := &f.c.Styles
	switch fl.Kind {
	case ChoiceField:
		parts := make([]string, len(fl.Choices))
		for i, c := range fl.Choices {
			c = common.OneLine(c)
			switch {
			case i == fl.Choice && focused:
				parts[i] = st.Selected.Render("[" + c + "]")
			case i == fl.Choice:
				parts[i] = "[" + c + "]"
			default:
				parts[i] = st.Muted.Render(" " + c + " ")
			}
		}
		return strings.Join(parts, " ")
	case ActionField:
		v := sanitize.Line(fl.Value())
		if focused {
			return st.Selected.Render(v)
		}
		return v
	}
	v := sanitize.Line(fl.Value())
	if focused {
		return v + st.Selected.Render(" ")
	}
	if v == "" {
		return st.Muted.Render("—")
	}
	return v
}

// keyLine is the short key line inside the box, for the row with the
// cursor.
func (f *Form) keyLine() string {
	st := &f.c.Styles
	k := func(key, what string) string { return st.HintKey.Render(key) + " " + what }
	sep := st.Muted.Render(" · ")
	cancel := k("esc", "cancel")
	if f.busy != "" {
		return k("esc", "close")
	}
	switch fl := f.Focused(); {
	case fl == nil:
		return k("enter", f.submit) + sep + cancel
	case fl.Kind == ChoiceField:
		return k("←→", "change") + sep + k("↑↓", "field") + sep + cancel
	case fl.Kind == ActionField:
		return k("enter", "pick") + sep + k("↑↓", "field") + sep + cancel
	}
	return k("↑↓", "field") + sep + k("enter", "next") + sep + cancel
}
