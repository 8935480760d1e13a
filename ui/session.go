package ui

import (
	"context"
	"regexp"
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/sqscope/sqscope/awsclient"
	"github.com/sqscope/sqscope/keymap"
)

// The session: which profile, region and account the App acts in, who it
// acts as, and whether it may change anything there. The worst mistakes
// happen in the wrong account, so the header says all of it, and a
// production profile stands out (and may start read-only).

// DefaultProdPattern marks a profile as production when Options.ProdPattern
// is unset: a name containing "prod", in any case.
var DefaultProdPattern = regexp.MustCompile(`(?i)prod`)

// ConnectFunc builds the client of a session on profile and region ("" is
// the SDK's default), with the read-only guard when readOnly; metrics is
// nil when CloudWatch is off. It may do I/O (credentials), and runs in a
// Cmd.
type ConnectFunc func(ctx context.Context, profile, region string, readOnly bool) (awsclient.Client, awsclient.Metrics, error)

// session is what the root knows of the session it acts in.
type sessionInfo struct {
	profile, region string
	emulator        bool // the endpoint is not AWS: no STS is expected there
	prod            bool // profile or account matches the production pattern (setProd)

	id      awsclient.Identity
	problem string // why the identity is unknown, naming the fix; "" when known or asked
	asked   bool   // the identity was asked for (and has answered when !reading)
	reading bool
	idSeq   uint64 // number of the latest identity request

	// readOnly is each profile's read-only state this run, once chosen
	// (by :ro, by leaving it, or by the patterns); a profile not in it
	// takes the default.
	readOnly map[string]bool
}

// identityMsg is the answer to the identity request numbered seq.
type identityMsg struct {
	seq uint64
	id  awsclient.Identity
	err error
}

// newSession is the session of the client the App starts with.
func newSession(ep awsclient.Endpoint) sessionInfo {
	return sessionInfo{profile: ep.Profile, region: ep.Region, emulator: ep.URL != "", readOnly: map[string]bool{}}
}

// prodPattern is Options.ProdPattern or the default.
func (a *App) prodPattern() *regexp.Regexp {
	if a.opts.ProdPattern != nil {
		return a.opts.ProdPattern
	}
	return DefaultProdPattern
}

// isProd reports whether the session's profile name or account matches the
// production pattern: the header then warns. It is worked out when the
// profile or the account changes (setProd), not on every frame.
func (a *App) isProd() bool { return a.sess.prod }

// setProd matches the session's profile and account against the
// production pattern once.
func (a *App) setProd() {
	a.sess.prod = matches(a.prodPattern(), a.sess.profile) || matches(a.prodPattern(), a.sess.id.Account)
}

func matches(re *regexp.Regexp, s string) bool { return re != nil && s != "" && re.MatchString(s) }

// readOnlyFor is whether profile starts read-only: as chosen this run,
// else --read-only, else when the name matches Options.ReadOnlyPattern.
func (a *App) readOnlyFor(profile string) bool {
	if ro, ok := a.sess.readOnly[profile]; ok {
		return ro
	}
	return a.opts.ReadOnly || matches(a.opts.ReadOnlyPattern, profile)
}

// identityCmd asks who the session acts as, when its client can say; a
// client that cannot (a test's fake) leaves the header as it was.
func (a *App) identityCmd() tea.Cmd {
	idf, ok := a.client.(awsclient.Identifier)
	if !ok {
		return nil
	}
	a.sess.idSeq++
	a.sess.asked, a.sess.reading, a.sess.problem = true, true, ""
	seq, ctx := a.sess.idSeq, a.com.Ctx
	return func() tea.Msg {
		id, err := idf.Identity(ctx)
		return identityMsg{seq: seq, id: id, err: err}
	}
}

// identified stores the identity; an answer of an older session is
// dropped. An account that matches the read-only pattern makes a session
// whose profile has no state of its own read-only now.
func (a *App) identified(msg identityMsg) tea.Cmd {
	if msg.seq != a.sess.idSeq {
		return nil
	}
	a.sess.reading = false
	a.sess.id = msg.id
	a.setProd()
	a.sess.problem = awsclient.IdentityProblem(msg.err, a.sess.profile, a.sess.emulator)
	if _, chosen := a.sess.readOnly[a.sess.profile]; !chosen && !a.ep.ReadOnly &&
		matches(a.opts.ReadOnlyPattern, msg.id.Account) {
		a.notice = "account " + msg.id.Account + " matches the read-only pattern: switching to read-only"
		if a.opts.Queue != "" && a.peek.Open() {
			// The switch closes the peek --queue opened: open it again
			// once the read-only session has listed its queues.
			a.pending = a.opts.Queue
		}
		return a.makeReadOnly()
	}
	return nil
}

// banner is the header's account and principal: the ARN's resource part
// (user/alice, assumed-role/Admin/alice), since the account is beside it;
// or what to say while they are unknown ("" when not asked: a client that
// cannot say).
func (s *sessionInfo) banner(ep awsclient.Endpoint, prod bool) banner {
	b := banner{ep: ep, prod: prod}
	switch {
	case s.id.Account != "":
		b.account = s.id.Account
		if i := strings.LastIndex(s.id.ARN, ":"); i >= 0 {
			b.principal = s.id.ARN[i+1:]
		}
	case s.reading:
		b.instead = "identity…"
	case s.problem != "" && s.emulator:
		b.instead = s.problem // "no identity": the emulator has no STS
	case s.problem != "":
		b.instead = "identity unknown"
	}
	return b
}

// applyKeys sets every pane's keys for read-only or not: the base keymap
// (with whatever overrides it came with) with the changing keys disabled
// or enabled again.
func (a *App) applyKeys(readOnly bool) {
	if readOnly {
		a.com.Keys = keymap.ReadOnly(a.baseKeys)
	} else {
		a.com.Keys = a.baseKeys
	}
	if a.com.Confined {
		a.com.Keys = keymap.Confined(a.com.Keys)
	}
}
