package ui

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/sqscope/sqscope/awsclient"
	"github.com/sqscope/sqscope/ui/internal/uitest"
)

// selectTwo opens orders-dlq and marks its first and third messages.
func selectTwo(t *testing.T, a *App) []string {
	t.Helper()
	openPeek(t, a, "orders-dlq")
	press(a, "space", "j", "space") // space marks and moves down
	sel := a.peek.Selection()
	if len(sel) != 2 {
		t.Fatalf("%d selected, want 2", len(sel))
	}
	return []string{sel[0].ID, sel[1].ID}
}

// gatedMove starts a client-side move of two selected messages in
// orders-dlq that runs until f.Mover.MoveGate is closed; done receives
// its result.
func gatedMove(t *testing.T) (*App, *fakeClient, chan tea.Msg) {
	t.Helper()
	noJournalHome(t)
	a, f := peekApp(t, 120, 36)
	selectTwo(t, a)
	f.Mover.MoveGate = make(chan struct{})
	press(a, "R")
	move, progress := startMove(t, a)
	done := make(chan tea.Msg)
	go func() { done <- move() }()
	go progress()
	return a, f, done
}

// startMove confirms the open dialog and delivers the peek's release,
// returning the move and progress reader commands (not run yet).
func startMove(t *testing.T, a *App) (move, progress tea.Cmd) {
	t.Helper()
	cmd := press(a, "y")
	if cmd == nil {
		t.Fatal("y started nothing")
	}
	f := a.client.(*fakeClient)
	released := false
	for range 4 {
		msg := cmd()
		if b, ok := msg.(tea.BatchMsg); ok && len(b) == 2 {
			if !released {
				t.Fatal("the move began before the peek's release answered")
			}
			return b[0], b[1]
		}
		if _, r := f.Opened()[0].Counts(); r == 1 {
			released = true
		}
		if len(f.MoverCalls().Moves) != 0 {
			t.Fatal("a move of selected messages did not release the peek first")
		}
		_, cmd = a.Update(msg)
	}
	t.Fatal("after the release: no move and progress reader")
	return nil, nil
}

func TestMoveSelectedReleasesFirstAndSelectsExactlyThose(t *testing.T) {
	noJournalHome(t)
	a, f := peekApp(t, 120, 36)
	want := selectTwo(t, a)
	press(a, "R")
	s := flat(screen(a))
	for _, w := range []string{"Redrive 2 messages from orders-dlq?", "client-side move", "2 selected messages"} {
		if !strings.Contains(s, w) {
			t.Errorf("dialog lacks %q:\n%s", w, screen(a))
		}
	}
	f.Mu.Lock()
	f.Mover.MoveGate = make(chan struct{})
	f.Mover.Progress = []awsclient.MoveProgress{{Moved: 1, Total: 2}}
	f.Mover.Report = awsclient.MoveReport{Moved: 2, Skipped: 3, Total: 5, MovedIDs: want}
	gate := f.Mover.MoveGate
	before := len(a.peek.Messages())
	f.Mu.Unlock()

	move, progress := startMove(t, a)
	done := make(chan tea.Msg)
	go func() { done <- move() }()
	a.Update(progress()) // the first snapshot
	if s := screen(a); !strings.Contains(s, "1/2") || !strings.Contains(s, "client-side move") {
		t.Errorf("progress not shown:\n%s", s)
	}
	close(gate)
	a.Update(<-done)

	m := f.MoverCalls()
	if len(m.Moves) != 1 {
		t.Fatalf("%d moves, want 1", len(m.Moves))
	}
	if got := m.Selected[0]; !slices.Equal(got, want) {
		t.Errorf("Select took %v, want exactly %v", got, want)
	}
	if m.Moves[0].Limit != 2 || m.Moves[0].DestURL != "" {
		t.Errorf("request %+v: want Limit 2, back to the sources", m.Moves[0])
	}
	if m.HeldAtMove[0] != 0 {
		t.Errorf("the peek still held %d messages when the move began", m.HeldAtMove[0])
	}
	if _, rel := f.Opened()[0].Counts(); rel != 1 {
		t.Errorf("peek released %d times before the move, want 1", rel)
	}
	// The whole report is the notice; the status line shows its start.
	if want := "orders-dlq: moved 2 messages, 0 failed, no duplicates, 3 skipped (received but not chosen: visible again in the DLQ)"; a.notice != want || !strings.Contains(screen(a), "orders-dlq: moved 2 messages, 0 failed, no duplicates") {
		t.Errorf("final report %q not shown:\n%s", a.notice, screen(a))
	}
	if len(a.peek.Selection()) != 0 {
		t.Error("the selection survived the move: a second R would move them again")
	}
	left := ids(a.peek.Shown())
	if len(left) != before-2 || slices.Contains(left, want[0]) || slices.Contains(left, want[1]) {
		t.Errorf("peek list after the move: %v; want the %d others, without %v", left, before-2, want)
	}
	if s := screen(a); !strings.Contains(s, "2 moved away") {
		t.Errorf("peek title does not say what moved away:\n%s", s)
	}
	if s := screen(a); !strings.Contains(s, fmt.Sprintf("Peeked %d of ", before-2)) {
		t.Errorf("the DLQ pane does not count the %d peeked messages left:\n%s", before-2, s)
	}
}

