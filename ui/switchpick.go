package ui

import (
	tea "charm.land/bubbletea/v2"

	"github.com/sqscope/sqscope/awsclient"
	"github.com/sqscope/sqscope/ui/common"
	"github.com/sqscope/sqscope/ui/dialog"
)

// The switch picker (ctrl+p): the profiles of the shared config and
// credentials files, then the regions; typing narrows ("prod", "eu-").
// Picking a profile takes its configured region (else keeps the current
// one), picking a region keeps the profile,
// as :profile and :region do.

// profilesMsg brings the profile names read for the picker.
type profilesMsg struct {
	names []string
	err   error
}

// askProfiles reads the profiles off the UI goroutine (they are files),
// then opens the picker.
func (a *App) askProfiles() tea.Cmd {
	if a.opts.Connect == nil {
		a.notice = "✗ switching is not available here: restart with --profile / --region"
		return nil
	}
	list := a.opts.Profiles
	if list == nil {
		list = awsclient.ProfileNames
	}
	return func() tea.Msg {
		names, err := list()
		return profilesMsg{names: names, err: err}
	}
}

// openPicker shows the profiles and regions; the current ones say so.
func (a *App) openPicker(msg profilesMsg) tea.Cmd {
	if msg.err != nil {
		a.notice = "✗ reading the AWS profiles: " + common.ErrText(msg.err)
	}
	items := make([]dialog.Item, 0, len(msg.names)+len(a.opts.Regions))
	var picks []common.SwitchMsg
	cursor := -1
	for _, p := range msg.names {
		detail := ""
		if p == a.sess.profile || (a.sess.profile == "" && p == "default") {
			detail = "current"
			cursor = len(items)
		}
		if matches(a.prodPattern(), p) {
			detail = joinDetail(detail, "prod")
		}
		if a.readOnlyFor(p) {
			detail = joinDetail(detail, "read-only")
		}
		items = append(items, dialog.Item{Name: "profile " + p, Detail: common.PadRight(detail, 26)})
		picks = append(picks, common.SwitchMsg{Profile: p})
	}
	for _, r := range a.opts.Regions {
		detail := ""
		if r == a.sess.region {
			detail = "current"
			if cursor < 0 { // no profile is current: the region is
				cursor = len(items)
			}
		}
		items = append(items, dialog.Item{Name: "region " + r, Detail: common.PadRight(detail, 26)})
		picks = append(picks, common.SwitchMsg{Region: r})
	}
	if len(items) == 0 {
		a.notice = "no profiles in ~/.aws/config or ~/.aws/credentials, and no regions to offer"
		return nil
	}
	p := dialog.NewPicker(a.com, "Switch to… (now "+a.where()+")", items, func(r dialog.Result) tea.Msg {
		if r.Outcome != dialog.Picked {
			return nil
		}
		return picks[r.Index]
	})
	if cursor >= 0 {
		p.Select(cursor)
	}
	a.dialogs.Push(p)
	return nil
}

func joinDetail(a, b string) string {
	if a == "" {
		return b
	}
	return a + " · " + b
}
