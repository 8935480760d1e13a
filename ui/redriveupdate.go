package ui

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	tea "charm.land/bubbletea/v2"
	"github.com/sqscope/sqscope/awsclient"
)

// moveFx is what a move result asks of the App besides its Cmd.
type moveFx struct {
	refresh bool // the depths changed: refresh the list (first)
	stopped bool // a stop asked for on quit is over: go on quitting (last)
	shut    bool // close the redrive dialog: y would only be refused
}

// update handles the redrive and move results; ok is false for any other
// message.
func (c *moveCtl) update(e moveEnv, msg tea.Msg) (cmd tea.Cmd, fx moveFx, ok bool) {
	switch msg := msg.(type) {
	case redriveStartedMsg:
		cmd = c.started(e, msg)
	case movePollMsg:
		cmd = c.tick(e.ctx, e.client, msg)
	case moveTasksMsg:
		if msg.id == 0 { // the probe made when the DLQ pane or the dialog opened
			cmd, fx.shut = c.probed(e, msg)
		} else {
			fx.refresh = c.taskRead(e, msg)
		}
	case redriveCancelMsg:
		c.cancelFailed(msg)
	case moveReleasedMsg:
		cmd, fx.stopped = c.released(e, msg)
	case moveProgressMsg:
		var reading bool
		if cmd, reading = c.progressed(msg); reading {
			e.say("") // the status bar shows the progress instead
		}
	case moveDoneMsg:
		if c.done(e, msg) { // the depths changed, and maybe the journal
			cmd, fx.refresh, fx.stopped = journalsCmd(), true, c.stopAsked
		}
	case moveStopTimeoutMsg:
		fx.stopped = true
	case journalsMsg:
		c.journalsRead(msg, e.notice)
	default:
		return nil, fx, false
	}
	return cmd, fx, true
}

// released starts the move once the peek session let go of its messages.
// A failed release does not stop it: what is still held cannot move and
// stays in the DLQ, which the report will show. stopped says a stop asked
// for before the move began is over, so quitting may go on.
func (c *moveCtl) released(e moveEnv, msg moveReleasedMsg) (cmd tea.Cmd, stopped bool) {
	mv := c.of(msg.id)
	if mv == nil {
		return nil, false
	}
	if msg.rel.err != nil {
		mv.err = fmt.Errorf("some peeked messages could not be released and will not move: %w", msg.rel.err)
	}
	if mv.cancel == nil { // native
		e.say("starting a native redrive of " + oneLine(mv.plan.dlq.Name) + "…")
		return startRedriveCmd(e.ctx, e.client, mv.id, mv.plan.dlq.ARN, mv.plan.rate), false
	}
	if mv.ctx.Err() != nil { // cancelled (c, quit) before it began
		close(mv.done)
		mv.running, mv.cancelling = false, false
		mv.report = nil
		e.say("move cancelled before it started: nothing was moved")
		return nil, true
	}
	return c.run(e), false
}

// done shows a client-side move's report; false for a stale one.
func (c *moveCtl) done(e moveEnv, msg moveDoneMsg) bool {
	if !c.finished(msg) {
		return false
	}
	mv := c.cur
	e.say(reportLine(mv))
	if e.peeking(mv.plan.dlq.URL) && mv.report != nil {
		e.dlq.movedAway += e.peek.RemoveMoved(mv.report.MovedIDs)
		e.dlq.feed(e.peek, e.graph)
	}
	return true
}

// journalsRead records the interrupted moves and, at start-up, says so
// unless something else already did.
func (c *moveCtl) journalsRead(msg journalsMsg, notice *string) {
	first := c.interrupted == nil
	c.interrupted = msg.pending
	if !first || len(msg.pending) == 0 || *notice != "" {
		return
	}
	names := slices.Sorted(maps.Keys(msg.pending))
	*notice = fmt.Sprintf("an interrupted move left %s of %s half-moved: R on it finishes the move without duplicates",
		plural(msg.pending[names[0]], "message"), oneLine(awsclient.JournalName(names[0])))
	if len(names) > 1 {
		*notice += fmt.Sprintf(" (and %d more DLQs)", len(names)-1)
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
