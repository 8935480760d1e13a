package ui

import (
	"context"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/sqscope/sqscope/awsclient"
	"github.com/sqscope/sqscope/model"
	"github.com/sqscope/sqscope/ui/common"
	"github.com/sqscope/sqscope/ui/dialog"
	"github.com/sqscope/sqscope/ui/redrive"
)

// Switching the session without restarting: to another profile or region
// (the picker, :profile, :region), or to read-only and back (:ro). Like
// quitting, it never leaves a message hidden: a client-side move is
// stopped first (asked about), the peek releases what it holds with the
// client that read it, and only then is the new client built. Every pane
// that calls SQS takes the new client; the list empties and reloads.

// switchReq is where a switch goes.
type switchReq struct {
	profile, region string
	readOnly        bool
}

// switching is the switch on its way: asked about, waiting for a stopped
// move, or connecting. At most one at a time.
type switching struct {
	req      *switchReq
	ask      *dialog.Confirm // "a move runs: stop it and switch?" while open
	stopping bool            // waiting for the stopped move to return
	seq      uint64          // number of the latest connect
}

// switchAnswerMsg answers "a move is running: stop it and switch?".
type switchAnswerMsg struct{ yes bool }

// switchStopTimeoutMsg ends the wait for a move stopped for a switch.
type switchStopTimeoutMsg struct{}

// writableAnswerMsg answers "leave read-only for this profile?".
type writableAnswerMsg struct{ yes bool }

// connectedMsg is the client of the session a switch asked for, or why
// there is none.
type connectedMsg struct {
	seq     uint64
	req     switchReq
	client  awsclient.Client
	metrics awsclient.Metrics
	err     error
}

// switchMsg handles the switch's messages, from the command line, the
// picker, the dialogs and the connect; false for any other.
func (a *App) switchMsg(msg tea.Msg) (tea.Cmd, bool) {
	switch msg := msg.(type) {
	case common.SwitchMsg:
		req := switchReq{profile: a.sess.profile, region: a.sess.region}
		if msg.Profile != "" {
			req.profile = msg.Profile
			// A profile that names its region goes there: acme-prod's
			// queues are in its region, not in the one left behind.
			if r := a.profileRegion(msg.Profile); r != "" {
				req.region = r
			}
		}
		if msg.Region != "" {
			req.region = msg.Region
		}
		req.readOnly = a.readOnlyFor(req.profile)
		if req.profile == a.sess.profile && req.region == a.sess.region && req.readOnly == a.ep.ReadOnly {
			a.notice = "already in " + a.where()
			return nil, true
		}
		return a.switchTo(req), true
	case common.ReadOnlyMsg:
		if msg.On {
			return a.makeReadOnly(), true
		}
		return a.askWritable(), true
	case writableAnswerMsg:
		if !msg.yes {
			a.notice = "still read-only"
			return nil, true
		}
		a.sess.readOnly[a.sess.profile] = false
		return a.switchTo(switchReq{profile: a.sess.profile, region: a.sess.region}), true
	case switchAnswerMsg:
		return a.switchAnswered(msg.yes), true
	case switchStopTimeoutMsg:
		return a.afterSwitchStop(), true
	case connectedMsg:
		return a.connected(msg), true
	case profilesMsg:
		return a.openPicker(msg), true
	}
	return nil, false
}

// makeReadOnly rebuilds the session read-only: a client with the guard,
// and keys without the changing actions.
func (a *App) makeReadOnly() tea.Cmd {
	if a.ep.ReadOnly {
		a.notice = "already read-only"
		return nil
	}
	a.sess.readOnly[a.sess.profile] = true
	return a.switchTo(switchReq{profile: a.sess.profile, region: a.sess.region, readOnly: true})
}

// askWritable asks before leaving read-only, as before the most
// dangerous actions: the profile's name must be typed.
func (a *App) askWritable() tea.Cmd {
	if !a.ep.ReadOnly {
		a.notice = "not read-only"
		return nil
	}
	// The same guard as purging a queue: the profile's name typed out, so
	// no key typed ahead can make a production session writable.
	want := a.sess.profile
	if want == "" {
		want = "default"
	}
	a.dialogs.Push(dialog.NewTyped(a.com, "Leave read-only for "+a.profileName()+"?", "leave read-only", want,
		[]string{"Every key that sends, deletes, purges, moves or changes a queue works again in " + a.where() + ".",
			"Esc to stay read-only."},
		func(r dialog.Result) tea.Msg { return writableAnswerMsg{yes: r.Outcome == dialog.Confirmed} }))
	return nil
}

// switchTo starts a switch to req: asks first when a client-side move
// runs, since switching stops it.
func (a *App) switchTo(req switchReq) tea.Cmd {
	if a.opts.Connect == nil {
		a.notice = "✗ switching is not available here: restart with --profile / --region"
		return nil
	}
	if a.sw.req != nil {
		a.notice = "a switch is on its way already"
		return nil
	}
	a.sw.req = &req
	if dlq, ok := a.redrive.Moving(); ok {
		a.sw.ask = dialog.NewConfirm(a.com, "A move is running: stop it and switch?", "stop the move and switch",
			[]string{"The batches in flight finish, every message not moved yet becomes visible again in " +
				common.OneLine(dlq) + ", and then sqscope switches. Nothing is lost.",
				"Cancel to keep the move running here."},
			func(r dialog.Result) tea.Msg { return switchAnswerMsg{yes: r.Outcome == dialog.Confirmed} })
		a.dialogs.Push(a.sw.ask)
		return nil
	}
	return a.proceedSwitch()
}

