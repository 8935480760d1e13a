package ui

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"
)

// moveMsg handles the redrive and move messages; ok is false for any other.
func (a *App) moveMsg(msg tea.Msg) (cmd tea.Cmd, ok bool) {
	switch msg := msg.(type) {
	case redriveStartedMsg:
		return a.redriveStarted(msg), true
	case movePollMsg:
		return a.moves.tick(a.ctx, a.client, msg), true
	case moveTasksMsg:
		return a.movePolled(msg), true
	case redriveCancelMsg:
		a.moves.cancelFailed(msg)
		return nil, true
	case moveReleasedMsg:
		return a.moveReleased(msg), true
	case moveProgressMsg:
		cmd, ok := a.moves.progressed(msg)
		if ok {
			a.notice = "" // the status bar shows the progress instead
		}
		return cmd, true
	case moveDoneMsg:
		return a.moveDone(msg), true
	case moveStopTimeoutMsg:
		return a.quitAfterStop(), true
	case journalsMsg:
		a.journalsRead(msg)
		return nil, true
	}
	return nil, false
}

// moveReleased starts the move once the peek session let go of its
// messages. A failed release does not stop it: what is still held cannot
// move and stays in the DLQ, which the report will show.
func (a *App) moveReleased(msg moveReleasedMsg) tea.Cmd {
	a.peekReleased(msg.rel)
	mv := a.moves.of(msg.id)
	if mv == nil {
		return nil
	}
	if msg.rel.err != nil {
		mv.err = fmt.Errorf("some peeked messages could not be released and will not move: %w", msg.rel.err)
	}
	if mv.cancel == nil { // native
		a.notice = "starting a native redrive of " + oneLine(mv.plan.dlq.Name) + "…"
		return startRedriveCmd(a.ctx, a.client, mv.id, mv.plan.dlq.ARN, mv.plan.rate)
	}
	if mv.ctx.Err() != nil { // cancelled (c, quit) before it began
		close(mv.done)
		mv.running, mv.cancelling = false, false
		mv.report = nil
		a.notice = "move cancelled before it started: nothing was moved"
		return a.quitAfterStop()
	}
	return a.runMove()
}

// moveDone shows a client-side move's report.
func (a *App) moveDone(msg moveDoneMsg) tea.Cmd {
	if !a.moves.finished(msg) {
		return nil
	}
	mv := a.moves.cur
	a.notice = reportLine(mv)
	if a.peekOpen() && a.peek.q.URL == mv.plan.dlq.URL && mv.report != nil {
		a.dlq.movedAway += a.peek.RemoveMoved(mv.report.MovedIDs)
		a.feedDLQ()
	}
	cmds := []tea.Cmd{a.refresh(), journalsCmd()} // the depths changed, and maybe the journal
	if a.moves.stopAsked {
		cmds = append(cmds, a.quitAfterStop())
	}
	return tea.Batch(cmds...)
}

// journalsRead records the interrupted moves and, at start-up, says so.
func (a *App) journalsRead(msg journalsMsg) {
	first := a.moves.interrupted == nil
	a.moves.interrupted = msg.pending
	if !first || len(msg.pending) == 0 || a.notice != "" {
		return
	}
	names := slices.Sorted(maps.Keys(msg.pending))
	a.notice = fmt.Sprintf("an interrupted move left %s of %s half-moved: R on it finishes the move without duplicates",
		plural(msg.pending[names[0]], "message"), oneLine(names[0]))
	if len(names) > 1 {
		a.notice += fmt.Sprintf(" (and %d more DLQs)", len(names)-1)
	}
}

// reportLine is a finished client-side move in one line.
func reportLine(mv *moveState) string {
	r := mv.report
	verb := "moved"
	if r.Cancelled {
		verb = "stopped:"
	}
	parts := []string{fmt.Sprintf("%s %s", verb, plural(r.Moved, "message")),
		commas(int64(r.Failed)) + " failed", commas(int64(r.PossiblyDuplicated)) + " possibly duplicated"}
	if r.OutOfOrder > 0 {
		parts = append(parts, commas(int64(r.OutOfOrder))+" out of FIFO order")
	}
	if r.Skipped > 0 {
		parts = append(parts, commas(int64(r.Skipped))+" skipped")
	}
	if r.Resumed > 0 {
		parts = append(parts, commas(int64(r.Resumed))+" resumed from the journal")
	}
	return oneLine(mv.plan.dlq.Name) + ": " + strings.Join(parts, ", ")
}

// askQuitDuringMove asks before quitting stops a client-side move.
func (a *App) askQuitDuringMove() {
	a.confirm = newConfirm(&a.st, "quitmove", "A move is running: stop it and quit?", "stop the move and quit",
		"The batches in flight finish, every message not moved yet becomes visible again in "+
			oneLine(a.moves.cur.plan.dlq.Name)+", and then sqscope quits. Nothing is lost.",
		"Cancel to keep the move running.")
	a.confirm.SetSize(a.width, a.lay.body)
}

// stopAndQuit cancels the move and waits (at most moveStopTimeout) for it
// to return before releasing peeks and quitting.
func (a *App) stopAndQuit() (tea.Model, tea.Cmd) {
	a.moves.stopForQuit()
	a.quitting = true
	a.notice = "stopping the move before quitting… (q again quits at once)"
	return a, tea.Tick(moveStopTimeout, func(time.Time) tea.Msg { return moveStopTimeoutMsg{} })
}

// quitAfterStop goes on quitting once the stopped move returned or the
// wait timed out, whichever comes first: the peek sessions are released
// next. stopAsked is cleared so the other one, arriving later, is ignored.
func (a *App) quitAfterStop() tea.Cmd {
	if !a.moves.stopAsked || !a.quitting {
		return nil
	}
	a.moves.stopAsked = false
	_, cmd := a.releaseAndQuit()
	return cmd
}
