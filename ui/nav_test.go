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
	if selectedName(a) != "audit-log" {
		t.Errorf("k past the top selects %q", selectedName(a))
	}
}

func TestIOpensDetailAndEscReturns(t *testing.T) {
	a, _ := loadedApp(t, 120, 36)
	selectQueue(t, a, "orders-dlq")
	press(a, "i")
	if !strings.Contains(screen(a), "Detail · esc back") || !strings.Contains(hintText(a), "tab to list") {
		t.Fatalf("i did not open and focus the detail pane:\n%s", screen(a))
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
	if strings.Contains(screen(a), "Detail · esc back") || !strings.Contains(hintText(a), "? help") {
		t.Fatalf("esc did not close the detail pane:\n%s", screen(a))
	}
	if !strings.Contains(screen(a), "Metrics") {
		t.Error("metrics pane not back after esc")
	}
}

func TestHelpOverlayAndReadOnly(t *testing.T) {
	f := &fakeClient{List: testDataset(0), EP: awsclient.Endpoint{Region: "eu-west-1", Profile: "prod"}}
	a, _ := newTestApp(t, f, Options{ReadOnly: true})
	a.Update(tea.WindowSizeMsg{Width: 120, Height: 36})
	poll(a)
	press(a, "?")
	s := screen(a)
	for _, want := range []string{"READ-ONLY", "profile prod", "Navigation", "Messages", "Dead-letter queues",
		"off in read-only mode:", "redrive DLQ (R), move DLQ to… (m)", "peek messages", "refresh now"} {
		if !strings.Contains(s, want) {
			t.Errorf("help lacks %q:\n%s", want, s)
		}
	}
	// Read-only mode hides what changes SQS from the key groups (k9s's
	// dangerous actions): the muted lines above name them and their keys.
	if strings.Contains(s, "R           redrive DLQ") {
		t.Errorf("help offers redrive in read-only mode:\n%s", s)
	}
	press(a, "j") // ignored while help is open
	if selectedName(a) != "audit-log" || !helpOpen(a) {
		t.Error("keys leak through the help overlay")
	}
	press(a, "esc")
	if helpOpen(a) {
		t.Error("esc did not close help")
	}
}

func TestQuitCancelsRequests(t *testing.T) {
	a, _ := loadedApp(t, 80, 24)
	_, cmd := a.Update(keyMsg("q"))
	if _, ok := cmd().(tea.QuitMsg); !ok {
		t.Fatal("q does not quit")
	}
	if a.com.Ctx.Err() == nil {
		t.Error("quit left the request context alive")
	}
}

func TestEmptyListSaysWhy(t *testing.T) {
	f := &fakeClient{Err: errors.New("NoCredentialProviders: no valid providers in chain")}
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
	f.Set(nil, nil)
	poll(a)
	if !strings.Contains(screen(a), "no queues at this endpoint") {
		t.Errorf("empty account not explained:\n%s", screen(a))
	}
}

func TestNameColumnShrinksToLongestName(t *testing.T) {
	a, f := loadedApp(t, 80, 24)
	f.Set(testDataset(0)[:8], nil) // drop the very long name
	poll(a)
	if !strings.Contains(screen(a), "→ payments-dlq.fifo") {
		t.Errorf("short names should leave the DLQ column room:\n%s", screen(a))
	}
}
