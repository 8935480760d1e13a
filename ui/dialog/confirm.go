package dialog

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/sqscope/sqscope/keymap"
	"github.com/sqscope/sqscope/ui/common"
)

// Confirm asks before something with a cost. No is the default: only y
// confirms (and enter, where WithEnter says so), every other key (n, esc,
// a stray j) cancels, so that keys typed ahead can never agree by accident.
type Confirm struct {
	c     *common.Common
	title string
	lines []string // paragraphs; anything from outside must be OneLine'd
	yes   string   // what y does, e.g. "peek"
	then  Then

	enterYes bool          // enter confirms too
	also     []key.Binding // extra choices: the key ends the dialog with Chose

	width, height int
}

// NewConfirm is a dialog titled title, explaining itself in lines, where y
// does yes; then receives Confirmed or Cancelled (or Chose).
func NewConfirm(c *common.Common, title, yes string, lines []string, then Then) *Confirm {
	return &Confirm{c: c, title: title, yes: yes, lines: lines, then: then}
}

// WithEnter lets enter confirm too, for a dialog the user asked for with a
// deliberate key (R), where enter is the natural answer.
func (d *Confirm) WithEnter() *Confirm { d.enterYes = true; return d }

// WithChoice adds a key that ends the dialog with Chose and its index
// (the redrive rate, which the opener changes before asking again); its
// help text is the hint.
func (d *Confirm) WithChoice(b key.Binding) *Confirm { d.also = append(d.also, b); return d }

// Title is the question, for tests and logs.
func (d *Confirm) Title() string { return d.title }

func (d *Confirm) SetSize(w, h int)   { d.width, d.height = w, h }
func (d *Confirm) OnStatusLine() bool { return false }

// Update answers on any key; a paste is not an answer.
func (d *Confirm) Update(msg tea.Msg) (bool, tea.Msg) {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return false, nil
	}
	keys := d.c.Keys.Dialog
	for i, b := range d.also {
		if key.Matches(k, b) {
			return true, d.then.result(Result{Outcome: Chose, Index: i})
		}
	}
	if key.Matches(k, keys.Yes) || (d.enterYes && key.Matches(k, keys.Accept)) {
		return true, d.then.result(Result{Outcome: Confirmed})
	}
	return true, d.then.result(Result{Outcome: Cancelled})
}

// Hints say what confirms; everything else cancels.
func (d *Confirm) Hints() []key.Binding {
	keys := d.c.Keys.Dialog
	if !d.enterYes {
		return []key.Binding{keymap.ShortKey(keys.Yes, "y", "yes"), keymap.Hint("n/esc/any key", "no")}
	}
	hs := []key.Binding{keymap.ShortKey(keys.Yes, "y/"+keys.Accept.Help().Key, "yes")}
	hs = append(hs, d.also...)
	return append(hs, keymap.Hint("any other key", "no"))
}

// View is the dialog box, centred in the area it was given.
func (d *Confirm) View() string {
	st := &d.c.Styles
	inner := max(min(d.width-4, 72), 10)
	text := lipgloss.NewStyle().Width(inner)
	answer := st.HintKey.Render("y") + " " + d.yes + st.Muted.Render("   ·   ") +
		st.HintKey.Render("n/esc") + " cancel (default)"
	if d.enterYes {
		answer = st.HintKey.Render("y/enter") + " " + d.yes + st.Muted.Render("   ·   ") +
			st.HintKey.Render("any other key") + " cancels"
	}
	// Paragraphs are spaced when there is room; when there is not, the
	// spacing goes first, so the answer line stays on screen longest.
	for _, gap := range []bool{true, false} {
		parts := []string{st.DialogTitle.Render(d.title)}
		for _, l := range d.lines {
			if gap {
				parts = append(parts, "")
			}
			parts = append(parts, text.Render(l))
		}
		parts = append(parts, "", answer)
		box := st.Dialog.Render(strings.Join(parts, "\n"))
		if lipgloss.Height(box) <= d.height || !gap {
			return lipgloss.Place(d.width, d.height, lipgloss.Center, lipgloss.Center, box)
		}
	}
	return ""
}
