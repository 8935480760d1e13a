package redrive

import (
	"fmt"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/sqscope/sqscope/ui/common"
)

// The ends of client-side moves: the peek's release before one, the
// report after.

// MovedAwayMsg tells the root which messages a client-side move took out
// of the queue QueueURL, so that the peek pane drops them from its list.
type MovedAwayMsg struct {
	QueueURL string
	IDs      []string
}

// StoppedMsg tells the root a client-side move has returned (or was
// cancelled before it began): a quit waiting for it may go on.
type StoppedMsg struct{}

// released starts the move once the peek session let go of its messages.
// A failed release does not stop it: what is still held cannot move and
// stays in the DLQ, which the report will show.
func (p *Pane) released(msg releasedMsg) tea.Cmd {
	mv := p.moves.of(msg.id)
	if mv == nil {
		return nil
	}
	if msg.err != nil {
		mv.err = fmt.Errorf("some peeked messages could not be released and will not move: %w", msg.err)
	}
	if mv.cancel == nil { // native
		p.Say("starting a native redrive of " + common.OneLine(mv.plan.dlq.Name) + "…")
		mv.asked = p.c.Now()
		return startCmd(p.c.Ctx, p.client, mv.id, mv.plan.dlq.ARN, mv.plan.rate)
	}
	if mv.ctx.Err() != nil { // cancelled (c, quit) before it began
		close(mv.done)
		mv.running, mv.cancelling = false, false
		mv.report = nil
		p.Say("move cancelled before it started: nothing was moved")
		p.Send(StoppedMsg{})
		return nil
	}
	return p.run()
}

// done shows a client-side move's report, and tells the root what moved;
// a stale report is dropped. The journal may have changed: read them
// again.
func (p *Pane) done(msg doneMsg) tea.Cmd {
	if !p.moves.finished(msg) {
		return nil
	}
	mv := p.moves.cur
	p.Say(reportLine(mv))
	if p.peek.on(mv.plan.dlq.URL) && mv.report != nil {
		p.Send(MovedAwayMsg{QueueURL: mv.plan.dlq.URL, IDs: mv.report.MovedIDs})
	}
	p.Send(RefreshMsg{})
	p.Send(StoppedMsg{})
	return journalsCmd()
}

// reportLine is a finished client-side move in one line, every word of
// it explained: what moved, what did not and why, and every copy that may
// exist twice.
func reportLine(mv *move) string {
	r := mv.report
	head := "moved " + common.Plural(r.Moved, "message")
	if r.Cancelled {
		head = "stopped after moving " + common.Plural(r.Moved, "message")
	}
	parts := []string{head, common.Commas(int64(r.Failed)) + " failed"}
	if r.PossiblyDuplicated == 0 {
		parts = append(parts, "no duplicates")
	} else {
		parts = append(parts, fmt.Sprintf("up to %s (a lost answer, a failed delete or a crash can leave a message in two places)", common.Commas(int64(r.PossiblyDuplicated))+common.OneOr(r.PossiblyDuplicated, " duplicate copy", " duplicate copies")))
	}
	if r.Skipped > 0 {
		parts = append(parts, common.Commas(int64(r.Skipped))+" skipped (received but not chosen: visible again in the DLQ)")
	}
	if r.OutOfOrder > 0 {
		parts = append(parts, common.Commas(int64(r.OutOfOrder))+" out of FIFO order")
	}
	if r.Resumed > 0 {
		parts = append(parts, common.Commas(int64(r.Resumed))+" finished from the journal (sent before a crash, not sent again)")
	}
	if r.Resent > 0 {
		parts = append(parts, common.Commas(int64(r.Resent))+" sent again after a crash (counted in the duplicates)")
	}
	if r.Settled > 0 {
		parts = append(parts, common.Commas(int64(r.Settled))+" found moved already")
	}
	if r.HeldBack > 0 {
		parts = append(parts, heldBackText(r.HeldBack, r.HeldUntil))
	}
	return common.OneLine(mv.plan.dlq.Name) + ": " + strings.Join(parts, ", ")
}

// heldBackText says what a move could not reach: still hidden in the DLQ.
func heldBackText(n int, until time.Time) string {
	if until.IsZero() {
		return common.Plural(n, "message") + " still hidden by another consumer: not done"
	}
	return fmt.Sprintf("%s still hidden until %s: not done, R again then", common.Plural(n, "message"), until.Format("15:04:05"))
}
