package ui

import (
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
	if d := a.pk.request(&a.st, q, a.graph); d != nil {
		a.ask(d)
		return nil
	}
	return a.startPeek(q)
}

// startPeek opens a session on q and reads the first page.
func (a *App) startPeek(q model.Queue) tea.Cmd {
	cmd := a.closePeek()
	a.pk.begin(a.client.OpenPeek(q.URL, awsclient.PeekOptions{Hold: peekHold}))
	a.pk.from = a.browse.focus // closePeek put it back where it was before any peek
	a.peek.Reset(q)
	a.relayout()
	a.setFocus(paneSide)
	if q.Type == model.FIFO {
		a.notice = "FIFO: messages read block their group until released (on esc or quit)"
	}
	return tea.Batch(cmd, a.pk.more(a.ctx, &a.peek), a.moves.openPane(a.moveEnv(), q))
}

// loadMore is n: read the next page, asking first when it would receive
// already-read messages again on a queue that dead-letters.
func (a *App) loadMore() tea.Cmd {
	if !a.pk.open() {
		return nil
	}
	if d := a.pk.moreDialog(&a.st, &a.peek, a.graph); d != nil {
		a.ask(d)
		return nil
	}
	return a.pk.more(a.ctx, &a.peek)
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
	release, ok := a.pk.loaded(msg, &a.peek, a.now)
	if !ok {
		return nil
	}
	a.dlq.feed(&a.peek, a.graph)
	if release != nil {
		return release
	}
	return a.moves.yieldToTask(a.moveEnv())
}

// peekReleased records a release, and says so unless quitting.
func (a *App) peekReleased(msg peekReleasedMsg) {
	if n := a.pk.settle(msg, &a.peek); n > 0 && !a.quitting {
		a.notice = plural(n, "peeked message") + " visible again"
	}
}
