package ui

import (
	"context"
	"fmt"
	"slices"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/sqscope/sqscope/model"
)

// peekCtl's part of the peek lifecycle that needs the pane: the dialogs
// asked before a receive, storing a page, and the releases on quit. The
// App only shows the dialogs and moves the focus.

// request remembers q and returns the dialog to show before peeking it;
// nil when the peek cannot dead-letter anything, so there is nothing to ask.
func (c *peekCtl) request(st *Styles, q model.Queue, g model.DLQGraph) *confirmDialog {
	if q.Redrive == nil || q.Redrive.MaxReceiveCount < 1 {
		return nil
	}
	c.pending = q
	return newConfirm(st, "peek", "Peek "+oneLine(q.Name)+"?", "peek",
		peekWarning(q, g, model.PeekCostOf(q.Redrive, c.seen[q.URL]))...)
}

// more asks the session for the next page, unless one is on its way.
func (c *peekCtl) more(ctx context.Context, pk *peekPane) tea.Cmd {
	cmd := c.next(ctx)
	if cmd != nil {
		pk.loading = true
	}
	return cmd
}

// loaded stores a page in pk; ok is false for a stale page, dropped. A
// failed page, and the page that reads the queue to its end, return the
// Cmd releasing what the session holds: once nothing more can be read,
// holding the messages only keeps them from their consumers (and, on a
// FIFO queue, blocks their groups).
func (c *peekCtl) loaded(msg peekPageMsg, pk *peekPane, now func() time.Time) (release tea.Cmd, ok bool) {
	if !c.accept(msg) {
		return nil, false
	}
	p := msg.page
	pk.ReceivedAgain(p.Again)
	pk.AddPage(p.Messages, p.Received, p.Duplicates, msg.held, now().Add(peekHold), p.Exhausted)
	counts := make([]int, len(pk.msgs))
	for i, m := range pk.msgs {
		counts[i] = m.ReceiveCount
	}
	c.seen[pk.q.URL] = counts
	if msg.err != nil {
		c.err = msg.err
		return releaseCmd(c.sess), true
	}
	c.err = nil
	if p.Exhausted && msg.held > 0 {
		return releaseCmd(c.sess), true
	}
	return nil, true
}

// Loading more is where a peek can harm a queue twice. SQS has no read
// offset: a page is whatever the next receives return. While the messages
// already read are held they cannot come back; once their hold has ended
// (or they were released for a move) the next page receives them again,
// raising their receive counts once more. So before that happens on a
// queue with a redrive policy, the user is asked, and afterwards the list
// shows the raised counts.

// moreDialog is the dialog to show before n reads the next page, when it
// would receive already-read messages of pk again on a queue that
// dead-letters; nil when reading is harmless.
func (c *peekCtl) moreDialog(st *Styles, pk *peekPane, g model.DLQGraph) *confirmDialog {
	exposed := c.exposed(pk.msgs)
	q := pk.q
	if len(exposed) == 0 || q.Redrive == nil || q.Redrive.MaxReceiveCount < 1 {
		return nil
	}
	counts := make([]int, len(exposed))
	for i, m := range exposed {
		counts[i] = m.ReceiveCount
	}
	lines := append([]string{fmt.Sprintf("%s of the %s read so far %s visible again: their %s hold ended, or they "+
		"were released. SQS has no read offset, so the next page receives them again.",
		commas(int64(len(exposed))), plural(len(pk.msgs), "message"), isAre(len(exposed)), peekHold)},
		peekWarning(q, g, model.PeekCostOf(q.Redrive, counts))...)
	return newConfirm(st, "peekmore", "Receive messages of "+oneLine(q.Name)+" again?", "load more", lines...)
}

// exposed are the listed messages the session no longer holds: the next
// receive can return them. Held counts only the session's live holds, in
// memory.
func (c *peekCtl) exposed(msgs []model.Message) []model.Message {
	var out []model.Message
	for _, m := range msgs {
		if !c.sess.Holds(m.ID) {
			out = append(out, m)
		}
	}
	return out
}

// settle records a release (see released), telling pk when its session
// was released in full; visible is how many messages it made visible
// again.
func (c *peekCtl) settle(msg peekReleasedMsg, pk *peekPane) (visible int) {
	ok, current := c.released(msg)
	if !ok {
		return 0
	}
	if current {
		// Not simply 0: a page read while the release was on its way
		// holds messages it did not release.
		pk.SetHeld(c.sess.Held())
	}
	return msg.rep.Released + msg.rep.Expired
}

// peekWarning is the dialog's text: what the peek costs on this queue.
func peekWarning(q model.Queue, g model.DLQGraph, c model.PeekCost) []string {
	max := c.MaxReceiveCount
	dlq := oneLine(g.Name(q.Redrive.DeadLetterTargetARN))
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

// releaseForQuit stops loading and returns the Cmd releasing every live
// session, waiting at most releaseTimeout, then quitting; nil when no
// session is live.
func (c *peekCtl) releaseForQuit() tea.Cmd {
	if len(c.live) == 0 {
		return nil
	}
	c.stop() // a page still on its way is stale: only quitting is left
	return tea.Batch(
		releaseAllCmd(slices.Clone(c.live)),
		tea.Tick(releaseTimeout+time.Second, func(time.Time) tea.Msg { return quitNowMsg{timeout: true} }),
	)
}

// pagerMsg handles the pager's results; ok is false for any other message.
func (c *peekCtl) pagerMsg(msg tea.Msg) (cmd tea.Cmd, ok bool) {
	switch msg := msg.(type) {
	case pagerFileMsg:
		if msg.err != nil {
			c.err = msg.err
			return nil, true
		}
		return pagerCmd(msg), true
	case pagerDoneMsg:
		if msg.err != nil {
			c.err = msg.err
		}
		return removeFileCmd(msg.path), true
	}
	return nil, false
}

func isAre(n int) string {
	if n == 1 {
		return "is"
	}
	return "are"
}
