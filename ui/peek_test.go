package ui

import (
	"errors"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
)

func TestPeekAsksBeforeReceivingFromRedriveQueue(t *testing.T) {
	a, f := peekApp(t, 120, 36)
	selectQueue(t, a, "orders") // redrive policy: DLQ after 5 receives
	drive(a, press(a, "p"))
	if !asking(a) {
		t.Fatal("no confirm dialog before peeking a queue with a redrive policy")
	}
	if n := len(f.Opened()); n != 0 {
		t.Fatalf("%d sessions opened before the answer", n)
	}
	s := screen(a)
	for _, want := range []string{"Peek orders?", "receive count by one", "maxReceiveCount 5", "orders-dlq",
		"unknown until", "n/esc/enter cancel"} {
		if !strings.Contains(strings.Join(strings.Fields(s), " "), want) {
			t.Errorf("dialog lacks %q:\n%s", want, s)
		}
	}
	drive(a, press(a, "y"))
	ps := f.Opened()
	if len(ps) != 1 {
		t.Fatalf("%d sessions after y, want 1", len(ps))
	}
	if n, _ := ps[0].Counts(); n != 1 {
		t.Errorf("Next called %d times after y, want 1", n)
	}
	if !a.peek.Open() || len(a.peek.Messages()) != 2 {
		t.Fatalf("pane open %v with %d messages", a.peek.Open(), len(a.peek.Messages()))
	}
	if !strings.Contains(screen(a), "5/5") {
		t.Errorf("receive count not shown against maxReceiveCount:\n%s", screen(a))
	}

	// The next dialog on this queue knows what the first peek saw: one of
	// the two messages is at its limit.
	drive(a, press(a, "esc"))
	press(a, "p")
	if s := strings.Join(strings.Fields(screen(a)), " "); !strings.Contains(s, "1 of 2 messages seen are at risk") {
		t.Errorf("second dialog does not say how many are at risk:\n%s", screen(a))
	}
}

func TestPeekDeclinedNeverReceives(t *testing.T) {
	// n, esc and enter (the highlighted No) cancel; any other key does
	// nothing at all: a key typed ahead never agrees.
	for _, k := range []string{"n", "esc", "enter", "j", "q", "space"} {
		t.Run(k, func(t *testing.T) {
			a, f := peekApp(t, 120, 36)
			selectQueue(t, a, "orders")
			press(a, "p")
			if !asking(a) {
				t.Fatal("no dialog")
			}
			_, cmd := a.Update(keyMsg(k))
			drive(a, cmd)
			cancels := k == "n" || k == "esc" || k == "enter"
			if asking(a) == cancels || a.peek.Open() {
				t.Errorf("key %q: dialog %v, pane %v", k, asking(a), a.peek.Open())
			}
			if n := len(f.Opened()); n != 0 {
				t.Errorf("key %q opened %d sessions", k, n)
			}
			if a.quitting {
				t.Errorf("key %q on the dialog started quitting", k)
			}
		})
	}
}

func TestPeekPlainQueueOpensAtOnceAndEscReleases(t *testing.T) {
	a, f := peekApp(t, 120, 36)
	openPeek(t, a, "orders-dlq")
	ps := f.Opened()
	if len(ps) != 1 {
		t.Fatalf("%d sessions", len(ps))
	}
	if ps[0].Opts.Hold != 30*time.Second {
		t.Errorf("hold %v, want 30s", ps[0].Opts.Hold)
	}
	s := screen(a)
	for _, want := range []string{"Peek orders-dlq", "5 read", "5 held", "ORD-1001", "refund requested"} {
		if !strings.Contains(s, want) {
			t.Errorf("pane lacks %q:\n%s", want, s)
		}
	}
	drive(a, press(a, "esc"))
	if _, r := ps[0].Counts(); r != 1 {
		t.Errorf("esc released %d times, want 1", r)
	}
	if a.peek.Open() || a.peek.LiveSessions() != 0 {
		t.Errorf("after esc: pane open %v, %d live sessions", a.peek.Open(), a.peek.LiveSessions())
	}
}

func TestPeekLoadMoreAndNoTimer(t *testing.T) {
	a, f, clock := peekAppClock(t, 120, 36)
	f.Messages[testQueue("orders-dlq", 0, 0, 0, "").URL] = append(dlqMessages(t), dlqMessages(t)...)
	openPeek(t, a, "orders-dlq")
	// Ticks refresh the queue list; they must never read messages again.
	for range 3 {
		clock.T = clock.T.Add(5 * time.Second)
		_, cmd := a.Update(tickMsg{})
		drive(a, cmd)
	}
	p := f.Opened()[0]
	if n, _ := p.Counts(); n != 1 {
		t.Fatalf("Next called %d times without a key", n)
	}
	drive(a, press(a, "n"))
	if n, _ := p.Counts(); n != 2 {
		t.Errorf("n called Next %d times in all, want 2", n)
	}
	if !strings.Contains(screen(a), "10 read") {
		t.Errorf("count after load more:\n%s", screen(a))
	}
}

