package ui

import (
	"context"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/sqscope/sqscope/awsclient"
	"github.com/sqscope/sqscope/ui/common"
	"github.com/sqscope/sqscope/ui/dialog"
	"github.com/sqscope/sqscope/ui/peek"
	"github.com/sqscope/sqscope/ui/redrive"
)

// Quitting never leaves a message hidden: a client-side move is stopped
// first (asked about, since it ends the move), then every peek session is
// released, each step bounded so that q always ends the program.

// quitRequestMsg asks to quit from inside a dialog (q on help).
type quitRequestMsg struct{}

// quitAnswerMsg is the answer to "a move is running: stop it and quit?".
type quitAnswerMsg struct{ yes bool }

// quitNowMsg ends the wait for releases on quit: they finished (err says
// how), or the wait timed out.
type quitNowMsg struct {
	err     error
	timeout bool
}

// stopTimeoutMsg ends the wait for a stopped move on quit.
type stopTimeoutMsg struct{}

// quitMsg handles the quit flow's messages.
func (a *App) quitMsg(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case quitRequestMsg:
		return a.quit()
	case quitAnswerMsg:
		a.quitAsk = nil
		switch _, moving := a.redrive.Moving(); {
		case !msg.yes:
			a.notice = "the move goes on"
			return nil
		case !moving: // it ended while the question was open
			return a.releaseAndQuit()
		}
		return a.stopAndQuit()
	case quitNowMsg:
		if a.quitting {
			return a.quitNow()
		}
	case stopTimeoutMsg:
		return a.quitAfterStop()
	}
	return nil
}

// quit asks first when a client-side move runs, then releases every live
// session before quitting; a second quit key does not wait, and ctrl+c on
// the question answers yes.
func (a *App) quit() tea.Cmd {
	switch {
	case a.quitting:
		return a.quitNow()
	case a.quitAsk != nil && a.dialogs.Top() == a.quitAsk:
		a.dialogs.Close(a.quitAsk)
		a.quitAsk = nil
		return a.stopAndQuit()
	}
	if dlq, ok := a.redrive.Moving(); ok && !a.stopping {
		a.quitAsk = dialog.NewConfirm(a.com, "A move is running: stop it and quit?", "stop the move and quit",
			[]string{"The batches in flight finish, every message not moved yet becomes visible again in " +
				common.OneLine(dlq) + ", and then sqscope quits. Nothing is lost.",
				"Cancel to keep the move running."},
			func(r dialog.Result) tea.Msg { return quitAnswerMsg{yes: r.Outcome == dialog.Confirmed} })
		a.dialogs.Push(a.quitAsk)
		return nil
	}
	return a.releaseAndQuit()
}

// releaseAndQuit releases every live session, waiting at most
// peek.ReleaseTimeout, then quits.
func (a *App) releaseAndQuit() tea.Cmd {
	sessions := a.peek.StopForQuit()
	if len(sessions) == 0 {
		return a.quitNow()
	}
	a.startQuitting()
	a.notice = "releasing held messages… (q again quits at once)"
	if n := a.peek.Held(); n > 0 {
		a.notice = "releasing " + common.Plural(n, "held message") + "… (q again quits at once)"
	}
	return tea.Batch(releaseAllCmd(sessions),
		tea.Tick(peek.ReleaseTimeout+time.Second, func(time.Time) tea.Msg { return quitNowMsg{timeout: true} }))
}

// releaseAllCmd releases sessions, under a fresh context (the program's is
// about to be cancelled), then lets the quit go on.
func releaseAllCmd(sessions []awsclient.Peek) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), peek.ReleaseTimeout)
		defer cancel()
		return quitNowMsg{err: peek.Release(ctx, sessions)}
	}
}

func (a *App) quitNow() tea.Cmd {
	a.cancel()
	return tea.Quit
}

// stopAndQuit stops the move and waits (at most redrive.StopTimeout) for
// it to return before releasing peeks and quitting.
func (a *App) stopAndQuit() tea.Cmd {
	a.redrive.StopForQuit()
	a.startQuitting()
	a.stopping = true
	a.notice = "stopping the move before quitting… (q again quits at once)"
	return tea.Tick(redrive.StopTimeout, func(time.Time) tea.Msg { return stopTimeoutMsg{} })
}

// startQuitting hands the keyboard, the status line and the hints to the
// quit: whatever dialog was open is moot now.
func (a *App) startQuitting() {
	a.quitting = true
	a.dialogs.Clear()
	a.quitAsk = nil
}

// moveStopped follows a client-side move's end: a quit waiting for it goes
// on, and a question about stopping it is moot.
func (a *App) moveStopped() tea.Cmd {
	if a.quitAsk != nil {
		a.dialogs.Close(a.quitAsk)
		a.quitAsk = nil
	}
	if a.sw.ask != nil { // the question about the move is moot: switch
		a.dialogs.Close(a.sw.ask)
		a.sw.ask = nil
		return a.proceedSwitch()
	}
	return tea.Batch(a.quitAfterStop(), a.afterSwitchStop())
}

// quitAfterStop goes on quitting once the stopped move returned or the
// wait timed out, whichever comes first: the peek sessions are released
// next. stopping is cleared so the other one, arriving later, is ignored.
func (a *App) quitAfterStop() tea.Cmd {
	if !a.stopping || !a.quitting {
		return nil
	}
	a.stopping = false
	return a.releaseAndQuit()
}

// ReleaseAll stops a client-side move (waiting for it while ctx allows)
// and makes every message still held by this App's peek sessions visible
// again. Call it after the program has returned (Bubble Tea quits on
// SIGTERM, or on Program.Quit for SIGHUP, without calling Update), with a
// bounded context. Never call it while the program runs.
func (a *App) ReleaseAll(ctx context.Context) error {
	a.redrive.Stop(ctx) // its held messages are released by Move itself
	return a.peek.ReleaseAll(ctx)
}
