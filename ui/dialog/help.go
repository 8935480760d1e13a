package dialog

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/sqscope/sqscope/keymap"
	"github.com/sqscope/sqscope/ui/common"
)

// Help is the "?" overlay: every binding that works, grouped. ? or esc
// closes it; the quit key ends it with Chose, so that the opener quits
// with the help gone and any question quitting asks on top. Other keys do
// nothing while it is open.
type Help struct {
	c    *common.Common
	then Then

	width, height int
	top           int // the first row shown, when the groups are taller than the screen
}

// NewHelp opens help; then receives Cancelled (closed) or Chose (quit).
func NewHelp(c *common.Common, then Then) *Help { return &Help{c: c, then: then} }

func (h *Help) SetSize(w, hgt int) { h.width, h.height = w, hgt }
func (h *Help) OnStatusLine() bool { return false }

func (h *Help) Update(msg tea.Msg) (bool, tea.Msg) {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return false, nil
	}
	keys := h.c.Keys.Global
	switch {
	case key.Matches(k, keys.Help, keys.Back):
		return true, h.then.result(Result{Outcome: Cancelled})
	case key.Matches(k, keys.Quit):
		return true, h.then.result(Result{Outcome: Chose})
	}
	// A small terminal cannot show every group: the arrows scroll.
	nav := h.c.Keys.Nav
	page := max(h.height-1, 1)
	switch {
	case key.Matches(k, nav.Down):
		h.top++
	case key.Matches(k, nav.Up):
		h.top--
	case key.Matches(k, nav.PageDown):
		h.top += page
	case key.Matches(k, nav.PageUp):
		h.top -= page
	case key.Matches(k, nav.Top):
		h.top = 0
	case key.Matches(k, nav.Bottom):
		h.top = len(h.rows())
	}
	h.top = min(max(h.top, 0), h.maxTop())
	return false, nil
}

// maxTop is the last useful scroll position: the last row at the bottom.
func (h *Help) maxTop() int { return max(len(h.rows())-(h.height-1), 0) }

func (h *Help) Hints() []key.Binding {
	if h.maxTop() > 0 {
		return []key.Binding{keymap.Hint("?/esc", "close help"), keymap.Hint("↑↓/pgup/pgdn", "scroll"), h.c.Keys.Global.Quit}
	}
	return []key.Binding{keymap.Hint("?/esc", "close help"), h.c.Keys.Global.Quit}
}

// View flows the groups into as many columns as the width allows, and
// scrolls them when they are taller than the screen.
func (h *Help) View() string {
	st := &h.c.Styles
	rows := h.rows()
	title := st.PaneTitleFocused.Render("Keys") + st.Muted.Render(" · ? or esc closes")
	head := []string{title, ""}
	if len(rows)+len(head) > h.height {
		head = head[:1] // the spacer goes first when rows run short
	}
	if len(rows)+len(head) > h.height {
		top := min(max(h.top, 0), h.maxTop())
		shown := max(h.height-len(head), 0)
		title += st.Muted.Render(fmt.Sprintf(" · ↑↓ scroll: rows %d–%d of %d", top+1, top+shown, len(rows)))
		head[0] = title
		rows = rows[top : top+shown]
	}
	return common.Block(append(head, rows...), h.width, h.height)
}

// rows are the help's lines: the groups flowed into columns.
func (h *Help) rows() []string {
	st := &h.c.Styles
	const colW = 38
	cols := max(min(h.width/colW, 4), 1)
	blocks := make([][]string, 0, 4)
	for _, g := range h.c.Keys.Groups() {
		blocks = append(blocks, helpGroup(g, st, colW-2, h.c.Keys.OffReason()))
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
			c[j] = common.PadRight(c[j], colW)
		}
		rendered[i] = strings.Join(c, "\n")
	}
	body := lipgloss.JoinHorizontal(lipgloss.Top, rendered...)
	return strings.Split(body, "\n")
}

// helpGroup is a group's title and bindings; what read-only mode turned
// off is named on one muted line, not offered.
func helpGroup(g keymap.Group, st *common.Styles, w int, reason string) []string {
	lines := []string{st.HelpGroup.Render(g.Title)}
	for _, b := range g.Bindings {
		hb := b.Help()
		lines = append(lines, st.HelpKey.Render(common.PadRight(hb.Key, helpKeyW))+
			st.HelpDesc.Render(common.Trunc(hb.Desc, w-helpKeyW)))
	}
	if len(g.Off) > 0 {
		// What read-only hides is said in words, not only as keys: the
		// user should know that purge exists and why it is missing.
		lines = append(lines, st.Muted.Render("off in "+reason+":"))
		line := " "
		for i, b := range g.Off {
			word := " " + b.Help().Desc + " (" + b.Help().Key + ")"
			if i < len(g.Off)-1 {
				word += ","
			}
			if common.Width(line)+common.Width(word) > w && line != " " {
				lines = append(lines, st.Muted.Render(line))
				line = " "
			}
			line += word
		}
		lines = append(lines, st.Muted.Render(common.Trunc(line, w)))
	}
	return lines
}

// helpKeyW fits the widest key, "pgup/ctrl+u", and a space.
const helpKeyW = 12
