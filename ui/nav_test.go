package ui

import (
	"errors"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/sqscope/sqscope/awsclient"
)

func TestNavigationKeys(t *testing.T) {
	a, _ := loadedApp(t, 120, 36)
	press(a, "G")
	if selectedName(a) != "shipping" {
		t.Errorf("G selects %q", selectedName(a))
	}
	press(a, "g")
	if selectedName(a) != "audit-log" {
		t.Errorf("g selects %q", selectedName(a))
	}
	press(a, "down", "down", "up")
	if selectedName(a) != "billing" {
		t.Errorf("down down up selects %q", selectedName(a))
	}
	press(a, "k", "k", "k")
	if a.browse.list.cursor != 0 {
		t.Errorf("k past the top: cursor %d", a.browse.list.cursor)
	}
}

func TestIOpensDetailAndEscReturns(t *testing.T) {
	a, _ := loadedApp(t, 120, 36)
	selectQueue(t, a, "orders-dlq")
	press(a, "i")
	if !a.browse.showDetail || a.browse.focus != paneSide {
		t.Fatal("i did not open and focus the detail pane")
	}
	s := screen(a)
	for _, want := range []string{"Detail", "DLQ of", "← orders", "ApproximateNumberOfMessages"} {
		if !strings.Contains(s, want) {
			t.Errorf("detail lacks %q:\n%s", want, s)
		}
	}
	press(a, "tab", "k")
	if selectedName(a) != "orders" || !strings.Contains(screen(a), "after 5 receives → orders-dlq") {
		t.Errorf("detail does not follow the selection:\n%s", screen(a))
	}
	press(a, "esc")
	if a.browse.showDetail || a.browse.focus != paneList {
		t.Fatal("esc did not close the detail pane")
	}
	if !strings.Contains(screen(a), "Metrics") {
		t.Error("metrics pane not back after esc")
	}
}

func TestHelpOverlayAndReadOnly(t *testing.T) {
	f := &fakeClient{queues: testDataset(0), ep: awsclient.Endpoint{Region: "eu-west-1", Profile: "prod"}}
	a, _ := newTestApp(t, f, Options{ReadOnly: true})
	a.Update(tea.WindowSizeMsg{Width: 120, Height: 36})
	poll(a)
	press(a, "?")
	s := screen(a)
	for _, want := range []string{"READ-ONLY", "profile prod", "Navigation", "Messages", "Dead-letter queues",
		"redrive DLQ (read-only)", "cancel move (read-only)", "move DLQ to… (read-only)", "peek messages", "refresh now"} {
		if !strings.Contains(s, want) {
			t.Errorf("help lacks %q:\n%s", want, s)
		}
	}
	press(a, "j") // ignored while help is open
	if a.browse.list.cursor != 0 || !a.showHelp {
		t.Error("keys leak through the help overlay")
	}
	press(a, "esc")
	if a.showHelp {
		t.Error("esc did not close help")
	}
}

func TestQuitCancelsRequests(t *testing.T) {
	a, _ := loadedApp(t, 80, 24)
	_, cmd := a.Update(keyMsg("q"))
	if _, ok := cmd().(tea.QuitMsg); !ok {
		t.Fatal("q does not quit")
	}
	if a.ctx.Err() == nil {
		t.Error("quit left the request context alive")
	}
}

func TestEmptyListSaysWhy(t *testing.T) {
	f := &fakeClient{err: errors.New("NoCredentialProviders: no valid providers in chain")}
	a, _ := newTestApp(t, f, Options{})
	a.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	if !strings.Contains(screen(a), "loading queues…") {
		t.Errorf("no loading notice before the first result:\n%s", screen(a))
	}
	poll(a)
	s := screen(a)
	if !strings.Contains(s, "could not list queues") || !strings.Contains(s, "NoCredentialProviders") {
		t.Errorf("first-load failure not explained:\n%s", s)
	}
	f.set(nil, nil)
	poll(a)
	if !strings.Contains(screen(a), "no queues at this endpoint") {
		t.Errorf("empty account not explained:\n%s", screen(a))
	}
}

func TestNameColumnShrinksToLongestName(t *testing.T) {
	a, f := loadedApp(t, 80, 24)
	f.set(testDataset(0)[:8], nil) // drop the very long name
	poll(a)
	if !strings.Contains(screen(a), "→ payments-dlq.fifo") {
		t.Errorf("short names should leave the DLQ column room:\n%s", screen(a))
	}
}

// TestDetailScrollsWithNavigationKeys: the detail pane is taller than its
// share of an 80×24 screen, and the list's keys scroll it while it has the
// keyboard.
func TestDetailScrollsWithNavigationKeys(t *testing.T) {
	a, _ := loadedApp(t, 80, 24)
	selectQueue(t, a, "orders-dlq")
	press(a, "i")
	if a.browse.detail.vp.TotalLineCount() <= a.browse.detail.vp.Height() {
		t.Fatalf("detail fits in %d rows: nothing to scroll", a.browse.detail.vp.Height())
	}
	press(a, "G")
	bottom := a.browse.detail.vp.YOffset()
	if bottom == 0 || !a.browse.detail.vp.AtBottom() {
		t.Fatalf("G did not scroll to the bottom: offset %d", bottom)
	}
	press(a, "k")
	if a.browse.detail.vp.YOffset() != bottom-1 {
		t.Errorf("k scrolled to %d, want %d", a.browse.detail.vp.YOffset(), bottom-1)
	}
	press(a, "g")
	if a.browse.detail.vp.YOffset() != 0 {
		t.Errorf("g left the offset at %d", a.browse.detail.vp.YOffset())
	}
	if selectedName(a) != "orders-dlq" {
		t.Errorf("scrolling the detail moved the list to %q", selectedName(a))
	}
}
