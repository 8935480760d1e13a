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

// answer handles a key on the redrive dialog: the rate key cycles the
// rate and asks again; y or enter starts; anything else cancels.
func (c *moveCtl) answer(e moveEnv, d *confirmDialog, k tea.KeyPressMsg, rate key.Binding) (cmd tea.Cmd, again bool) {
	if key.Matches(k, rate) && c.pending.native() {
		c.nextRate()
		return nil, true
	}
	if !d.Answer(k) {
		e.say("cancelled: nothing was moved")
		return nil, false
	}
	return c.start(e), false
}

// start starts the pending plan, once the dialog said yes.
func (c *moveCtl) start(e moveEnv) tea.Cmd {
	if c.pending.native() {
		return c.startNative(e, c.pending)
	}
	return c.startClient(e, c.pending)
}

// show starts tracking a move (see begin) and shows it in the DLQ pane.
func (c *moveCtl) show(e moveEnv, p movePlan) *moveState {
	mv := c.begin(p)
	e.dlq.SetMove(mv)
	return mv
}

// startNative asks SQS to start a move task back to the sources, after
// releasing what a peek of the DLQ holds: a task moves visible messages.
func (c *moveCtl) startNative(e moveEnv, p movePlan) tea.Cmd {
	mv := c.show(e, p)
	if cmd := c.releaseFirst(e); cmd != nil {
		return cmd
	}
	e.say("starting a native redrive of " + oneLine(p.dlq.Name) + "…")
	return startRedriveCmd(e.ctx, e.client, mv.id, p.dlq.ARN, p.rate)
}

// releaseFirst releases the peek session when it holds messages of the
// DLQ about to be moved (hidden, they could not move); nil when there is
// nothing to release. The move starts when the release has answered.
func (c *moveCtl) releaseFirst(e moveEnv) tea.Cmd {
	if !e.peeking(c.cur.plan.dlq.URL) || e.peek.held == 0 {
		return nil
	}
	e.say("releasing the peeked messages so they can move…")
	return releaseForMoveCmd(c.cur.id, e.sess)
}

// startClient starts a client-side move. A peek session of the DLQ holds
// the messages it read (invisible), so it is released first.
func (c *moveCtl) startClient(e moveEnv, p movePlan) tea.Cmd {
	e.dlq.SetMove(c.beginClient(p))
	if e.peek.q.URL == p.dlq.URL {
		e.peek.selected = map[string]bool{} // chosen once: a second R must not move them again
	}
	if cmd := c.releaseFirst(e); cmd != nil {
		return cmd
	}
	return c.run(e)
}

// run launches Move and the reader of its progress.
func (c *moveCtl) run(e moveEnv) tea.Cmd {
	e.say("moving client-side from " + oneLine(c.cur.plan.dlq.Name) + "…")
	return c.launch(e.client)
}

// started follows StartRedrive: poll the task, show the one already
// running instead, or fall back to the client-side move.
func (c *moveCtl) started(e moveEnv, msg redriveStartedMsg) tea.Cmd {
	mv := c.of(msg.id)
	if mv == nil {
		return nil
	}
	var active *awsclient.TaskActiveError
	switch {
	case errors.As(msg.err, &active):
		mv.task = active.Task
		mv.note = "a move task was already running on this DLQ: showing it, not starting another"
		e.say(mv.note)
	case awsclient.NativeUnsupported(msg.err):
		p := mv.plan
		p.why = "this endpoint lacks the native move API"
		mv.running = false
		cmd := c.startClient(e, p)
		c.cur.note = "no native move API here: moving client-side instead"
		e.say(c.cur.note)
		return cmd
	case msg.err != nil:
		mv.running, mv.err = false, msg.err
		return nil
	default:
		mv.task = msg.task
		e.say("redrive started on " + oneLine(mv.plan.dlq.Name))
	}
	return tea.Batch(movePollCmd(mv.id), c.poll(e.ctx, e.client))
}

// taskRead stores a progress read; a stale one (an older poll, another
// move) is dropped. ended says the task ended, so the depths changed.
func (c *moveCtl) taskRead(e moveEnv, msg moveTasksMsg) (ended bool) {
	ok, changed, done := c.polled(msg)
	if !ok {
		return false
	}
	if changed {
		e.say("") // the status bar shows the progress instead
	}
	if !done {
		return false
	}
	mv, t := c.cur, c.cur.task
	if e.peeking(mv.plan.dlq.URL) && t.Moved > 0 {
		e.peek.MarkRedriven()
	}
	e.say(fmt.Sprintf("redrive of %s %s: %s of %s moved", oneLine(mv.plan.dlq.Name),
		strings.ToLower(string(t.Status)), commas(t.Moved), commas(t.ToMove)))
	return true
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
// or the one the redrive dialog is about; shut says to close that
// dialog, as y would only be refused.
func (c *moveCtl) probed(e moveEnv, msg moveTasksMsg) (cmd tea.Cmd, shut bool) {
	if msg.err != nil || c.running() {
		return nil, false
	}
	var dlq model.Queue
	asking := e.asking && c.pending.dlq.ARN == msg.dlqARN
	switch {
	case asking:
		dlq = c.pending.dlq
	case e.peekOpen() && e.peek.q.ARN == msg.dlqARN:
		dlq = e.peek.q
	default:
		return nil, false
	}
	t, ok := taskOf(msg.tasks, "")
	if !ok || !t.Active() {
		return nil, false
	}
	if asking {
		e.say("a move task is already running on " + oneLine(dlq.Name) + ": showing it instead of starting another")
	}
	mv := c.show(e, movePlan{dlq: dlq})
	mv.task = t
	mv.note = "a move task is running on this DLQ"
	return tea.Batch(movePollCmd(mv.id), c.poll(e.ctx, e.client), c.yieldToTask(e)), asking
}

// nativeOn reports whether a native move task is being watched on q.
func (c *moveCtl) nativeOn(q model.Queue) bool {
	return c.running() && c.cur.cancel == nil && c.cur.plan.dlq.URL == q.URL
}

// yieldToTask releases what the peek holds when a move task runs on the
// peeked DLQ: a task moves only visible messages, and would end with the
// held ones left behind. The list keeps showing them.
func (c *moveCtl) yieldToTask(e moveEnv) tea.Cmd {
	if !e.peekOpen() || e.peek.held == 0 || !c.nativeOn(e.peek.q) {
		return nil
	}
	// In the DLQ pane, which lasts: the release's own notice follows.
	c.cur.note = "a move task is running on this DLQ: the peeked messages were released so that it can move them"
	return releaseCmd(e.sess)
}

// cancelMove is c: cancel the native task, or stop the client-side move.
func (c *moveCtl) cancelMove(e moveEnv) tea.Cmd {
	mv := c.cur
	switch {
	case !c.running():
		e.say("no move is running")
		return nil
	case mv.cancel != nil:
		mv.cancel()
		mv.cancelling = true
		e.say("stopping the move: batches in flight finish, every unmoved message becomes visible again")
		return nil
	case mv.task.Status == "":
		e.say("the move task is starting: press c again once it runs")
		return nil
	case mv.task.Status != model.TaskRunning || mv.task.Handle == "":
		e.say("only a RUNNING move task can be cancelled; this one is " + oneLine(string(mv.task.Status)))
		return nil
	}
	mv.cancelling = true
	e.say("cancelling the move task…")
	return cancelRedriveCmd(e.ctx, e.client, mv.id, mv.task.Handle)
}
