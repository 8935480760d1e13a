package ui

import (
	tea "charm.land/bubbletea/v2"

	"github.com/sqscope/sqscope/ui/peek"
)

// The root's part in delete: what the other panes learn when messages
// are gone.

// opsUp acts on what delete sends up; false when msg is not its.
func (a *App) opsUp(msg tea.Msg) (tea.Cmd, bool) {
	switch msg.(type) {
	case peek.DeletedMsg:
		// The DLQ pane's breakdown follows the list; the counts follow
		// the refresh.
		a.syncPeeked()
		a.redrive.SetPeek(a.peekState())
		return a.refresh(), true
	}
	return nil, false
}

// syncPeeked gives the DLQ pane the peek's list, and how many of the
// messages it read have left the queue through sqscope (moved or deleted).
func (a *App) syncPeeked() {
	a.redrive.SetPeeked(a.peek.Messages(), a.peek.Moved()+a.peek.Deleted())
}
