package redrive

import (
	"context"

	"github.com/sqscope/sqscope/awsclient"
	"github.com/sqscope/sqscope/model"
	"github.com/sqscope/sqscope/ui/common"
)

// What the root asks of the moves: the status line, and quitting.

// Status is the running move on the status line; empty when none runs.
func (p *Pane) Status() string {
	st, c := &p.c.Styles, p.moves
	switch {
	case c.running() && c.cur.err != nil:
		return st.StatusErr.Render("✗ " + common.OneLine(c.cur.plan.dlq.Name) + ": " + common.ErrText(c.cur.err))
	case c.running():
		return st.Status.Render(moveStatus(c.cur))
	case p.failure != "":
		return st.StatusErr.Render("✗ " + p.failure + " (c clears)")
	}
	return ""
}

// Running reports whether a move runs (a native task, or client-side).
func (p *Pane) Running() bool { return p.moves.running() }

// Moving is the DLQ a client-side move is running from; ok is false when
// none runs. Quitting asks first, since it stops the move.
func (p *Pane) Moving() (dlq string, ok bool) {
	if !p.moves.clientRunning() {
		return "", false
	}
	return p.moves.cur.plan.dlq.Name, true
}

// StopForQuit cancels the client-side move; StoppedMsg says when it
// returned.
func (p *Pane) StopForQuit() {
	if mv := p.moves.cur; p.moves.clientRunning() {
		mv.cancel()
		mv.cancelling = true
	}
}

// Stop cancels a running client-side move and waits for it to return
// while ctx allows, for ReleaseAll after the program ended; its held
// messages are released by Move itself.
func (p *Pane) Stop(ctx context.Context) { p.moves.stop(ctx) }

// Last is how the latest move stands: a copy, for tests and for anything
// that must know how a move went without reaching into the pane.
type Last struct {
	Started  bool // a move was started or adopted (false: none yet)
	Running  bool
	Native   bool  // a move task, not a client-side move
	Stopping bool  // cancelled, not returned yet
	Err      error // the last error; the move may have gone on
	Note     string
	Task     model.MoveTask        // native
	Report   *awsclient.MoveReport // client-side, once it returned
}

// Latest is the latest move's Last.
func (p *Pane) Latest() Last {
	mv := p.moves.cur
	if mv == nil {
		return Last{}
	}
	l := Last{Started: true, Running: mv.running, Native: mv.cancel == nil, Stopping: mv.cancelling,
		Err: mv.err, Note: mv.note, Task: mv.task}
	if mv.report != nil {
		r := *mv.report
		l.Report = &r
	}
	return l
}
