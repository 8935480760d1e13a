package ui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/sqscope/sqscope/ui/compose"
	"github.com/sqscope/sqscope/ui/dialog"
	"github.com/sqscope/sqscope/ui/queueform"
	"github.com/sqscope/sqscope/ui/redrive"
)

// handleKey routes a key press to whatever has the keyboard, innermost
// first: ctrl+c, quitting, the top dialog, then — unless a pane's text
// input has it — the global keys, the DLQ keys and the send keys, then the
// focused pane.
func (a *App) handleKey(k tea.KeyPressMsg) tea.Cmd {
	keys := a.com.Keys.Global
	if key.Matches(k, keys.Interrupt) {
		return a.quit()
	}
	if a.quitting {
		if key.Matches(k, keys.Quit) {
			return a.quit()
		}
		return nil // only "quit at once" while releasing
	}
	a.notice = ""
	if res, ok := a.dialogs.Update(k); ok {
		return a.route(res) // the answer, to whoever asked
	}
	p := a.focused()
	if !p.Typing() {
		switch {
		case key.Matches(k, keys.Quit):
			return a.quit()
		case key.Matches(k, keys.Help):
			a.openHelp()
			return nil
		case key.Matches(k, keys.Command):
			return a.openCommandLine()
		case key.Matches(k, keys.Audit):
			// Reading the log changes nothing: read-only mode keeps it.
			return a.audit.Open(func(r dialog.Result) tea.Msg {
				if r.Outcome == dialog.Chose {
					return quitRequestMsg{}
				}
				return nil
			})
		case key.Matches(k, keys.Switch):
			return a.askProfiles()
		case key.Matches(k, keys.Refresh):
			// An explicit refresh supersedes one in flight: its answer will
			// be stale and dropped.
			return a.refresh()
		case a.redrive.Handles(k):
			return a.toRedrive(redrive.KeyMsg{Key: k, Target: a.target()})
		case a.purge.Handles(k):
			if t, ok := a.purgeTarget(); ok {
				a.purge.Ask(t)
			}
			return nil
		case !a.peek.Open() && a.forms.Handles(k):
			q, ok := a.queues.Selected()
			return a.forms.Update(queueform.KeyMsg{Key: k, Queue: q, OK: ok})
		case a.compose.Handles(k, a.peek.Open()):
			return a.toCompose(compose.KeyMsg{Key: k, Target: a.composeTarget()})
		}
	}
	return p.Update(k)
}
