package ui

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/sqscope/sqscope/awsclient"
	"github.com/sqscope/sqscope/model"
)

// answerRedrive handles a key on the redrive dialog: the rate key cycles
// the rate and keeps the dialog; y or enter starts; anything else cancels.
func (a *App) answerRedrive(d *confirmDialog, k tea.KeyPressMsg) tea.Cmd {
	p := a.pendingMove
	if key.Matches(k, a.keys.Rate) && p.native() {
		for i, r := range redriveRates {
			if r == p.rate {
				a.pendingMove.rate = redriveRates[(i+1)%len(redriveRates)]
				break
			}
		}
		a.openRedriveDialog()
		return nil
	}
	a.confirm = nil
	if !d.Answer(k) {
		a.notice = "cancelled: nothing was moved"
		return nil
	}
	if p.native() {
		return a.startNative(p)
	}
	return a.startClient(p)
}

// newMove starts tracking a move numbered above every earlier one, so that
// the answers of an older move are dropped.
func (a *App) newMove(p movePlan) *moveState {
	a.moveSeq++
	a.mv = &moveState{id: a.moveSeq, plan: p, running: true}
	a.dlq.SetMove(a.mv)
	return a.mv
}

// startNative asks SQS to start a move task back to the sources, after
// releasing what a peek of the DLQ holds: a task moves visible messages.
func (a *App) startNative(p movePlan) tea.Cmd {
	mv := a.newMove(p)
	if cmd := a.releaseFirst(); cmd != nil {
		return cmd
	}
	a.notice = "starting a native redrive of " + oneLine(p.dlq.Name) + "…"
	return startRedriveCmd(a.ctx, a.client, mv.id, p.dlq.ARN, p.rate)
}

// releaseFirst releases the peek session when it holds messages of the
// DLQ about to be moved (hidden, they could not move); nil when there is
// nothing to release. The move starts when the release has answered.
func (a *App) releaseFirst() tea.Cmd {
	if a.peekSess == nil || a.peek.q.URL != a.mv.plan.dlq.URL || a.peek.held == 0 {
		return nil
	}
	a.notice = "releasing the peeked messages so they can move…"
	return releaseForMoveCmd(a.mv.id, a.peekSess)
}

// redriveStarted follows StartRedrive: poll the task, show the one already
// running instead, or fall back to the client-side move.
func (a *App) redriveStarted(msg redriveStartedMsg) tea.Cmd {
	mv := a.mv
	if mv == nil || msg.id != mv.id {
		return nil
	}
	var active *awsclient.TaskActiveError
	switch {
	case errors.As(msg.err, &active):
		mv.task = active.Task
		mv.note = "a move task was already running on this DLQ: showing it, not starting another"
		a.notice = mv.note
	case awsclient.NativeUnsupported(msg.err):
		p := mv.plan
		p.why = "this endpoint lacks the native move API"
		mv.running = false
		cmd := a.startClient(p)
		a.mv.note = "no native move API here: moving client-side instead"
		a.notice = a.mv.note
		return cmd
	case msg.err != nil:
		mv.running, mv.err = false, msg.err
		return nil
	default:
		mv.task = msg.task
		a.notice = "redrive started on " + oneLine(mv.plan.dlq.Name)
	}
	return tea.Batch(movePollCmd(mv.id), a.pollMove())
}

// pollMove reads the task's progress unless a read is on its way.
func (a *App) pollMove() tea.Cmd {
	mv := a.mv
	if mv.polling {
		return nil
	}
	mv.polling = true
	mv.pollSeq++
	return moveTasksCmd(a.ctx, a.client, mv.id, mv.pollSeq, mv.plan.dlq.ARN)
}

// movePolled stores a progress read. A stale one (an older poll, another
// move) is dropped; the probe made when the DLQ pane opens (id 0) adopts a
// task already running there.
func (a *App) movePolled(msg moveTasksMsg) tea.Cmd {
	if msg.id == 0 {
		return a.probed(msg)
	}
	mv := a.mv
	if mv == nil || msg.id != mv.id || msg.seq != mv.pollSeq {
		return nil
	}
	mv.polling = false
	if msg.err != nil {
		mv.err = msg.err // the next tick tries again
		return nil
	}
	mv.err = nil
	t, ok := taskOf(msg.tasks, mv.task.Handle)
	if !ok {
		return nil
	}
	if t != mv.task {
		a.notice = "" // the status bar shows the progress instead
	}
	mv.task = t
	if !t.Done() {
		return nil
	}
	mv.running, mv.cancelling = false, false
	a.notice = fmt.Sprintf("redrive of %s %s: %s of %s moved", oneLine(mv.plan.dlq.Name),
		strings.ToLower(string(t.Status)), commas(t.Moved), commas(t.ToMove))
	return a.refresh() // the depths changed
}

