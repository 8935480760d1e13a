package ui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/sqscope/sqscope/model"
)

// The App's side of redrive and move: it routes keys and results to
// moveCtl, which does the work, and keeps only the dialogs and quitting.

// moveEnv hands moveCtl the parts of the App the move flow touches.
func (a *App) moveEnv() moveEnv {
	return moveEnv{ctx: a.ctx, client: a.client, graph: a.graph, byARN: a.byARN,
		peek: &a.peek, sess: a.pk.sess, dlq: &a.dlq, notice: &a.notice,
		asking: a.confirm != nil && a.confirm.tag == "redrive"}
}

// moveMsg handles the redrive and move messages; ok is false for any other.
func (a *App) moveMsg(msg tea.Msg) (tea.Cmd, bool) {
	if m, ok := msg.(moveReleasedMsg); ok {
		a.peekReleased(m.rel) // the peek's side of the release comes first
	}
	cmd, fx, ok := a.moves.update(a.moveEnv(), msg)
	if fx.shut {
		a.confirm = nil
	}
	var cmds []tea.Cmd
	if fx.refresh {
		cmds = append(cmds, a.refresh())
	}
	cmds = append(cmds, cmd)
	if fx.stopped {
		cmds = append(cmds, a.quitAfterStop())
	}
	return tea.Batch(cmds...), ok
}

// redriveKey handles R, m and c (and a for the DLQ pane); ok is false for
// any other key. In read-only mode R, m and c are disabled bindings, so
// they are recognised here only to say why nothing happens.
func (a *App) redriveKey(k tea.KeyPressMsg) (tea.Cmd, bool) {
	switch {
	case key.Matches(k, a.keys.Redrive):
		return a.requestRedrive(nil), true
	case key.Matches(k, a.keys.MoveTo):
		a.openPicker()
		return nil, true
	case key.Matches(k, a.keys.CancelMove):
		return a.moves.cancelMove(a.moveEnv()), true
	case a.peekOpen() && a.dlqShown() && key.Matches(k, a.keys.GroupBy):
		a.dlq.NextField()
		return nil, true
	case a.keys.ReadOnly && matchesDisabled(k, a.keys.Redrive, a.keys.MoveTo, a.keys.CancelMove):
		a.notice = "read-only mode: redrive, move and cancel are disabled (restart without --read-only)"
		return nil, true
	}
	return nil, false
}

// matchesDisabled reports whether k would match one of bs if enabled.
func matchesDisabled(k tea.KeyPressMsg, bs ...key.Binding) bool {
	for _, b := range bs {
		b.SetEnabled(true)
		if key.Matches(k, b) {
			return true
		}
	}
	return false
}

// currentQueue is the queue R and m act on: the peeked one, else the
// one under the list cursor.
func (a *App) currentQueue() (model.Queue, bool) {
	if a.peekOpen() {
		return a.peek.q, true
	}
	return a.browse.list.Selected()
}

// requestRedrive opens the redrive dialog for the current queue, to its
// sources or to dest.
func (a *App) requestRedrive(dest *model.Queue) tea.Cmd {
	q, ok := a.currentQueue()
	if !ok {
		return nil
	}
	probe, ask := a.moves.request(a.moveEnv(), q, dest)
	if ask {
		a.openRedriveDialog()
	}
	return probe
}

// openRedriveDialog (re)builds the dialog from the pending plan.
func (a *App) openRedriveDialog() {
	a.ask(a.moves.dialog(&a.st, a.graph, a.byARN))
}