func TestPeekQuitReleasesBeforeQuitting(t *testing.T) {
	for _, k := range []string{"q", "ctrl+c"} {
		t.Run(k, func(t *testing.T) {
			a, f := peekApp(t, 120, 36)
			openPeek(t, a, "orders-dlq")
			_, cmd := a.Update(keyMsg(k))
			if !strings.Contains(screen(a), "releasing 5 held messages") {
				t.Errorf("no releasing notice:\n%s", screen(a))
			}
			batch, ok := cmd().(tea.BatchMsg)
			if !ok || len(batch) != 2 {
				t.Fatalf("quit returned %T, want the release and its time limit", cmd())
			}
			if _, r := f.Opened()[0].Counts(); r != 0 {
				t.Fatal("released before the command ran")
			}
			msg := batch[0]() // the release; batch[1] is the fallback timer
			if _, r := f.Opened()[0].Counts(); r != 1 {
				t.Fatalf("release ran %d times", r)
			}
			_, cmd = a.Update(msg)
			if cmd == nil {
				t.Fatal("no quit after the release")
			}
			if _, ok := cmd().(tea.QuitMsg); !ok {
				t.Errorf("after the release: %T, want QuitMsg", cmd())
			}
			if a.com.Ctx.Err() == nil {
				t.Error("requests not cancelled on quit")
			}
		})
	}
}

func TestPeekQuitTwiceDoesNotWait(t *testing.T) {
	a, _ := peekApp(t, 80, 24)
	openPeek(t, a, "orders-dlq")
	press(a, "q")
	if _, ok := press(a, "q")().(tea.QuitMsg); !ok {
		t.Error("second q does not quit at once")
	}
}

func TestPeekErrorShownAndReleased(t *testing.T) {
	a, f := peekApp(t, 120, 36)
	f.NextErr = errors.New("AccessDenied: not authorized to perform sqs:ReceiveMessage\non orders-dlq")
	openPeek(t, a, "orders-dlq")
	if !strings.Contains(screen(a), "✗ AccessDenied: not authorized to perform sqs:ReceiveMessage on orders-dlq") {
		t.Errorf("error not in the status bar:\n%s", screen(a))
	}
	if _, r := f.Opened()[0].Counts(); r != 1 {
		t.Errorf("failed page released %d times, want 1", r)
	}
}

func TestPeekLeavingMidLoadCancelsThenReleases(t *testing.T) {
	a, f := peekApp(t, 120, 36)
	f.Gate = make(chan struct{}) // Next blocks until its context ends
	selectQueue(t, a, "orders-dlq")
	cmd := press(a, "p")
	done := make(chan []tea.Msg)
	go func() { done <- runCmd(cmd) }()
	// Wait until Next is running, then leave.
	deadline := time.Now().Add(5 * time.Second)
	for len(f.Opened()) == 0 || first(f.Opened()[0].Counts()) == 0 {
		if time.Now().After(deadline) {
			t.Fatal("Next never called")
		}
		time.Sleep(time.Millisecond)
	}
	rel := press(a, "esc")
	msgs := <-done // the load ended: its context was cancelled
	p := f.Opened()[0]
	if p.CtxErr() == nil {
		t.Error("leaving the pane did not cancel the load")
	}
	drive(a, rel)
	if _, r := p.Counts(); r != 1 {
		t.Errorf("released %d times after leaving mid-load", r)
	}
	for _, m := range msgs {
		a.Update(m) // the late, cancelled page
	}
	if a.peek.Open() || a.peek.Err() != nil {
		t.Errorf("the cancelled page reopened the pane or showed an error: %v", a.peek.Err())
	}
}

func first(a, _ int) int { return a }

// enter on the list peeks, as p does; i opens the detail, enter on the
// detail peeks; esc goes back to the detail, with the release notice in
// the status bar.
func TestEnterPeeksFromListAndDetail(t *testing.T) {
	a, _ := peekApp(t, 120, 36)
	selectQueue(t, a, "orders-dlq")
	drive(a, press(a, "enter"))
	if !a.peek.Open() {
		t.Fatal("enter on the list did not peek")
	}
	drive(a, press(a, "esc"))
	press(a, "i")
	if a.peek.Open() || !strings.Contains(screen(a), "Detail · esc back") {
		t.Fatal("i should open the detail, not peek")
	}
	drive(a, press(a, "enter"))
	if !a.peek.Open() {
		t.Fatal("enter on the detail did not peek")
	}
	drive(a, press(a, "esc"))
	if a.peek.Open() || !strings.Contains(hintText(a), "tab to list") {
		t.Errorf("esc did not return to the focused detail: open %v, hints %q", a.peek.Open(), hintText(a))
	}
	if s := screen(a); !strings.Contains(s, "5 peeked messages visible again") || !strings.Contains(s, "Detail") {
		t.Errorf("no release notice or detail after esc:\n%s", s)
	}
}

// q while a page is loading cancels it; the late page changes nothing.
func TestPeekQuitMidLoad(t *testing.T) {
	a, f := peekApp(t, 120, 36)
	f.Gate = make(chan struct{})
	selectQueue(t, a, "orders-dlq")
	load := press(a, "p")
	done := make(chan []tea.Msg)
	go func() { done <- runCmd(load) }()
	_, quit := a.Update(keyMsg("q"))
	late := <-done // cancelled by q
	for _, m := range late {
		a.Update(m)
	}
	batch, ok := quit().(tea.BatchMsg)
	if !ok {
		t.Fatalf("q mid-load returned %T", quit())
	}
	msg := batch[0]()
	if _, r := f.Opened()[0].Counts(); r != 1 {
		t.Errorf("released %d times", r)
	}
	if _, cmd := a.Update(msg); cmd == nil {
		t.Error("no quit after the release")
	}
}
