package ui

import (
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
	p := a.moves.pending
	if key.Matches(k, a.keys.Rate) && p.native() {
		for i, r := range redriveRates {
			if r == p.rate {
				a.moves.pending.rate = redriveRates[(i+1)%len(redriveRates)]
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

// newMove starts tracking a move (see moveCtl.begin) and shows it.
func (a *App) newMove(p movePlan) *moveState {
	mv := a.moves.begin(p)
	a.dlq.SetMove(mv)
	return mv
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
	mv := a.moves.cur
	if !a.pk.open() || a.peek.q.URL != mv.plan.dlq.URL || a.peek.held == 0 {
		return nil
	}
	a.notice = "releasing the peeked messages so they can move…"
	return releaseForMoveCmd(mv.id, a.pk.sess)
}

// redriveStarted follows StartRedrive: poll the task, show the one already
// running instead, or fall back to the client-side move.
func (a *App) redriveStarted(msg redriveStartedMsg) tea.Cmd {
	mv := a.moves.of(msg.id)
	if mv == nil {
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
		a.moves.cur.note = "no native move API here: moving client-side instead"
		a.notice = a.moves.cur.note
		return cmd
	case msg.err != nil:
		mv.running, mv.err = false, msg.err
		return nil
	default:
		mv.task = msg.task
		a.notice = "redrive started on " + oneLine(mv.plan.dlq.Name)
	}
	return tea.Batch(movePollCmd(mv.id), a.moves.poll(a.ctx, a.client))
}

// movePolled stores a progress read. A stale one (an older poll, another
// move) is dropped; the probe made when the DLQ pane opens (id 0) adopts a
// task already running there.
func (a *App) movePolled(msg moveTasksMsg) tea.Cmd {
	if msg.id == 0 {
		return a.probed(msg)
	}
	ok, changed, done := a.moves.polled(msg)
	if !ok {
		return nil
	}
	if changed {
		a.notice = "" // the status bar shows the progress instead
	}
	if !done {
		return nil
	}
	mv, t := a.moves.cur, a.moves.cur.task
	if a.peekOpen() && a.peek.q.URL == mv.plan.dlq.URL && t.Moved > 0 {
		a.peek.MarkRedriven()
	}
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

// probed adopts a task found running on the DLQ the pane just opened on,
// or the one the redrive dialog is about (closing the dialog: y would only
// be refused).
func (a *App) probed(msg moveTasksMsg) tea.Cmd {
	if msg.err != nil || a.moves.running() {
		return nil
	}
	var dlq model.Queue
	asking := a.confirm != nil && a.confirm.tag == "redrive" && a.moves.pending.dlq.ARN == msg.dlqARN
	switch {
	case asking:
		dlq = a.moves.pending.dlq
	case a.peekOpen() && a.peek.q.ARN == msg.dlqARN:
		dlq = a.peek.q
	default:
		return nil
	}
	t, ok := taskOf(msg.tasks, "")
	if !ok || !t.Active() {
		return nil
	}
	if asking {
		a.confirm = nil
		a.notice = "a move task is already running on " + oneLine(dlq.Name) + ": showing it instead of starting another"
	}
	mv := a.newMove(movePlan{dlq: dlq})
	mv.task = t
	mv.note = "a move task is running on this DLQ"
	return tea.Batch(movePollCmd(mv.id), a.moves.poll(a.ctx, a.client), a.yieldToTask())
}

// nativeMoveOn reports whether a native move task is being watched on q.
func (a *App) nativeMoveOn(q model.Queue) bool {
	return a.moves.running() && a.moves.cur.cancel == nil && a.moves.cur.plan.dlq.URL == q.URL
}

// yieldToTask releases what the peek holds when a move task runs on the
// peeked DLQ: a task moves only visible messages, and would end with the
// held ones left behind. The list keeps showing them.
func (a *App) yieldToTask() tea.Cmd {
	if !a.peekOpen() || a.peek.held == 0 || !a.nativeMoveOn(a.peek.q) {
		return nil
	}
	// In the DLQ pane, which lasts: the release's own notice follows.
	a.moves.cur.note = "a move task is running on this DLQ: the peeked messages were released so that it can move them"
	return releaseCmd(a.pk.sess)
}

// cancelMove is c: cancel the native task, or stop the client-side move.
func (a *App) cancelMove() tea.Cmd {
	mv := a.moves.cur
	switch {
	case !a.moves.running():
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
	a.dlq.SetMove(a.moves.beginClient(p))
	a.peek.selected = map[string]bool{} // chosen once: a second R must not move them again
	if cmd := a.releaseFirst(); cmd != nil {
		return cmd
	}
	return a.runMove()
}

// runMove launches Move and the reader of its progress.
func (a *App) runMove() tea.Cmd {
	a.notice = "moving client-side from " + oneLine(a.moves.cur.plan.dlq.Name) + "…"
	return a.moves.launch(a.client)
}
