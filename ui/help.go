package ui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/lipgloss/v2"

	"github.com/sqscope/sqscope/keymap"
)

// helpView is the "?" overlay: every binding, grouped, including, in
// read-only mode, the disabled mutating ones marked as such. Groups flow into as many columns as the width allows.
func helpView(k keymap.KeyMap, st *Styles, width, height int) string {
	const colW = 38
	cols := max(min(width/colW, 4), 1)
	blocks := make([][]string, 0, 4)
	for _, g := range k.Groups() {
		blocks = append(blocks, helpGroup(g, k.ReadOnly, st, colW-2))
	}
	// Fill columns in order, starting a new column when the next group
	// would make the current one taller than an even share.
	total := 0
	for _, b := range blocks {
		total += len(b) + 1
	}
	share := (total + cols - 1) / cols
	columns := make([][]string, 1, cols)
	for _, b := range blocks {
		cur := &columns[len(columns)-1]
		if len(*cur) > 0 && len(*cur)+len(b) > share && len(columns) < cols {
			columns = append(columns, nil)
			cur = &columns[len(columns)-1]
		}
		if len(*cur) > 0 {
			*cur = append(*cur, "")
		}
		*cur = append(*cur, b...)
	}
	rendered := make([]string, len(columns))
	for i, c := range columns {
		for j := range c {
			c[j] = padRight(c[j], colW)
		}
		rendered[i] = strings.Join(c, "\n")
	}
	body := lipgloss.JoinHorizontal(lipgloss.Top, rendered...)
	title := st.PaneTitleFocused.Render("Keys") + st.Muted.Render(" · ? or esc closes")
	rows := strings.Split(body, "\n")
	head := []string{title, ""}
	if len(rows)+len(head) > height {
		head = head[:1] // the spacer goes first when rows run short
	}
	return block(append(head, rows...), width, height)
}

func helpGroup(g keymap.Group, readOnly bool, st *Styles, w int) []string {
	lines := []string{st.HelpGroup.Render(g.Title)}
	for _, b := range g.Bindings {
		lines = append(lines, helpLine(b, readOnly, st, w))
	}
	return lines
}

// helpKeyW fits the widest key, "pgup/ctrl+u", and a space.
const helpKeyW = 12

func helpLine(b key.Binding, readOnly bool, st *Styles, w int) string {
	h := b.Help()
	desc := h.Desc
	if !b.Enabled() && readOnly {
		desc += " (read-only)"
		return st.Muted.Render(padRight(h.Key, helpKeyW) + trunc(desc, w-helpKeyW))
	}
	return st.HelpKey.Render(padRight(h.Key, helpKeyW)) + st.HelpDesc.Render(trunc(desc, w-helpKeyW))
}

// hintsView is the one-line key hint of the status bar.
func hintsView(bindings []key.Binding, st *Styles, maxW int) string {
	var b strings.Builder
	w := 0
	for i, k := range bindings {
		h := k.Help()
		item := st.HintKey.Render(h.Key) + " " + st.HintDesc.Render(h.Desc)
		iw := width(h.Key) + 1 + width(h.Desc)
		sep := 0
		if i > 0 {
			sep = 3
		}
		if w+sep+iw > maxW {
			break
		}
		if i > 0 {
			b.WriteString(st.Muted.Render(" · "))
		}
		b.WriteString(item)
		w += sep + iw
	}
	return b.String()
}
