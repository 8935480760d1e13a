package ui

import (
	"errors"
	"slices"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/sqscope/sqscope/model"
	"github.com/sqscope/sqscope/ui/dialog"
	"github.com/sqscope/sqscope/ui/internal/uitest"
)

// session is the fake peek session the pane opened last.
func session(t *testing.T, f *fakeClient) *uitest.Peek {
	t.Helper()
	ps := f.Opened()
	if len(ps) == 0 {
		t.Fatal("no peek session opened")
	}
	return ps[len(ps)-1]
}

// deleteCalls are the recorded DeleteMessages calls, as the ids sent.
func deleteCalls(f *fakeClient) [][]string {
	var out [][]string
	for _, c := range f.OpCalls() {
		if c.Op == "delete" {
			out = append(out, ids(c.Messages))
		}
	}
	return out
}

// listed reports whether the peek pane lists message id.
func listed(a *App, id string) bool {
	return slices.ContainsFunc(a.peek.Messages(), func(m model.Message) bool { return m.ID == id })
}

// Only what the session still holds is sent; a message whose hold ran
// out is named in the question and the report, never sent; enter (the
// default) deletes nothing.
func TestDeleteSendsOnlyHeldMessages(t *testing.T) {
	a, f := peekApp(t, 120, 36)
	openPeek(t, a, "orders-dlq")
	all := dlqMessages(t)
	press(a, "space", "space", "space") // the first three; the cursor is on the fourth
	session(t, f).ExpireHold(all[1].ID)

	press(a, "X")
	if q := question(a); q != "Delete 2 messages from orders-dlq?" {
		t.Fatalf("question %q", q)
	}
	if s := flat(screen(a)); !strings.Contains(s, "1 of the 3 messages chosen is no longer held by this peek") ||
		!strings.Contains(s, "another consumer may hold it now") || !strings.Contains(s, "audit log keeps a full copy") {
		t.Errorf("the question does not say what is not deleted and why:\n%s", screen(a))
	}
	drive(a, press(a, "enter"))
	if calls := f.OpCalls(); len(calls) != 0 {
		t.Fatalf("enter (default No) called %v", calls)
	}

	press(a, "X")
	drive(a, press(a, "y"))
	want := [][]string{{all[0].ID, all[2].ID}}
	if got := deleteCalls(f); !slices.EqualFunc(got, want, slices.Equal) {
		t.Fatalf("deleted %v, want exactly the held %v", got, want)
	}
	if listed(a, all[0].ID) || listed(a, all[2].ID) || !listed(a, all[1].ID) {
		t.Errorf("list after delete: %v", ids(a.peek.Messages()))
	}
	if sel := a.peek.Selection(); len(sel) != 1 || sel[0].ID != all[1].ID {
		t.Errorf("selection after delete %v, want the one not deleted", ids(sel))
	}
	if n := note(a); n != "Deleted 2 of 3 messages from orders-dlq" {
		t.Errorf("report %q", n)
	}
	if s := flat(screen(a)); !strings.Contains(s, "1 not sent: no longer held by this peek") {
		t.Errorf("the report does not say what was not sent:\n%s", screen(a))
	}
	if s := screen(a); !strings.Contains(s, "deleted 2 of 3 messages from orders-dlq") {
		t.Errorf("the status line does not say what was deleted:\n%s", s)
	}
	press(a, "esc")
	if s := screen(a); !strings.Contains(s, "2 deleted") {
		t.Errorf("the peek's title does not count the deleted:\n%s", s)
	}
}

// note is the title of the report on top of the overlay stack; "" when
// none.
func note(a *App) string {
	if d, ok := a.dialogs.Top().(*dialog.Note); ok {
		return d.Title()
	}
	return ""
}

// TestActionsFollowTheCursorAfterAMove, for delete: deleting the message
// under the cursor leaves the cursor, the body, copy and select on one
// and the same message.
func TestActionsFollowTheCursorAfterADelete(t *testing.T) {
	a, f := peekApp(t, 120, 36)
	openPeek(t, a, "orders-dlq")
	all := dlqMessages(t)
	press(a, "j", "j") // the third row, nothing selected
	press(a, "X")
	if q := question(a); q != "Delete 1 message from orders-dlq?" {
		t.Fatalf("question %q", q)
	}
	drive(a, press(a, "y"))
	if got := deleteCalls(f); len(got) != 1 || !slices.Equal(got[0], []string{all[2].ID}) {
		t.Fatalf("deleted %v, want the one under the cursor", got)
	}
	row, body := cursorRow(screen(a)), bodyID(screen(a))
	if row == "" || !strings.HasPrefix(body, row) || strings.HasPrefix(all[2].ID, row) {
		t.Fatalf("cursor on %q, body shows %q:\n%s", row, body, screen(a))
	}
	var cur model.Message
	for _, m := range all {
		if strings.HasPrefix(m.ID, row) {
			cur = m
		}
	}
	if got, want := press(a, "y")(), tea.SetClipboard(cur.Body)(); got != want {
		t.Errorf("y copied %q, want the body of %s under the cursor", got, row)
	}
	press(a, "space")
	if sel := a.peek.Selection(); len(sel) != 1 || sel[0].ID != cur.ID {
		t.Errorf("space selected %v, want %s", ids(sel), row)
	}
}

