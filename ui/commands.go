package ui

import (
	tea "charm.land/bubbletea/v2"

	"github.com/sqscope/sqscope/awsclient"
	"github.com/sqscope/sqscope/ui/cmdline"
	"github.com/sqscope/sqscope/ui/common"
	"github.com/sqscope/sqscope/ui/dialog"
)

// The root's part in the ":" command line and the deep links: opening the
// line with the session as it stands, and acting on what it asks for that
// the root owns (open a queue, DLQs only, help, quit). Switching profile
// or region and read-only are the session's (session.go).

// openCommandLine puts the command line on the overlay stack, and reads
// the profiles again: the shared files may have changed since the start.
func (a *App) openCommandLine() tea.Cmd {
	a.dialogs.Push(a.cmd.Open(a.session()))
	return cmdline.ProfilesCmd()
}

// session is what the command line checks and completes against.
func (a *App) session() cmdline.Session {
	return cmdline.Session{Queues: a.cat.Queues, Listed: a.listed, Region: a.ep.Region, Profile: a.ep.Profile,
		Profiles: a.profiles, Regions: awsclient.KnownRegions, DLQOnly: a.queues.DLQOnly()}
}

// command acts on a message the command line sent; false when msg is
// not one.
func (a *App) command(msg tea.Msg) (tea.Cmd, bool) {
	switch msg := msg.(type) {
	case cmdline.ProfilesMsg:
		// Without the files, completion and the "switch to" hints lack
		// profiles; nothing else needs them, so the error is not shown.
		a.profiles = msg.Profiles
		a.cmd.SetProfiles(msg.Profiles)
	case cmdline.HistoryMsg:
		a.cmd.SetHistory(msg.Lines)
	case cmdline.HistorySavedMsg:
		// A history that cannot be kept is kept for the session: not
		// worth a word on the status line.
	case common.JumpMsg:
		return a.jump(msg.Target), true
	case common.FilterDLQMsg:
		a.queues.SetDLQOnly(msg.Only)
		if msg.Only {
			a.notice = "dead-letter queues only · :all or esc shows every queue"
		}
	case common.HelpMsg:
		a.openHelp()
	case cmdline.QuitMsg:
		return a.quitMsg(quitRequestMsg{}), true
	default:
		return a.switchMsg(msg)
	}
	return nil, true
}

// jump opens the queue target names in the peek flow, with the usual
// questions; before the list has loaded, it waits for it (--queue at
// start, or :q typed at once). What cannot be opened is said on the
// status line, and the app goes on.
func (a *App) jump(target string) tea.Cmd {
	if !a.listed {
		a.pending = target
		a.notice = waitingNotice(target)
		return nil
	}
	a.pending = ""
	q, err := cmdline.Resolve(target, a.session())
	if err != nil {
		a.notice = "✗ " + common.OneLine(err.Error())
		// The fix comes last (":region eu-west-1"): where the status line
		// would cut it, a note says it whole.
		if common.Width(a.notice) > a.width-statusRightRoom {
			a.dialogs.Push(dialog.NewNote(a.com, common.OneLine(shortTarget(target))+" was not opened",
				[]string{common.OneLine(err.Error())}))
		}
		return nil
	}
	if !a.queues.Select(q.URL) && (a.queues.Filter() != "" || a.queues.DLQOnly()) {
		a.notice = common.OneLine(q.Name) + " is hidden by the list's filter: esc shows it again"
	} else if a.notice == waitingNotice(target) {
		a.notice = ""
	}
	return a.peek.OpenQueue(q)
}

// statusRightRoom is about what the status line's right side (the
// refresh state) takes.
const statusRightRoom = 36

// waitingNotice says a link waits for the list.
func waitingNotice(target string) string {
	return "opening " + common.OneLine(shortTarget(target)) + " once the queues are listed…"
}

// shortTarget is a link cut to what the status line can carry.
func shortTarget(s string) string {
	if len(s) > 60 {
		return s[:28] + "…" + s[len(s)-28:]
	}
	return s
}

// openHelp puts help on the overlay stack (? and :help).
func (a *App) openHelp() {
	a.dialogs.Push(dialog.NewHelp(a.com, func(r dialog.Result) tea.Msg {
		if r.Outcome == dialog.Chose {
			return quitRequestMsg{}
		}
		return nil
	}))
}