// taskOf picks the task being watched: the one with handle, else the
// newest (SQS reports a handle only while a task runs).
func taskOf(ts []model.MoveTask, handle string) (model.MoveTask, bool) {
	for _, t := range ts {
		if handle != "" && t.Handle == handle {
			return t, true
		}
	}
	if len(ts) == 0 {
		return model.MoveTask{}, false
	}
	return ts[0], true
}

// probed adopts a task found running on the DLQ the pane just opened on.
func (a *App) probed(msg moveTasksMsg) tea.Cmd {
	if msg.err != nil || (a.mv != nil && a.mv.running) || !a.peekOpen() || a.peek.q.ARN != msg.dlqARN {
		return nil
	}
	t, ok := taskOf(msg.tasks, "")
	if !ok || !t.Active() {
		return nil
	}
	mv := a.newMove(movePlan{dlq: a.peek.q})
	mv.task = t
	mv.note = "a move task is running on this DLQ"
	return tea.Batch(movePollCmd(mv.id), a.pollMove())
}

// movePollTick re-arms the timer while the task runs and polls.
func (a *App) movePollTick(msg movePollMsg) tea.Cmd {
	if a.mv == nil || msg.id != a.mv.id || !a.mv.running || a.mv.cancel != nil {
		return nil // the move ended or was replaced: the timer stops here
	}
	return tea.Batch(movePollCmd(msg.id), a.pollMove())
}

// cancelMove is c: cancel the native task, or stop the client-side move.
func (a *App) cancelMove() tea.Cmd {
	mv := a.mv
	switch {
	case mv == nil || !mv.running:
		a.notice = "no move is running"
		return nil
	case mv.cancel != nil:
		mv.cancel()
		mv.cancelling = true
		a.notice = "stopping the move: batches in flight finish, every unmoved message becomes visible again"
		return nil
	case mv.task.Status == "":
		a.notice = "the move task is starting: press c again once it runs"
		return nil
	case mv.task.Status != model.TaskRunning || mv.task.Handle == "":
		a.notice = "only a RUNNING move task can be cancelled; this one is " + oneLine(string(mv.task.Status))
		return nil
	}
	mv.cancelling = true
	a.notice = "cancelling the move task…"
	return cancelRedriveCmd(a.ctx, a.client, mv.id, mv.task.Handle)
}

// startClient starts a client-side move. A peek session of the DLQ holds
// the messages it read (invisible), so it is released first.
func (a *App) startClient(p movePlan) tea.Cmd {
	mv := a.newMove(p)
	ctx, cancel := context.WithCancel(context.Background())
	mv.ctx, mv.cancel = ctx, cancel
	mv.done = make(chan struct{})
	mv.progress = make(chan awsclient.MoveProgress, 16)
	mv.prog.Total = p.count()
	a.peek.selected = map[string]bool{} // chosen once: a second R must not move them again
	if cmd := a.releaseFirst(); cmd != nil {
		return cmd
	}
	return a.runMove()
}

// runMove launches Move and the reader of its progress.
func (a *App) runMove() tea.Cmd {
	mv := a.mv
	p := mv.plan
	req := awsclient.MoveRequest{SourceURL: p.dlq.URL}
	if p.dest != nil {
		req.DestURL = p.dest.URL
	}
	if p.ids != nil {
		set := make(map[string]bool, len(p.ids))
		for _, id := range p.ids {
			set[id] = true
		}
		req.Select = func(m model.Message) bool { return set[m.ID] }
		req.Limit = len(p.ids)
	}
	a.notice = "moving client-side from " + oneLine(p.dlq.Name) + "…"
	mv.launched = true
	return tea.Batch(moveCmd(mv.ctx, a.client, mv.id, p.dlq.Name, req, mv.progress, mv.done),
		moveProgressCmd(mv.id, mv.progress))
}