// switchAnswered follows the answer about the running move.
func (a *App) switchAnswered(yes bool) tea.Cmd {
	a.sw.ask = nil
	if !yes {
		a.sw.req = nil
		a.notice = "the move goes on; no switch"
		return nil
	}
	if _, moving := a.redrive.Moving(); !moving { // it ended while the question was open
		return a.proceedSwitch()
	}
	a.redrive.StopForQuit()
	a.sw.stopping = true
	a.notice = "stopping the move before switching…"
	return tea.Tick(redrive.StopTimeout, func(time.Time) tea.Msg { return switchStopTimeoutMsg{} })
}

// afterSwitchStop goes on once the stopped move returned or the wait
// timed out, whichever comes first; the other is then ignored.
func (a *App) afterSwitchStop() tea.Cmd {
	if !a.sw.stopping || a.sw.req == nil {
		return nil
	}
	a.sw.stopping = false
	return a.proceedSwitch()
}

// proceedSwitch closes the peek (its release goes through the client that
// read the messages) and builds the new client.
func (a *App) proceedSwitch() tea.Cmd {
	req := *a.sw.req
	release := a.peek.Close()
	a.sw.seq++
	seq, connect, ctx := a.sw.seq, a.opts.Connect, a.com.Ctx
	a.notice = "connecting to " + describeReq(req) + "…"
	return tea.Batch(release, func() tea.Msg {
		ctx, cancel := context.WithTimeout(ctx, connectTimeout)
		defer cancel()
		c, m, err := connect(ctx, req.profile, req.region, req.readOnly)
		return connectedMsg{seq: seq, req: req, client: c, metrics: m, err: err}
	})
}

// connected swaps the new client in, or says why there is none; the old
// session goes on then.
func (a *App) connected(msg connectedMsg) tea.Cmd {
	if msg.seq != a.sw.seq || a.sw.req == nil {
		return nil
	}
	a.sw.req = nil
	if msg.err != nil {
		// The fix is the point, and the status line would cut it: a note
		// says it whole, the status line in short.
		why := awsclient.IdentityProblem(msg.err, msg.req.profile, false)
		a.notice = "✗ no switch to " + describeReq(msg.req) + ": " + why
		a.dialogs.Push(dialog.NewNote(a.com, "Cannot switch to "+describeReq(msg.req),
			[]string{common.OneLine(why), "sqscope stays in " + a.where() + "."}))
		return nil
	}
	// A peek opened while connecting read the old account: it goes too.
	release := a.peek.Close()
	a.client = msg.client
	a.ep = msg.client.Endpoint()
	a.ep.ReadOnly = a.ep.ReadOnly || msg.req.readOnly
	if a.ep.Profile == "" {
		a.ep.Profile = msg.req.profile
	}
	chosen := a.sess.readOnly
	a.sess = newSession(a.ep)
	a.setProd()
	a.sess.readOnly = chosen
	a.applyKeys(a.ep.ReadOnly)
	a.dialogs.Clear() // any question was about the old session
	a.cat = model.NewCatalog(seriesCap)
	a.listed = false // a link waits for the new session's list
	a.poll.SetClient(msg.client)
	a.peek.SetClient(msg.client)
	a.purge.SetClient(msg.client)
	a.forms.SetClient(msg.client)
	a.compose.SetClient(msg.client)
	cmds := []tea.Cmd{release, a.redrive.SetClient(msg.client), a.queues.Switch(msg.metrics)}
	a.peek.SetCatalog(a.cat)
	a.redrive.SetCatalog(a.cat)
	a.compose.SetCatalog(a.cat)
	a.forms.SetCatalog(a.cat)
	a.queues.SetEmpty("loading the queues of " + a.where() + "…")
	a.relayout()
	a.notice = "now in " + a.where()
	if a.ep.ReadOnly {
		a.notice += " (read-only)"
	}
	return tea.Batch(append(cmds, a.refresh(), a.identityCmd())...)
}

// profileName is the session's profile as the user knows it.
func (a *App) profileName() string {
	if a.sess.profile == "" {
		return "the default profile"
	}
	return "profile " + common.OneLine(a.sess.profile)
}

// where is the session's profile and region, for notices.
func (a *App) where() string {
	s := a.profileName()
	if a.sess.region != "" {
		s += " · " + common.OneLine(a.sess.region)
	}
	return s
}

func describeReq(r switchReq) string {
	s := "the default profile"
	if r.profile != "" {
		s = "profile " + common.OneLine(r.profile)
	}
	if r.region != "" {
		s += " · " + common.OneLine(r.region)
	}
	return s
}

// connectTimeout bounds building a client: the SDK's credential chain
// can wait on IMDS, an SSO refresh or a credential_process.
const connectTimeout = 30 * time.Second

// profileRegion is the region the shared config gives profile; "" when
// it gives none or the profiles are not read yet.
func (a *App) profileRegion(profile string) string {
	for _, p := range a.profiles {
		if p.Name == profile {
			return p.Region
		}
	}
	return ""
}
