package peek

import (
	"fmt"

	"github.com/sqscope/sqscope/model"
	"github.com/sqscope/sqscope/ui/common"
	"github.com/sqscope/sqscope/ui/dialog"

	tea "charm.land/bubbletea/v2"
)

// Loading more is where a peek can harm a queue twice. SQS has no read
// offset: a page is whatever the next receives return. While the messages
// already read are held they cannot come back; once their hold has ended
// (or they were released for a move) the next page receives them again,
// raising their receive counts once more. So before that happens on a
// queue with a redrive policy, the user is asked, and afterwards the list
// shows the raised counts.

// moreDialog is the dialog to show before n reads the next page, when it
// would receive already-read messages again on a queue that dead-letters,
// or read again a queue read to its end; nil when reading is harmless.
func (p *Pane) moreDialog() dialog.Dialog {
	exposed := p.exposed()
	q := p.q
	switch {
	case len(exposed) == 0:
		return nil
	case q.Redrive == nil || q.Redrive.MaxReceiveCount < 1:
		if !p.exhausted {
			return nil // a re-read costs a receive each, shown as "received again"
		}
		// Read to its end and released: n would read it all again.
		lines := []string{fmt.Sprintf("%s was read to its end, and the %s read were made visible again. SQS has no "+
			"read offset: reading again receives them again, one more receive each, in whatever order SQS hands "+
			"them out.", common.OneLine(q.Name), common.Plural(len(p.msgs), "message"))}
		return dialog.NewConfirm(p.c, "Read "+common.OneLine(q.Name)+" again?", "read again", lines,
			func(r dialog.Result) tea.Msg { return moreConfirmedMsg{yes: r.Outcome == dialog.Confirmed} })
	}
	counts := make([]int, len(exposed))
	for i, m := range exposed {
		counts[i] = m.ReceiveCount
	}
	lines := append([]string{fmt.Sprintf("%s of the %s read so far %s visible again: their %s hold ended, or they "+
		"were released. SQS has no read offset, so the next page receives them again.",
		common.Commas(int64(len(exposed))), common.Plural(len(p.msgs), "message"), common.IsAre(len(exposed)), peekHold)},
		peekWarning(q, p.cat.Graph, model.PeekCostOf(q.Redrive, counts))...)
	return dialog.NewConfirm(p.c, "Receive messages of "+common.OneLine(q.Name)+" again?", "load more", lines,
		func(r dialog.Result) tea.Msg { return moreConfirmedMsg{yes: r.Outcome == dialog.Confirmed} })
}

// peekWarning is the dialog's text: what the peek costs on this queue.
func peekWarning(q model.Queue, g model.DLQGraph, c model.PeekCost) []string {
	max := c.MaxReceiveCount
	dlq := common.OneLine(g.Name(q.Redrive.DeadLetterTargetARN))
	lines := []string{
		"SQS has no read-only peek: reading a message receives it, which raises its receive count by one.",
		fmt.Sprintf("This queue moves a message to %s when a receive would take its count past %d "+
			"(maxReceiveCount %d). Messages already received %d times move there on this peek; "+
			"messages at %d use up their last delivery.", dlq, max, max, max, max-1),
	}
	switch {
	case c.UnknownAtRisk:
		lines = append(lines, "With maxReceiveCount 1 every message this peek reads uses up its only delivery: "+
			"the consumer's next receive moves it to the DLQ.")
	case c.Known > 0:
		lines = append(lines, fmt.Sprintf("From the earlier peek in this session: %d of %d messages seen are at risk "+
			"(%d would move now, %d would use their last delivery).", c.AtRisk(), c.Known, c.MoveNow, c.LastChance))
	default:
		lines = append(lines, "How many messages are at risk is unknown until they have been read.")
	}
	if q.Type == model.FIFO {
		lines = append(lines, fmt.Sprintf("FIFO queue: each message read blocks its message group for consumers "+
			"until it is released (at most %s).", peekHold))
	}
	return append(lines, "Every message read is made visible again once the queue is read to its end, when you leave the pane, or when you quit.")
}
