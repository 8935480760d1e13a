package ui

import (
	"fmt"

	tea "charm.land/bubbletea/v2"

	"github.com/sqscope/sqscope/model"
	"github.com/sqscope/sqscope/ui/common"
	"github.com/sqscope/sqscope/ui/dialog"
	"github.com/sqscope/sqscope/ui/peek"
	"github.com/sqscope/sqscope/ui/queueform"
	"github.com/sqscope/sqscope/ui/queues"
	"github.com/sqscope/sqscope/ui/redrive"
)

// up acts on one message a pane sent up: it opens a dialog, says
// something, or tells another pane what it needs to know. This is the
// only place where one pane's news reaches another.
func (a *App) up(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case common.NoticeMsg:
		// While quitting the status line says how the quit goes; a quiet
		// notice never hides another.
		if !a.quitting && !(msg.Quiet && a.notice != "") {
			a.notice = msg.Text
		}
	case dialog.OpenMsg:
		a.dialogs.Push(msg.Dialog)
	case dialog.CloseMsg:
		a.dialogs.Close(msg.Dialog)

	case queues.PeekMsg:
		return a.peek.OpenQueue(msg.Queue)
	case queues.SortedMsg:
		if msg.By == model.SortByDepth {
			return a.poll.Demand() // the order needs every queue's count
		}
	case peek.OpenedMsg:
		a.queues.Blur()
		a.peek.Focus()
		a.relayout()
		a.redrive.SetPeek(a.peekState())
		return a.redrive.Attach(msg.Queue)
	case peek.ClosedMsg:
		a.redrive.Detach()
		a.peek.Blur()
		a.queues.Focus()
		a.relayout()
	case peek.PageReadMsg:
		a.syncPeeked()
		a.redrive.SetPeek(a.peekState())
		a.redrive.Yield()

	case redrive.ReleasePeekMsg:
		return a.peek.Release(msg.Then)
	case redrive.YieldMsg:
		return a.peek.Release(nil)
	case redrive.PickedMsg:
		return a.toRedrive(redrive.MoveToMsg{Dest: msg.Dest, Target: a.target()})
	case redrive.ClearSelectionMsg:
		if a.peek.Queue().URL == msg.QueueURL {
			a.peek.ClearSelection()
		}
	case redrive.MovedAwayMsg:
		if a.peek.Open() && a.peek.Queue().URL == msg.QueueURL {
			a.peek.RemoveMoved(msg.IDs)
			a.syncPeeked()
		}
	case redrive.RedrivenMsg:
		if a.peek.Open() && a.peek.Queue().URL == msg.QueueURL {
			a.peek.MarkRedriven()
		}
	case redrive.RefreshMsg:
		return a.refresh()
	case redrive.StoppedMsg:
		return a.moveStopped()

	case queueform.ChangedMsg:
		a.queues.SelectWhenListed(msg.Select)
		return a.refresh()
	default:
		if cmd, ok := a.switchMsg(msg); ok { // the command line's :profile, :region, :ro
			return cmd
		}
		if cmd, ok := a.opsUp(msg); ok {
			return cmd
		}
		if cmd, ok := a.sendUp(msg); ok {
			return cmd
		}
		// A message a pane sends up and nobody handles is a bug that
		// would fail silently: say so at once, in the first test.
		panic(fmt.Sprintf("ui: %T sent up by a pane and not handled", msg))
	}
	return nil
}
