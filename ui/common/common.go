// Package common is what every pane of the UI shares: the Common value
// (styles, keys, clock), the Pane interface, the Outbox a pane talks to
// the root through, and the text helpers every view uses (cell widths,
// padding, numbers, one safe line).
package common

import (
	"context"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/sqscope/sqscope/keymap"
)

// Common is handed by pointer to every pane, so a test that swaps the
// styles or the clock does it once for all.
type Common struct {
	Styles Styles
	Keys   keymap.KeyMap
	// Now is the UI's clock; tests set it so no real time reaches a view.
	Now func() time.Time
	// Ctx is cancelled when the program quits, so that every request made
	// under it stops with the program.
	Ctx context.Context
	// Confined: the session is served over SSH (sqscope serve) and runs
	// on the server's host. Nothing may start a host program (an editor,
	// a pager) or read or write a host file on the session's behalf.
	Confined bool
}

// New is the Common of a session: styles from the environment (NO_COLOR),
// keys for read-only mode or not, the real clock.
func New(ctx context.Context, readOnly bool) *Common {
	return NewWith(ctx, keymap.Default(), nil, readOnly)
}

// NewWith is New with the configuration's keys and theme. Read-only mode
// disables the mutating bindings after the overrides, so a changing
// action moved to another key is still hidden; NO_COLOR still beats the
// theme.
func NewWith(ctx context.Context, keys keymap.KeyMap, theme Theme, readOnly bool) *Common {
	if readOnly {
		keys = keymap.ReadOnly(keys)
	}
	return &Common{Styles: StylesFor(theme), Keys: keys, Now: time.Now, Ctx: ctx}
}

// Pane is what the root asks of every pane. Update takes the keys routed
// to the pane and every other message (a pane ignores what is not its
// own); what the pane needs of the root or of another pane goes in its
// Outbox. Only the root returns a tea.View.
type Pane interface {
	SetSize(width, height int)
	Focus()
	Blur()
	Update(msg tea.Msg) tea.Cmd
	View() string
	// Hints are the key hints for the pane's current state, most useful
	// first: the hint line shows as many as fit.
	Hints() []key.Binding
	// Typing reports whether the pane's text input has the keyboard:
	// keys are text then, and the root's own keys wait.
	Typing() bool
	// Take empties the pane's outbox (see Outbox).
	Take() []tea.Msg
}

// Outbox holds the messages a pane sends up to the root while it handles
// one: a dialog to open, a notice for the status line, news for another
// pane ("these messages moved away"). The root takes them right after the
// pane returns and acts on each in the same Update, so their effect shows
// in the frame of the key that caused them, and a pane never reaches into
// another pane.
type Outbox struct{ msgs []tea.Msg }

// Send queues msg for the root.
func (o *Outbox) Send(msg tea.Msg) { o.msgs = append(o.msgs, msg) }

// Say queues a notice for the status line.
func (o *Outbox) Say(text string) { o.Send(NoticeMsg{Text: text}) }

// Take returns what was sent, oldest first, and empties the outbox.
func (o *Outbox) Take() []tea.Msg {
	msgs := o.msgs
	o.msgs = nil
	return msgs
}

// NoticeMsg is one line of feedback on the status line, replacing the
// last; an empty Text clears it. Quiet notices only show when the status
// line says nothing else.
type NoticeMsg struct {
	Text  string
	Quiet bool
}

// dlqSlotKey is the help key of the DLQ slot: no real key looks like it.
const dlqSlotKey = "\x00dlq"

// DLQSlot marks where a pane's hint line takes the DLQ keys (R, a, c)
// when they apply; the root puts them there, or drops the slot.
func DLQSlot() key.Binding { return key.NewBinding(key.WithHelp(dlqSlotKey, "")) }

// FillDLQSlot replaces the DLQ slot in hs with dlq.
func FillDLQSlot(hs, dlq []key.Binding) []key.Binding {
	out := make([]key.Binding, 0, len(hs)+len(dlq))
	for _, h := range hs {
		if h.Help().Key == dlqSlotKey {
			out = append(out, dlq...)
			continue
		}
		out = append(out, h)
	}
	return out
}
