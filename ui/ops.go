package ui

import (
	tea "charm.land/bubbletea/v2"

	"github.com/sqscope/sqscope/ui/peek"
	"github.com/sqscope/sqscope/ui/purge"
)

// The root's part in delete and purge: what the purge asks of the other
// panes, and what they learn when messages are gone.

// purgeTarget is what P purges: the peeked queue, else the one under the
// list cursor, with its latest counts, their age and what the peek read.
func (a *App) purgeTarget() (purge.Target, bool) {
	q, ok := a.currentQueue()
	if !ok {
		return purge.Target{}, false
	}
	q = a.cat.Latest(q)
	age := a.poll.Age(q.URL)
	return purge.Target{Queue: q, Age: age, AgeKnown: age < 1<<62, Read: a.peek.ReadCount(q.URL)}, true
}

// opsUp acts on what delete and purge send up; false when msg is not
// theirs.
func (a *App) opsUp(msg tea.Msg) (tea.Cmd, bool) {
	switch msg := msg.(type) {
	case peek.DeletedMsg:
		// The DLQ pane's breakdown follows the list; the counts follow
		// the refresh.
		a.syncPeeked()
		a.redrive.SetPeek(a.peekState())
		return a.refresh(), true
	case purge.ExportFirstMsg:
		return a.peek.ExportRead(msg.Then), true
	case purge.PeekFirstMsg:
		return a.peek.OpenQueue(msg.Queue), true
	case purge.PurgedMsg:
		if a.peek.Open() && a.peek.Queue().URL == msg.QueueURL {
			a.peek.MarkPurged()
			a.syncPeeked()
			a.redrive.SetPeek(a.peekState())
		}
		return a.refresh(), true
	}
	return nil, false
}

// syncPeeked gives the DLQ pane the peek's list, and how many of the
// messages it read have left the queue through sqscope (moved or deleted).
func (a *App) syncPeeked() {
	a.redrive.SetPeeked(a.peek.Messages(), a.peek.Moved()+a.peek.Deleted())
}
