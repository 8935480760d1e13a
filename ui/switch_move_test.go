package ui

import (
	"context"
	"regexp"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/sqscope/sqscope/awsclient"
	"github.com/sqscope/sqscope/model"
	"github.com/sqscope/sqscope/ui/common"
	"github.com/sqscope/sqscope/ui/internal/uitest"
)

// A switch while a client-side move runs asks first, as quitting does:
// switching stops the move.

// fakeConnect connects every switch to next.
func fakeConnect(next *fakeClient) ConnectFunc {
	return func(_ context.Context, profile, region string, ro bool) (awsclient.Client, awsclient.Metrics, error) {
		next.Mu.Lock()
		next.EP.Profile, next.EP.Region, next.EP.ReadOnly = profile, region, ro
		next.Mu.Unlock()
		return next, nil, nil
	}
}

func TestSwitchDuringMoveAsksThenStopsFirst(t *testing.T) {
	a, _, done := gatedMove(t)
	next := &fakeClient{}
	next.Set(testDataset(0)[:1], nil)
	a.opts.Connect = fakeConnect(next)

	a.Update(common.SwitchMsg{Profile: "team-b"})
	if a.sw.ask == nil || a.dialogs.Top() != a.sw.ask {
		t.Fatal("a switch during a move did not ask first")
	}
	if !strings.Contains(screen(a), "A move is running: stop it and switch?") {
		t.Errorf("question not shown:\n%s", screen(a))
	}
	press(a, "n")
	if a.redrive.Latest().Stopping || a.client == next {
		t.Fatal("declining stopped the move or switched")
	}
	if _, moving := a.redrive.Moving(); !moving {
		t.Fatal("declining ended the move")
	}

	a.Update(common.SwitchMsg{Profile: "team-b"})
	press(a, "y") // its timer is not run: the move returns first
	if !a.redrive.Latest().Stopping {
		t.Fatal("yes did not stop the move")
	}
	if a.client == next {
		t.Fatal("switched before the move returned")
	}
	_, cmd := a.Update(<-done)
	for _, m := range uitest.RunCmdNoTick(cmd) {
		drive(a, func() tea.Msg { return m })
	}
	if a.client != next {
		t.Fatalf("the stopped move did not let the switch go on; status: %s", statusText(a))
	}
	if a.peek.Open() {
		t.Error("the peek of the old session is still open")
	}
	if h := strings.Split(screen(a), "\n")[0]; !strings.Contains(h, "profile team-b") {
		t.Errorf("header %q does not name the new profile", h)
	}
	if _, cmd := a.Update(switchStopTimeoutMsg{}); cmd != nil {
		t.Error("a late stop timeout switched again")
	}
}

// The command line sends its :ro and :profile up through its Outbox, as
// any pane does: the root acts on them there too.
func TestReadOnlyFromAPaneOutbox(t *testing.T) {
	a, _ := loadedApp(t, 120, 36)
	next := &fakeClient{}
	next.Set(testDataset(0), nil)
	a.opts.Connect = fakeConnect(next)
	drive(a, a.up(common.ReadOnlyMsg{On: true}))
	if a.client != next || !next.EP.ReadOnly || !a.com.Keys.ReadOnly {
		t.Fatal(":ro did not rebuild the session read-only")
	}
	if h := strings.Split(screen(a), "\n")[0]; !strings.Contains(h, "READ-ONLY") {
		t.Errorf("header %q does not say read-only", h)
	}
	if cmd := press(a, "S"); cmd != nil || asking(a) {
		t.Error("S still composes in read-only mode")
	}
	drive(a, a.up(common.SwitchMsg{Region: "eu-west-1"}))
	if !next.EP.ReadOnly || next.EP.Region != "eu-west-1" {
		t.Errorf("a region switch lost read-only or the region: %+v", next.EP)
	}
}

// A profile whose config names a region is opened there: the fix a deep
// link offers (":profile acme-prod" for an eu-west-1 link) must land in
// eu-west-1, not in the region left behind. A profile without one keeps
// the current region.
func TestProfileSwitchTakesTheProfilesRegion(t *testing.T) {
	a, _ := loadedApp(t, 120, 36)
	next := &fakeClient{}
	next.Set(testDataset(0), nil)
	a.opts.Connect = fakeConnect(next)
	a.profiles = []awsclient.Profile{{Name: "acme-prod", Region: "eu-west-1"}, {Name: "plain"}}
	drive(a, a.up(common.SwitchMsg{Profile: "acme-prod"}))
	if next.EP.Profile != "acme-prod" || next.EP.Region != "eu-west-1" {
		t.Errorf("switched to %q in %q, want acme-prod in eu-west-1", next.EP.Profile, next.EP.Region)
	}
	drive(a, a.up(common.SwitchMsg{Profile: "plain"}))
	if next.EP.Profile != "plain" || next.EP.Region != "eu-west-1" {
		t.Errorf("a profile without a region moved to %q, want the current eu-west-1", next.EP.Region)
	}
}

// --queue opened a peek, then the identity shows an account the
// read-only pattern names: the session becomes read-only (which closes
// the peek) and the linked queue opens again once the new list is in.
func TestDeepLinkSurvivesAReadOnlyAccount(t *testing.T) {
	a := deepLinkApp(t, "orders-dlq")
	if !a.peek.Open() {
		t.Fatal("--queue did not open the peek")
	}
	next := &fakeClient{EP: awsclient.Endpoint{URL: "http://127.0.0.1:9324", Region: "us-east-1", Demo: true}}
	next.Set(testDataset(0), nil)
	next.Messages = map[string][]model.Message{testQueue("orders-dlq", 0, 0, 0, "").URL: dlqMessages(t)}
	a.opts.Connect = fakeConnect(next)
	a.opts.ReadOnlyPattern = regexp.MustCompile(`^000000000000$`)
	a.sess.idSeq++
	drive(a, a.identified(identityMsg{seq: a.sess.idSeq, id: awsclient.Identity{Account: "000000000000"}}))
	if !a.ep.ReadOnly {
		t.Fatal("the account matching the pattern did not make the session read-only")
	}
	if !a.peek.Open() || a.peek.Queue().Name != "orders-dlq" {
		t.Errorf("the linked queue did not open again after the switch:\n%s", screen(a))
	}
}
