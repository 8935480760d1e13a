package dialog

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/sqscope/sqscope/keymap"
	"github.com/sqscope/sqscope/ui/common"
	"github.com/sqscope/sqscope/ui/sanitize"
)

// Prompt asks for one line of text on the status line (the export path):
// enter hands the text over as Entered (empty too: the opener says what
// that means), esc cancels.
type Prompt struct {
	c     *common.Common
	label string // "export 3 selected messages to: "
	verb  string // what enter does, for the hint
	input Input
	err   string // why the last try failed; cleared by the next edit
	then  Then

	width int
}

// NewPrompt asks with label, the text prefilled with value; err says why
// an earlier try failed (empty: none).
func NewPrompt(c *common.Common, label, verb, value, err string, then Then) *Prompt {
	p := &Prompt{c: c, label: label, verb: verb, err: err, then: then, input: Input{Limit: 4096}}
	p.input.Focus()
	p.input.SetValue(value)
	return p
}

func (p *Prompt) SetSize(w, _ int)   { p.width = w }
func (p *Prompt) OnStatusLine() bool { return true }

// Value is the text typed so far.
func (p *Prompt) Value() string { return p.input.Value() }

func (p *Prompt) Update(msg tea.Msg) (bool, tea.Msg) {
	keys := p.c.Keys.Input
	if k, ok := msg.(tea.KeyPressMsg); ok {
		switch {
		case key.Matches(k, keys.Accept):
			return true, p.then.result(Result{Outcome: Entered, Text: p.input.Value()})
		case key.Matches(k, keys.Clear):
			return true, p.then.result(Result{Outcome: Cancelled})
		}
	}
	p.input.Update(msg, keys)
	p.err = ""
	return false, nil
}

func (p *Prompt) Hints() []key.Binding {
	keys := p.c.Keys.Input
	return []key.Binding{keymap.Short(keys.Accept, p.verb), keymap.Short(keys.Clear, "cancel"),
		keymap.Short(keys.ClearLine, "clear")}
}

// View is the prompt, in place of the status line.
func (p *Prompt) View() string {
	st := &p.c.Styles
	line := st.HintKey.Render(p.label) + sanitize.Line(p.input.Value()) + st.Selected.Render(" ")
	if p.err != "" {
		line += "  " + st.StatusErr.Render("✗ "+p.err)
	}
	return common.Trunc(line, p.width)
}
