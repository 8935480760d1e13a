// Package dialog is the overlay stack and what goes on it: confirmations,
// the picker, the one-line prompt, help, and the text input they share.
//
// One Stack decides which overlay gets the keys, which is drawn and what
// the hint line says: always the top one. A dialog ends with a typed
// Result, which the function its opener gave turns into the opener's own
// message; the root hands that message on like any other, so a dialog
// never needs to know who opened it, and no dialog is told apart by a tag.
package dialog

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// Dialog is one overlay.
type Dialog interface {
	// SetSize gives the dialog the body's width and height.
	SetSize(width, height int)
	// Update takes a key or a paste while the dialog is on top. done says
	// the dialog ended; result is then the message for its opener (nil
	// when the opener asked for none).
	Update(msg tea.Msg) (done bool, result tea.Msg)
	// View is the dialog drawn over the body, or the status line's text
	// when OnStatusLine.
	View() string
	Hints() []key.Binding
	// OnStatusLine says the dialog takes the status line and leaves the
	// body to the panes (the export prompt): the user types a path while
	// looking at what is exported.
	OnStatusLine() bool
}

// Outcome is how a dialog ended.
type Outcome int

const (
	Cancelled Outcome = iota // n, esc, or any key a confirmation does not take
	Confirmed                // y, or enter where the dialog offers it
	Picked                   // Result.Index is the item picked
	Entered                  // Result.Text is the text entered
	Chose                    // Result.Index is the extra choice taken (Confirm.Also)
)

// Result is what a dialog hands its opener.
type Result struct {
	Outcome Outcome
	Index   int
	Text    string
}

// Then turns a Result into the opener's message; nil means the opener
// wants no message.
type Then func(Result) tea.Msg

// OpenMsg asks the root to push a dialog: a pane sends it up through its
// Outbox.
type OpenMsg struct{ Dialog Dialog }

// CloseMsg asks the root to take a dialog off the stack without an answer,
// when its question became moot (a move task was found while the redrive
// dialog was open).
type CloseMsg struct{ Dialog Dialog }

func (t Then) result(r Result) tea.Msg {
	if t == nil {
		return nil
	}
	return t(r)
}