func TestMoveFilteredMessages(t *testing.T) {
	noJournalHome(t)
	a, f := peekApp(t, 120, 36)
	openPeek(t, a, "orders-dlq")
	press(a, "/")
	typeText(a, "orderId")
	press(a, "enter") // keeps the filter: the 3 plain JSON bodies
	shown := ids(a.peek.Shown())
	press(a, "R")
	if s := flat(screen(a)); !strings.Contains(s, "a filter is active") {
		t.Errorf("dialog does not say why client-side:\n%s", s)
	}
	move, progress := startMove(t, a)
	go progress()
	a.Update(move())
	if got := f.MoverCalls().Selected[0]; !slices.Equal(got, shown) || len(shown) != 3 {
		t.Errorf("Select took %v, want the %d shown %v", got, len(shown), shown)
	}
}

func TestMoveCancelStopsIt(t *testing.T) {
	a, f, done := gatedMove(t)
	press(a, "c")
	a.Update(<-done)
	if f.MoverCalls().MoveCtxErr == nil {
		t.Fatal("c did not cancel the move's context")
	}
	if s := screen(a); !strings.Contains(s, "stopped after moving 0 messages") {
		t.Errorf("cancelled report not shown:\n%s", s)
	}
}

func TestQuitDuringMoveAsksThenStops(t *testing.T) {
	a, _, done := gatedMove(t)
	press(a, "q")
	if a.dialogs.Top() != a.quitAsk || a.quitAsk == nil || a.quitting {
		t.Fatal("q during a move did not ask first")
	}
	if !strings.Contains(screen(a), "A move is running: stop it and quit?") {
		t.Errorf("question not shown:\n%s", screen(a))
	}
	press(a, "n")
	if a.redrive.Latest().Stopping || a.quitting {
		t.Fatal("declining stopped the move or started quitting")
	}
	press(a, "q")
	press(a, "y")
	if !a.redrive.Latest().Stopping || !a.quitting {
		t.Fatal("yes did not cancel the move and start quitting")
	}
	_, cmd := a.Update(<-done)
	// The move returned: the peek sessions are released, then the program quits.
	var quit bool
	for _, m := range uitest.RunCmdNoTick(cmd) {
		switch m.(type) {
		case tea.QuitMsg:
			quit = true
		case quitNowMsg:
			_, next := a.Update(m)
			_, quit = next().(tea.QuitMsg)
		}
	}
	if !quit {
		t.Error("no quit after the move stopped")
	}
}

func TestReleaseAllStopsAMoveAndWaits(t *testing.T) {
	noJournalHome(t)
	a, f := peekApp(t, 120, 36)
	selectTwo(t, a)
	returned := make(chan struct{})
	f.Mover.MoveGate, f.Mover.Returned = make(chan struct{}), returned
	press(a, "R")
	move, _ := startMove(t, a)
	go move()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := a.ReleaseAll(ctx); err != nil {
		t.Fatal(err)
	}
	select {
	case <-returned:
	default:
		t.Fatal("ReleaseAll returned before the move did")
	}
	if f.MoverCalls().MoveCtxErr == nil {
		t.Error("ReleaseAll did not cancel the move")
	}
}

func TestMoveToPickedQueue(t *testing.T) {
	noJournalHome(t)
	a, f := loadedApp(t, 120, 36)
	selectQueue(t, a, "orders-dlq")
	press(a, "m")
	if !picking(a) {
		t.Fatal("m did not open the queue picker")
	}
	typeText(a, "ship")
	press(a, "enter")
	s := flat(screen(a))
	for _, w := range []string{"Move 19 messages from orders-dlq?", "To shipping", "you picked the destination"} {
		if !strings.Contains(s, w) {
			t.Errorf("dialog lacks %q:\n%s", w, screen(a))
		}
	}
	drive(a, press(a, "y"))
	m := f.MoverCalls()
	if len(m.Starts) != 0 || len(m.Moves) != 1 || m.Moves[0].DestURL != testQueue("shipping", 0, 0, 0, "").URL {
		t.Errorf("starts %v, moves %+v: want one client-side move to shipping", m.Starts, m.Moves)
	}
}

// TestStopTimeoutAfterMoveReturnedIsIgnored: once the stopped move has
// returned and quitting has moved on to releasing the peeks, the stop
// timer's late message must not start the release and its timer again.
func TestStopTimeoutAfterMoveReturnedIsIgnored(t *testing.T) {
	a, _, done := gatedMove(t)
	press(a, "q")
	press(a, "y")
	// The peek's session stays live after its release for the move: the
	// quit has to release it again.
	a.Update(<-done)
	if !a.quitting {
		t.Fatal("not releasing after the stopped move returned")
	}
	if _, cmd := a.Update(stopTimeoutMsg{}); cmd != nil {
		t.Error("a late stop timeout started quitting over again")
	}
}
