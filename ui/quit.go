package ui

import (
	"context"
	"errors"
	"sync"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/sqscope/sqscope/awsclient"
)

// Quitting never leaves a message hidden: a client-side move is stopped
// first (asked about, since it ends the move), then every peek session
// is released, each step bounded so that q always ends the program.

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
		a.ask(a.moves.quitDialog(&a.st))
		return a, nil
	}
	return a.releaseAndQuit()
}

// releaseAndQuit releases every live session, waiting at most
// releaseTimeout, then quits.
func (a *App) releaseAndQuit() (tea.Model, tea.Cmd) {
	cmd := a.pk.releaseForQuit()
	if cmd == nil {
		return a.quitNow()
	}
	a.quitting = true
	a.notice = "releasing held messages… (q again quits at once)"
	if a.peek.held > 0 {
		a.notice = "releasing " + plural(a.peek.held, "held message") + "… (q again quits at once)"
	}
	return a, cmd
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
