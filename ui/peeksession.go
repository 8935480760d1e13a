package ui

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/sqscope/sqscope/awsclient"
	"github.com/sqscope/sqscope/model"
)

// The peek lifecycle. A session is opened when the pane opens and released
// (every held message made visible again) when the pane closes, when a
// page fails, and on quit; main calls ReleaseAll after the program ends for
// the exits that bypass Update (SIGTERM, SIGHUP). Nothing re-receives on a
// timer: only the user's "load more" reads again.

// peekOpen reports whether the peek pane is open: it is exactly while it
// has a session.
func (a *App) peekOpen() bool { return a.pk.open() }

// requestPeek peeks q, asking first when the peek could dead-letter.
func (a *App) requestPeek(q model.Queue) tea.Cmd {
	if q.Redrive == nil || q.Redrive.MaxReceiveCount < 1 {
		return a.startPeek(q)
	}
	a.confirm = newConfirm(&a.st, "peek", "Peek "+oneLine(q.Name)+"?", "peek",
		peekWarning(q, a.graph, model.PeekCostOf(q.Redrive, a.pk.seen[q.URL]))...)
	a.confirm.SetSize(a.width, a.lay.body)
	a.pk.pending = q
	return nil
}

// answer handles the key pressed on the confirm dialog.
func (a *App) answer(k tea.KeyPressMsg) tea.Cmd {
	d := a.confirm
	switch d.tag {
	case "redrive":
		return a.answerRedrive(d, k)
	case "quitmove":
		a.confirm = nil
		if !d.Answer(k) {
			a.notice = "the move goes on"
			return nil
		}
		_, cmd := a.stopAndQuit()
		return cmd
	}
	a.confirm = nil
	if !d.Answer(k) {
		a.notice = "cancelled: nothing was received"
		return nil
	}
	switch d.tag {
	case "peek":
		return a.startPeek(a.pk.pending)
	case "peekmore":
		return a.peekNext()
	}
	return nil
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
	return append(lines, "Every message read is made visible again when you leave the pane or quit.")
}

// startPeek opens a session on q and reads the first page.
func (a *App) startPeek(q model.Queue) tea.Cmd {
	cmd := a.closePeek()
	a.pk.begin(a.client.OpenPeek(q.URL, awsclient.PeekOptions{Hold: peekHold}))
	a.pk.from = a.focus // closePeek put it back where it was before any peek
	a.peek.Reset(q)
	a.relayout()
	a.setFocus(paneSide)
	if q.Type == model.FIFO {
		a.notice = "FIFO: messages read block their group until released (on esc or quit)"
	}
	return tea.Batch(cmd, a.peekNext(), a.openDLQPane(q))
}

// peekNext asks the session for the next page, unless one is on its way.
func (a *App) peekNext() tea.Cmd {
	cmd := a.pk.next(a.ctx)
	if cmd != nil {
		a.peek.loading = true
	}
	return cmd
}

// closePeek cancels a load in flight, closes the pane and releases the
// session.
func (a *App) closePeek() tea.Cmd {
	cmd := a.pk.close()
	if cmd == nil {
		return nil
	}
	a.relayout()
	a.setFocus(a.pk.from) // back where p or enter was pressed
	return cmd
}

// peekLoaded stores a page; a failed page releases what the session holds.
func (a *App) peekLoaded(msg peekPageMsg) tea.Cmd {
	if !a.pk.accept(msg) {
		return nil
	}
	p := msg.page
	a.peek.ReceivedAgain(p.Again)
	a.peek.AddPage(p.Messages, p.Received, p.Duplicates, msg.held, a.now().Add(peekHold), p.Exhausted)
	a.feedDLQ()
	counts := make([]int, len(a.peek.msgs))
	for i, m := range a.peek.msgs {
		counts[i] = m.ReceiveCount
	}
	a.pk.seen[a.peek.q.URL] = counts
	if msg.err != nil {
		a.pk.err = msg.err
		return releaseCmd(a.pk.sess)
	}
	a.pk.err = nil
	return a.yieldToTask()
}

// peekReleased records a release; a session released in full is done.
func (a *App) peekReleased(msg peekReleasedMsg) {
	ok, current := a.pk.released(msg)
	if !ok {
		return
	}
	if current {
		a.peek.Released()
	}
	if n := msg.rep.Released + msg.rep.Expired; n > 0 && !a.quitting {
		a.notice = plural(n, "peeked message") + " visible again"
	}
}

// quit asks first when a client-side move runs, then releases every live
// session before quitting; a second quit key does not wait.
func (a *App) quit() (tea.Model, tea.Cmd) {
	switch {
	case a.quitting:
		return a.quitNow()
	case a.moves.clientRunning() && !a.moves.stopAsked:
		if a.confirm != nil && a.confirm.tag == "quitmove" { // asked twice: yes
			a.confirm = nil
			return a.stopAndQuit()
		}
		a.askQuitDuringMove()
		return a, nil
	}
	return a.releaseAndQuit()
}

// releaseAndQuit releases every live session, waiting at most
// releaseTimeout, then quits.
func (a *App) releaseAndQuit() (tea.Model, tea.Cmd) {
	if len(a.pk.live) == 0 {
		return a.quitNow()
	}
	a.pk.stop() // a page still on its way is stale: only quitting is left
	a.quitting = true
	a.notice = "releasing held messages… (q again quits at once)"
	if a.peek.held > 0 {
		a.notice = "releasing " + plural(a.peek.held, "held message") + "… (q again quits at once)"
	}
	return a, tea.Batch(
		releaseAllCmd(slices.Clone(a.pk.live)),
		tea.Tick(releaseTimeout+time.Second, func(time.Time) tea.Msg { return quitNowMsg{timeout: true} }),
	)
}

// releaseAllCmd releases sessions, under a fresh context (the program's is
// about to be cancelled), then lets the quit go on.
func releaseAllCmd(sessions []awsclient.Peek) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), releaseTimeout)
		defer cancel()
		return quitNowMsg{err: releaseAll(ctx, sessions)}
	}
}

func (a *App) quitNow() (tea.Model, tea.Cmd) {
	a.cancel()
	return a, tea.Quit
}

// ReleaseAll stops a client-side move (waiting for it while ctx allows)
// and makes every message still held by this App's peek sessions visible
// again. Call it after the program has returned (Bubble Tea quits
// on SIGTERM, or on Program.Quit for SIGHUP, without calling Update), with
// a bounded context. Never call it while the program runs.
func (a *App) ReleaseAll(ctx context.Context) error {
	a.moves.stop(ctx) // its held messages are released by Move itself
	return a.pk.releaseAll(ctx)
}

// releaseAll releases sessions concurrently.
func releaseAll(ctx context.Context, sessions []awsclient.Peek) error {
	errs := make([]error, len(sessions))
	var wg sync.WaitGroup
	for i, s := range sessions {
		wg.Go(func() { _, errs[i] = s.Release(ctx) })
	}
	wg.Wait()
	return errors.Join(errs...)
}
