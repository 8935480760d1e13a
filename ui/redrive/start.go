package redrive

import (
	"errors"

	tea "charm.land/bubbletea/v2"

	"github.com/sqscope/sqscope/awsclient"
	"github.com/sqscope/sqscope/model"
	"github.com/sqscope/sqscope/ui/common"
)

// Starting and stopping moves.

// ClearSelectionMsg tells the root that the peek of QueueURL must forget
// its selection: the move took it, and a second R must not move it again.
type ClearSelectionMsg struct{ QueueURL string }

// start starts the pending plan, once the dialog said yes.
func (p *Pane) start() tea.Cmd {
	p.failure = "" // the last move's failure is history once another begins
	if p.pending.native() {
		return p.startNative(p.pending)
	}
	return p.startClient(p.pending)
}

// startNative asks SQS to start a move task back to the sources, after
// releasing what a peek of the DLQ holds: a task moves visible messages.
func (p *Pane) startNative(pl plan) tea.Cmd {
	mv := p.moves.begin(pl)
	if p.releaseFirst() {
		return nil
	}
	p.Say("starting a native redrive of " + common.OneLine(pl.dlq.Name) + "…")
	mv.asked = p.c.Now()
	return startCmd(p.c.Ctx, p.client, mv.id, pl.dlq.ARN, pl.rate)
}

// ReleasePeekMsg asks the root to have the peek pane release what it
// holds, and to hand the pane Then's message once the release answered:
// a move starts only when the messages it is to move are visible.
type ReleasePeekMsg struct{ Then func(error) tea.Msg }

// releaseFirst asks for the peek's release when it holds messages of the
// DLQ about to be moved (hidden, they could not move); false when there is
// nothing to release. The move starts when the release has answered.
func (p *Pane) releaseFirst() bool {
	if !p.peek.on(p.moves.cur.plan.dlq.URL) || p.peek.Held == 0 {
		return false
	}
	p.Say("releasing the peeked messages so they can move…")
	id := p.moves.cur.id
	p.Send(ReleasePeekMsg{Then: func(err error) tea.Msg { return releasedMsg{id: id, err: err} }})
	return true
}

// startClient starts a client-side move. A peek session of the DLQ holds
// the messages it read (invisible), so it is released first.
func (p *Pane) startClient(pl plan) tea.Cmd {
	p.moves.beginClient(pl)
	if p.peek.Queue.URL == pl.dlq.URL {
		p.Send(ClearSelectionMsg{QueueURL: pl.dlq.URL})
	}
	if p.releaseFirst() {
		return nil
	}
	return p.run()
}

// run launches Move and the reader of its progress.
func (p *Pane) run() tea.Cmd {
	p.Say("moving client-side from " + common.OneLine(p.moves.cur.plan.dlq.Name) + "…")
	return p.moves.launch(p.client)
}

// started follows StartRedrive: poll the task, show the one already
// running instead, or fall back to the client-side move.
func (p *Pane) started(msg startedMsg) tea.Cmd {
	mv := p.moves.of(msg.id)
	if mv == nil {
		return nil
	}
	// What each answer means is awsclient.JudgeStart's to say, as for
	// `sqscope redrive`.
	var active *awsclient.TaskActiveError
	var unknown *awsclient.StartUnknownError
	switch awsclient.JudgeStart(msg.err) {
	case awsclient.StartRetry:
		// The task list shows nothing started: nothing runs, R tries again.
		errors.As(msg.err, &unknown)
		mv.running, mv.err = false, msg.err
		p.fail("the move task of " + common.OneLine(mv.plan.dlq.Name) + " did not start (" + common.ErrText(unknown.Err) + "): R tries again")
		return nil
	case awsclient.StartSearch:
		// The answer was lost and the task list could not be read: a task
		// may be running. Never move client-side beside it: look for it.
		mv.note, mv.searching = "the answer to the start was lost: looking for the task…", true
		p.Say(mv.note)
	case awsclient.StartAdopt:
		errors.As(msg.err, &active)
		mv.task = active.Task
		mv.note = "a move task was already running on this DLQ: showing it, not starting another"
		p.Say(mv.note)
	case awsclient.StartFallBack:
		p.noNative = true
		pl := mv.plan
		pl.why = model.WhyFellBack
		mv.running = false
		cmd := p.startClient(pl)
		p.moves.cur.note = "no native move API here: moving client-side instead"
		p.Say(p.moves.cur.note)
		return cmd
	case awsclient.StartFailed:
		mv.running, mv.err = false, msg.err
		p.fail("the move task of " + common.OneLine(mv.plan.dlq.Name) + " did not start: " + common.ErrText(msg.err))
		return nil
	default:
		mv.task = msg.task
		p.Say("redrive started on " + common.OneLine(mv.plan.dlq.Name))
	}
	return tea.Batch(pollCmd(mv.id), p.moves.poll(p.c.Ctx, p.client))
}

// fail says text and keeps it on the status line until c clears it or
// another move begins: a move that ended badly must not scroll away.
func (p *Pane) fail(text string) {
	p.failure = text
	p.Say(text)
}

// cancelMove is c: cancel the native task, or stop the client-side move.
func (p *Pane) cancelMove() tea.Cmd {
	mv := p.moves.cur
	switch {
	case !p.moves.running() && p.failure != "":
		p.failure = "" // seen: the status line is free again
		return nil
	case !p.moves.running() && mv != nil:
		p.Say("the move of " + common.OneLine(mv.plan.dlq.Name) + " has ended: nothing to stop")
		return nil
	case !p.moves.running():
		p.Say("no move is running")
		return nil
	case mv.cancel != nil:
		mv.cancel()
		mv.cancelling = true
		p.Say("stopping the move: batches in flight finish, every unmoved message becomes visible again")
		return nil
	case mv.task.Status == "":
		p.Say("the move task is starting: press c again once it runs")
		return nil
	case mv.task.Status != model.TaskRunning || mv.task.Handle == "":
		p.Say("only a RUNNING move task can be cancelled; this one is " + common.OneLine(string(mv.task.Status)))
		return nil
	}
	mv.cancelling = true
	p.Say("cancelling the move task…")
	return cancelCmd(p.c.Ctx, p.client, mv.id, mv.task.Handle)
}
