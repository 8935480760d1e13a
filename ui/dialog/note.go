package dialog

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/sqscope/sqscope/keymap"
	"github.com/sqscope/sqscope/ui/common"
)

// Note is a report too long for the status line (a delete where SQS
// refused some messages): a title and paragraphs in a confirmation's box,
// which enter or esc closes. It asks nothing, so it has no answer to get
// wrong; the arrows scroll a long one.
type Note struct{ q *Confirm }

// NewNote is a note titled title, saying lines (anything from outside
// must be OneLine'd).
func NewNote(c *common.Common, title string, lines []string) *Note {
	return &Note{q: NewConfirm(c, title, "", lines, nil)}
}

// Title is the note's title, for tests.
func (n *Note) Title() string { return n.q.title }

func (n *Note) SetSize(w, h int)   { n.q.SetSize(w, h) }
func (n *Note) OnStatusLine() bool { return false }

// Update closes on enter or esc (Cancelled: there was nothing to agree
// to); the navigation keys scroll; other keys do nothing.
func (n *Note) Update(msg tea.Msg) (bool, tea.Msg) {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return false, nil
	}
	if key.Matches(k, n.q.c.Keys.Dialog.Default, n.q.c.Keys.Global.Back) {
		return true, nil
	}
	if step, ok := common.NavStep(k, n.q.c.Keys.Nav, max(n.q.height-6, 1)); ok {
		n.q.scroll(step, n.answer())
	}
	return false, nil
}

func (n *Note) Hints() []key.Binding {
	return []key.Binding{keymap.Hint("enter/esc", "close"), keymap.Hint("↑↓", "scroll")}
}

func (n *Note) View() string { return n.q.frame(n.answer()) }

func (n *Note) answer() string {
	st := &n.q.c.Styles
	return lipgloss.NewStyle().Width(n.q.inner()).Render(st.Selected.Render("enter/esc close"))
}
