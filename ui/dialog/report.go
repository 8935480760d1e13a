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

// Report shows what an action did, line by line (a send from a file: each
// line that failed and why), when it is more than the status line holds.
// It asks nothing: enter or esc closes it (Cancelled), the arrows scroll,
// and other keys do nothing, so a key typed ahead cannot close it unread.
type Report struct {
	c       *common.Common
	title   string
	summary string   // one line under the title
	rows    []string // one per item; anything from outside must be OneLine'd
	then    Then

	width, height int
	wrapped       []string // rows wrapped to the box: what scrolls
	off           int
}

// NewReport is a report titled title, summary first, then rows.
func NewReport(c *common.Common, title, summary string, rows []string, then Then) *Report {
	return &Report{c: c, title: title, summary: summary, rows: rows, then: then}
}

// Title is the report's title, for tests.
func (r *Report) Title() string { return r.title }

// SetSize wraps the rows to the box once, not on every frame: a report
// may list every line of a large file.
func (r *Report) SetSize(w, h int) {
	resized := w != r.width || r.wrapped == nil
	r.width, r.height = w, h
	if resized {
		style := lipgloss.NewStyle().Width(r.inner())
		r.wrapped = r.wrapped[:0]
		for _, row := range r.rows {
			r.wrapped = append(r.wrapped, strings.Split(style.Render(row), "\n")...)
		}
	}
}

// inner is the box's width inside its border and padding.
func (r *Report) inner() int         { return max(min(r.width-4, 100), 10) }
func (r *Report) OnStatusLine() bool { return false }

func (r *Report) Update(msg tea.Msg) (bool, tea.Msg) {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return false, nil
	}
	if key.Matches(k, r.c.Keys.Dialog.Default, r.c.Keys.Global.Back) {
		return true, r.then.result(Result{Outcome: Cancelled})
	}
	if step, ok := common.NavStep(k, r.c.Keys.Nav, max(r.room(), 1)); ok {
		r.off = min(max(r.off+step, 0), max(len(r.wrapped)-r.room(), 0))
	}
	return false, nil
}

func (r *Report) Hints() []key.Binding {
	return []key.Binding{keymap.Hint("enter/esc", "close"), keymap.Hint("↑/↓", "scroll")}
}

// room is how many rows fit: the border, title, summary, a blank and the
// key line take 6 (5 when there is no room for the blank).
func (r *Report) room() int {
	if r.height >= 12 {
		return r.height - 6
	}
	return r.height - 5
}

// View is the box, its rows scrolled to the offset; the last row says
// where the list stands when it does not fit.
func (r *Report) View() string {
	st := &r.c.Styles
	inner := r.inner()
	room := max(r.room(), 1)
	off := min(r.off, max(len(r.wrapped)-room, 0))
	shown := r.wrapped[off:min(off+room, len(r.wrapped))]
	lines := []string{common.Trunc(st.DialogTitle.Render(r.title), inner), common.Trunc(r.summary, inner)}
	if r.height >= 12 {
		lines = append(lines, "")
	}
	for _, row := range shown {
		lines = append(lines, common.Trunc(row, inner))
	}
	foot := st.HintKey.Render("enter/esc") + " close"
	if len(r.wrapped) > room {
		foot = st.HintKey.Render("↑/↓") + fmt.Sprintf(" rows %d–%d of %d", off+1, off+len(shown), len(r.wrapped)) +
			st.Muted.Render(" · ") + foot
	}
	lines = append(lines, common.Trunc(foot, inner))
	box := st.Dialog.Render(lipgloss.NewStyle().Width(inner).Render(strings.Join(lines, "\n")))
	return lipgloss.Place(r.width, r.height, lipgloss.Center, lipgloss.Center, box)
}
