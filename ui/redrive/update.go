package redrive

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/sqscope/sqscope/model"
	"github.com/sqscope/sqscope/ui/common"
	"github.com/sqscope/sqscope/ui/dialog"
)

// Update takes the DLQ keys the root routes here (as KeyMsg, with their
// target) and every message: the pane's own results and its dialogs'
// answers.
func (p *Pane) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case KeyMsg:
		return p.key(msg)
	case answerMsg:
		return p.answered(msg)
	case pickedMsg:
		p.picked(msg)
	case fieldPickedMsg:
		p.fieldPicked(msg)
	case MoveToMsg:
		if msg.Target.OK {
			return p.request(msg.Target, &msg.Dest)
		}
	case startedMsg:
		return p.started(msg)
	case pollMsg:
		return p.moves.tick(p.c.Ctx, p.client, msg)
	case tasksMsg:
		if msg.id == 0 { // the probe made when the DLQ pane or the dialog opened
			return p.probed(msg)
		}
		p.taskRead(msg)
	case cancelledMsg:
		p.moves.cancelFailed(msg)
	case releasedMsg:
		return p.released(msg)
	case progressMsg:
		cmd, reading := p.moves.progressed(msg)
		if reading {
			p.Say("") // the status bar shows the progress instead
		}
		return cmd
	case doneMsg:
		return p.done(msg)
	case journalsMsg:
		return p.journalsRead(msg)
	case reconciledMsg:
		p.reconciled(msg)
	case forgetMsg:
		return p.forget(msg)
	case forgottenMsg:
		p.forgotten(msg)
	}
	return nil
}

// key handles R, m, c and the grouping keys. In read-only mode R, m and c are disabled
// bindings, recognised only to say why nothing happens.
func (p *Pane) key(msg KeyMsg) tea.Cmd {
	k, keys := msg.Key, p.c.Keys.DLQ
	switch {
	case key.Matches(k, keys.Redrive):
		if !msg.Target.OK {
			return nil
		}
		return p.request(msg.Target, nil)
	case key.Matches(k, keys.MoveTo):
		if msg.Target.OK {
			p.pick(msg.Target)
		}
		return nil
	case key.Matches(k, keys.CancelMove):
		return p.cancelMove()
	case key.Matches(k, keys.GroupBy, keys.GroupPrev, keys.GroupPick):
		if p.shown() {
			p.groupKey(k)
		}
		return nil
	case p.c.Keys.ReadOnly && matchesDisabled(k, keys.CancelMove) && !p.moves.running() && p.failure != "":
		p.failure = "" // clearing what the status line shows changes nothing in SQS
	case p.c.Keys.ReadOnly && matchesDisabled(k, keys.Redrive, keys.MoveTo, keys.CancelMove):
		p.Say("read-only mode: redrive, move and cancel are disabled (restart without --read-only)")
	}
	return nil
}

// pickedMsg is the destination picker's answer.
type pickedMsg struct {
	dest *model.Queue // nil: cancelled
}

// PickedMsg asks the root for the target of a move to Dest, picked just
// now: the peek's selection and filter as they are now, not as they were
// when m was pressed.
type PickedMsg struct{ Dest model.Queue }

// MoveToMsg is the root's answer to PickedMsg: plan the move of Target's
// messages to Dest.
type MoveToMsg struct {
	Dest   model.Queue
	Target Target
}

// pick is m: choose where the target DLQ's messages go.
func (p *Pane) pick(t Target) {
	q := t.Queue
	if !p.cat.Graph.IsDLQ(q.ARN) {
		p.Say(common.OneLine(q.Name) + " is not a dead-letter queue: m moves a DLQ's messages to a queue you pick")
		return
	}
	p.Send(dialog.OpenMsg{Dialog: destinationPicker(p.c, t, p.cat.Queues)})
}

// picked asks the root for what to move to the queue picked.
func (p *Pane) picked(msg pickedMsg) {
	if msg.dest == nil {
		p.Say("move cancelled")
		return
	}
	p.Send(PickedMsg{Dest: *msg.dest})
}
