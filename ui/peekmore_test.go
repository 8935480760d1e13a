package ui

import (
	"fmt"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
)

// TestLoadMoreAfterTheHoldAsksAndShowsRaisedCounts: once the holds ended,
// n would receive the messages read so far again. On a queue that
// dead-letters it asks first (declining reads nothing); after a yes the
// list shows the raised receive counts and says how many came again.
func TestLoadMoreAfterTheHoldAsksAndShowsRaisedCounts(t *testing.T) {
	a, f := peekApp(t, 120, 36)
	openPeek(t, a, "orders") // maxReceiveCount 5; the fake hands out 2 messages
	p := f.Opened()[0]
	if n, _ := p.Counts(); n != 1 {
		t.Fatalf("%d Next calls after opening, want 1", n)
	}

	// Within the hold: n reads on without asking.
	drive(a, press(a, "n"))
	if n, _ := p.Counts(); n != 2 || asking(a) {
		t.Fatalf("n within the hold: %d Next calls, dialog %v; want 2, none", n, asking(a))
	}

	p.Expire()
	press(a, "n")
	if !strings.HasPrefix(question(a), "Receive messages of orders again?") {
		t.Fatalf("n after the hold ended did not ask:\n%s", screen(a))
	}
	s := flat(screen(a))
	for _, want := range []string{"2 of the 2 messages read so far are visible again", "receives them again", "maxReceiveCount 5"} {
		if !strings.Contains(s, want) {
			t.Errorf("dialog lacks %q:\n%s", want, screen(a))
		}
	}
	press(a, "n") // no
	if n, _ := p.Counts(); n != 2 {
		t.Fatalf("declining still read: %d Next calls", n)
	}

	first := a.peek.Messages()[0]
	raised := first
	raised.ReceiveCount = first.ReceiveCount + 1
	p.ReceiveAgain(raised)
	press(a, "n")
	drive(a, press(a, "y"))
	if n, _ := p.Counts(); n != 3 {
		t.Fatalf("yes did not read: %d Next calls", n)
	}
	if got := a.peek.Messages()[0].ReceiveCount; got != raised.ReceiveCount {
		t.Errorf("receive count in the list = %d, want the raised %d", got, raised.ReceiveCount)
	}
	if s := screen(a); !strings.Contains(s, "1 received again") {
		t.Errorf("title does not say a message came again:\n%s", s)
	}
}

// TestPeekReleasesWhenReadToTheEnd: once a page finds nothing more to
// read, holding what was read only keeps it from its consumers: the peek
// releases it at once and keeps the list.
func TestPeekReleasesWhenReadToTheEnd(t *testing.T) {
	a, f := peekApp(t, 120, 36)
	f.Mu.Lock()
	f.NextEndsWithPage = true
	f.Mu.Unlock()
	openPeek(t, a, "orders-dlq")
	p := f.Opened()[0]
	if _, rel := p.Counts(); rel != 1 {
		t.Fatalf("released %d times after the last page, want once", rel)
	}
	s := screen(a)
	if strings.Contains(s, " held") || !strings.Contains(s, "exhausted") || !strings.Contains(s, "5 read") {
		t.Errorf("title after reading to the end:\n%s", s)
	}
	if len(a.peek.Messages()) != 5 {
		t.Errorf("%d messages listed, want the 5 read", len(a.peek.Messages()))
	}
}

// peekPage is how many messages a page of the peek asks for.
const peekPage = 20

// TestQuitReleasesWhatAPageHeldAfterARelease: the pane's session stays
// live after it was released (read to the end, a move, a task), so that
// what the next page holds is released on quit too.
func TestQuitReleasesWhatAPageHeldAfterARelease(t *testing.T) {
	a, f := peekApp(t, 120, 36)
	f.Mu.Lock()
	f.NextEndsWithPage = true
	f.Mu.Unlock()
	openPeek(t, a, "orders-dlq") // read to the end: released
	p := f.Opened()[0]
	for i := range peekPage + 10 { // more than a page: not read to the end again
		p.Add(testMessage(100+i, fmt.Sprintf("late %d", i), 1))
	}
	press(a, "n")           // read to its end: it asks before reading again
	drive(a, press(a, "y")) // holds a page again
	if p.Held() != peekPage {
		t.Fatalf("the fake holds %d after n, want %d", p.Held(), peekPage)
	}
	if !strings.Contains(screen(a), fmt.Sprintf("%d held", peekPage)) {
		t.Errorf("title does not say %d held:\n%s", peekPage, screen(a))
	}
	_, cmd := a.Update(keyMsg("q"))
	batch, ok := cmd().(tea.BatchMsg)
	if !ok || len(batch) != 2 {
		t.Fatalf("quit returned %T: it quit without releasing what the page held", cmd())
	}
	batch[0]()
	if p.Held() != 0 {
		t.Errorf("%d still held after the quit's release", p.Held())
	}
}