// SQS's refusals are named with its reason and the messages stay listed;
// a failed call deletes nothing and says so.
func TestDeleteReportsRefusals(t *testing.T) {
	a, f := peekApp(t, 120, 36)
	openPeek(t, a, "orders-dlq")
	all := dlqMessages(t)
	f.Mu.Lock()
	f.Ops.DelFail = map[string]error{all[1].ID: errors.New("ReceiptHandleIsInvalid: the receipt handle has expired")}
	f.Mu.Unlock()
	press(a, "space", "space", "X")
	drive(a, press(a, "y"))
	s := flat(screen(a))
	if !strings.Contains(s, "deleted 1 of 2 messages from orders-dlq") || !strings.Contains(s, all[1].ID+": ReceiptHandleIsInvalid") {
		t.Errorf("the refusal is not reported, with the message and SQS's reason:\n%s", screen(a))
	}
	press(a, "esc")
	if listed(a, all[0].ID) || !listed(a, all[1].ID) {
		t.Errorf("list after a partial delete: %v", ids(a.peek.Messages()))
	}

	f.Mu.Lock()
	f.Ops.DeleteErr = errors.New("AccessDenied: not authorized to perform sqs:DeleteMessage")
	f.Mu.Unlock()
	press(a, "X")
	drive(a, press(a, "y"))
	if s := screen(a); !strings.Contains(s, "nothing deleted") || !strings.Contains(s, "AccessDenied") {
		t.Errorf("a failed call is not reported:\n%s", s)
	}
}

// When none of the chosen messages is held any more, nothing is sent; y
// reads the queue again and keeps what comes back held past the end of
// the queue, so X then deletes it.
func TestDeleteAfterTheHoldRanOut(t *testing.T) {
	a, f := peekApp(t, 120, 36)
	openPeek(t, a, "orders-dlq")
	all := dlqMessages(t)
	sess := session(t, f)
	sess.Expire()
	press(a, "X")
	if q := question(a); !strings.HasPrefix(q, "Nothing to delete") {
		t.Fatalf("question %q", q)
	}
	if len(f.OpCalls()) != 0 {
		t.Fatal("a message not held was sent")
	}
	again := all[0]
	again.ReceiveCount++
	again.ReceiptHandle = "handle-2"
	sess.ReceiveAgain(again)
	drive(a, press(a, "y"))
	if _, releases := sess.Counts(); releases != 0 {
		t.Fatalf("the end of the queue released what was read for the delete (%d releases)", releases)
	}
	press(a, "X")
	if q := question(a); q != "Delete 1 message from orders-dlq?" {
		t.Fatalf("after reading again: question %q", q)
	}
	drive(a, press(a, "y"))
	calls := f.OpCalls()
	if len(calls) != 1 || len(calls[0].Messages) != 1 || calls[0].Messages[0].ReceiptHandle != "handle-2" {
		t.Fatalf("calls %+v, want the message with the newest receipt handle", calls)
	}
	// The delete answered: the end of the queue releases again.
	drive(a, press(a, "n"))
	if asking(a) {
		drive(a, press(a, "y"))
	}
	if _, releases := sess.Counts(); releases != 1 {
		t.Errorf("after the delete the end of the queue released %d times, want 1", releases)
	}
}

// The DLQ pane's breakdown follows a delete, as it follows a move.
func TestDLQPaneFollowsADelete(t *testing.T) {
	a, _ := peekApp(t, 120, 36)
	openPeek(t, a, "orders-dlq")
	if s := screen(a); !strings.Contains(s, "Peeked 5 of") {
		t.Fatalf("no DLQ pane:\n%s", s)
	}
	press(a, "space", "space", "X")
	drive(a, press(a, "y"))
	if s := screen(a); !strings.Contains(s, "Peeked 3 of") {
		t.Errorf("the DLQ pane still counts the deleted messages:\n%s", s)
	}
	press(a, "g", "space", "space", "space", "X")
	drive(a, press(a, "y"))
	if s := flat(screen(a)); !strings.Contains(s, "every peeked message has gone") ||
		!strings.Contains(s, "every peeked message has been deleted") {
		t.Errorf("the panes do not say every message was deleted:\n%s", screen(a))
	}
}

// A delete whose audit line could not be written says so, and never
// claims the audit log keeps a copy: the messages' content is then kept
// nowhere.
func TestDeleteSaysWhenTheAuditLogFailed(t *testing.T) {
	a, f := peekApp(t, 120, 36)
	openPeek(t, a, "orders-dlq")
	f.Mu.Lock()
	f.Ops.AuditErr = errors.New("write audit.jsonl: no space left on device")
	f.Mu.Unlock()
	press(a, "X")
	drive(a, press(a, "y"))
	s := flat(screen(a))
	if !strings.Contains(s, "audit log could not be written") || !strings.Contains(s, "no copy of them was kept") ||
		strings.Contains(s, "keeps a full copy") {
		t.Errorf("an audit failure is not said, or a copy is still promised:\n%s", screen(a))
	}
}
