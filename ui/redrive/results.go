package redrive

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/sqscope/sqscope/awsclient"
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

// journalsRead records the interrupted moves and, at start-up, says so
// unless the status line says something else already.
func (p *Pane) journalsRead(msg journalsMsg) {
	first := p.interrupted == nil
	p.interrupted = msg.pending
	if !first || len(msg.pending) == 0 {
		return
	}
	names := slices.Sorted(maps.Keys(msg.pending))
	text := fmt.Sprintf("an interrupted move left %s of %s half-moved: R on it finishes the move without duplicates",
		common.Plural(msg.pending[names[0]], "message"), common.OneLine(awsclient.JournalName(names[0])))
	if len(names) > 1 {
		text += fmt.Sprintf(" (and %d more DLQs)", len(names)-1)
	}
	p.Send(common.NoticeMsg{Text: text, Quiet: true})
}

// reportLine is a finished client-side move in one line.
func reportLine(mv *move) string {
	r := mv.report
	verb := "moved"
	if r.Cancelled {
		verb = "stopped:"
	}
	parts := []string{fmt.Sprintf("%s %s", verb, common.Plural(r.Moved, "message")),
		common.Commas(int64(r.Failed)) + " failed", common.Commas(int64(r.PossiblyDuplicated)) + " possibly duplicated"}
	if r.OutOfOrder > 0 {
		parts = append(parts, common.Commas(int64(r.OutOfOrder))+" out of FIFO order")
	}
	if r.Skipped > 0 {
		parts = append(parts, common.Commas(int64(r.Skipped))+" skipped")
	}
	if r.Resumed > 0 {
		parts = append(parts, common.Commas(int64(r.Resumed))+" resumed from the journal")
	}
	return common.OneLine(mv.plan.dlq.Name) + ": " + strings.Join(parts, ", ")
}
