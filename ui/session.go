package ui

import (
	tea "charm.land/bubbletea/v2"

	"github.com/sqscope/sqscope/ui/common"
)

// sessionCommand acts on what the command line asks of the session:
// another profile or region (:profile, :region), read-only on or off (:ro,
// :rw). The session switch replaces this file; until it lands, each says
// plainly that it is not available, and changes nothing. false when msg
// is not one of these.
func (a *App) sessionCommand(msg tea.Msg) (tea.Cmd, bool) {
	switch msg := msg.(type) {
	case common.SwitchMsg:
		what := "profile " + msg.Profile
		if msg.Profile == "" {
			what = "region " + msg.Region
		}
		a.notice = "✗ switching to " + common.OneLine(what) + " is not available in this build: restart with --profile or --region"
		return nil, true
	case common.ReadOnlyMsg:
		a.notice = "✗ read-only cannot be changed in this build: restart with or without --read-only"
		return nil, true
	}
	return nil, false
}
