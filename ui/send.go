package ui

import (
	tea "charm.land/bubbletea/v2"

	"github.com/sqscope/sqscope/ui/compose"
)

// The root's part in sending: what S, F and E act on, what ui/compose
// may know of the peek, and what the peek learns when an original is
// deleted after its resend.

// toCompose hands msg to the sending, with where the peek stands: whether
// it still holds a message is read when the pane asks.
func (a *App) toCompose(msg tea.Msg) tea.Cmd {
	a.compose.SetPeek(compose.Peek{Open: a.peek.Open(), QueueURL: a.peek.Queue().URL, Holds: a.peek.Holds})
	return a.compose.Update(msg)
}

// composeTarget is what S, F and E act on: the queue under the list
// cursor, or the peeked one and the message under the peek's cursor.
func (a *App) composeTarget() compose.Target {
	q, ok := a.currentQueue()
	t := compose.Target{Queue: q, OK: ok}
	if a.peek.Open() {
		t.Message, t.HasMessage = a.peek.Current()
	}
	return t
}

// sendUp acts on what the sending sends up; false when msg is not its.
func (a *App) sendUp(msg tea.Msg) (tea.Cmd, bool) {
	switch msg := msg.(type) {
	case compose.OriginalDeletedMsg:
		// The peek's list, and the DLQ pane's breakdown after it, lose the
		// original; the counts follow the refresh SentMsg brings.
		if a.peek.Open() && a.peek.Queue().URL == msg.QueueURL {
			a.peek.RemoveDeleted([]string{msg.ID})
			a.syncPeeked()
			a.redrive.SetPeek(a.peekState())
		}
		return nil, true
	case compose.SentMsg:
		return a.refresh(), true // the queue's counts changed
	}
	return nil, false
}
