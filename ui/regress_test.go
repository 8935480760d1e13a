package ui

import (
	"regexp"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/sqscope/sqscope/awsclient"
	"github.com/sqscope/sqscope/model"
)

// Regression tests of the two bugs the one-stack, one-room layout made
// impossible by construction.

// With a client-side move running, ? then q asked "stop it and quit?"
// behind the help overlay: the hint line said "y yes" and y stopped the
// move and quit without the question ever being shown. One stack decides
// what is drawn, what gets the keys and what the hints say.
func TestQuitQuestionIsShownOverHelp(t *testing.T) {
	a, f, done := gatedMove(t)
	// The move must have ended before the test's temporary home is
	// removed: a move still running writes there.
	defer func() { close(f.Mover.MoveGate); <-done }()
	press(a, "?", "q")
	s := screen(a)
	if !strings.Contains(s, "A move is running: stop it and quit?") {
		t.Fatalf("the quit question is not on screen:\n%s", s)
	}
	if strings.Contains(s, "Keys · ? or esc closes") {
		t.Errorf("help is drawn over the question:\n%s", s)
	}
	if h := hintText(a); !strings.HasPrefix(h, "y stop the move and quit · n/esc/enter cancel") {
		t.Errorf("hints %q are not the question's", h)
	}
	press(a, "n")
	if a.quitting || strings.Contains(screen(a), "stop it and quit?") {
		t.Error("n on the question did not keep the move going")
	}
}

// After a client-side move of selected messages the cursor was on one
// message, the body showed another, y copied that other's body and space
// selected the first. The row under the cursor, the message shown and the
// message an action uses must be one.
func TestActionsFollowTheCursorAfterAMove(t *testing.T) {
	noJournalHome(t)
	a, f := peekApp(t, 120, 36)
	moved := selectTwo(t, a) // the first and second rows; the cursor is on the third
	f.Mu.Lock()
	f.Mover.Report = awsclient.MoveReport{Moved: 2, Total: 2, MovedIDs: moved}
	f.Mu.Unlock()
	press(a, "R")
	move, progress := startMove(t, a)
	go progress()
	a.Update(move())

	row, body := cursorRow(screen(a)), bodyID(screen(a))
	if row == "" || !strings.HasPrefix(body, row) {
		t.Fatalf("cursor on %q, body shows %q:\n%s", row, body, screen(a))
	}
	var cur model.Message
	for _, m := range dlqMessages(t) {
		if strings.HasPrefix(m.ID, row) {
			cur = m
		}
	}
	if got, want := press(a, "y")(), tea.SetClipboard(cur.Body)(); got != want {
		t.Errorf("y copied %q, want the body of %s under the cursor", got, row)
	}
	press(a, "space")
	if sel := a.peek.Selection(); len(sel) != 1 || !strings.HasPrefix(sel[0].ID, row) {
		t.Errorf("space selected %v, want %s", ids(sel), row)
	}
}

var (
	cursorRowRE = regexp.MustCompile(`(?m)^> ([0-9a-f]{8}) `)
	bodyIDRE    = regexp.MustCompile(`(?m)^id ([0-9a-f-]+)`)
)

// cursorRow is the short id on the peek list's cursor row.
func cursorRow(s string) string {
	if m := cursorRowRE.FindStringSubmatch(s); m != nil {
		return m[1]
	}
	return ""
}

// bodyID is the id of the message the body shows.
func bodyID(s string) string {
	if m := bodyIDRE.FindStringSubmatch(s); m != nil {
		return m[1]
	}
	return ""
}

// Quitting takes the keyboard, the status line and the hints: a dialog
// open when it began is moot and goes.
func TestQuittingClosesOpenDialogs(t *testing.T) {
	a, _ := peekApp(t, 120, 36)
	openPeek(t, a, "orders-dlq")
	press(a, "e") // the export prompt, on the status line
	press(a, "ctrl+c")
	if !a.quitting || a.dialogs.Len() != 0 {
		t.Fatalf("quitting %v with %d dialogs open", a.quitting, a.dialogs.Len())
	}
	if s := screen(a); !strings.Contains(s, "releasing 5 held messages… (q again quits at once)") {
		t.Errorf("the status line does not say how the quit goes:\n%s", s)
	}
}

// When the move ends while "stop it and quit?" is open, the question is
// moot: it goes, and quitting does not wait for a stop that is over.
func TestQuitQuestionGoesWhenTheMoveEnds(t *testing.T) {
	a, f, done := gatedMove(t)
	press(a, "q")
	if question(a) != "A move is running: stop it and quit?" {
		t.Fatalf("no question: %q", question(a))
	}
	close(f.Mover.MoveGate) // the move runs to its end meanwhile
	a.Update(<-done)
	if a.dialogs.Len() != 0 || a.quitting {
		t.Errorf("after the move ended: %d dialogs, quitting %v", a.dialogs.Len(), a.quitting)
	}
}
