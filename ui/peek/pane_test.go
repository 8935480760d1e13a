package peek

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/charmbracelet/x/ansi"
	"github.com/sqscope/sqscope/awsclient"
	"github.com/sqscope/sqscope/keymap"
	"github.com/sqscope/sqscope/model"
	"github.com/sqscope/sqscope/ui/dialog"
)

func TestOpenAsksBeforeAPeekThatCanDeadLetter(t *testing.T) {
	p, f := newPane(t, 120, 30)
	if cmd := p.OpenQueue(queue("orders")); cmd != nil {
		t.Fatal("a Cmd before the answer: it would receive")
	}
	d, ok := dialogOf(p.Take()).(*dialog.Confirm)
	if !ok || d.Title() != "Peek orders?" {
		t.Fatalf("no confirmation before peeking a queue with a redrive policy: %v", d)
	}
	drive(p, answer(p, d, "n"))
	if up := p.Take(); len(f.Opened()) != 0 || p.Open() || !slices.Contains(notices(up), "cancelled: nothing was received") {
		t.Fatalf("no: %d sessions, open %v, sent up %v", len(f.Opened()), p.Open(), up)
	}

	p.OpenQueue(queue("orders"))
	d = dialogOf(p.Take()).(*dialog.Confirm)
	drive(p, answer(p, d, "y"))
	up := p.Take()
	if len(f.Opened()) != 1 || len(p.Messages()) != 2 {
		t.Fatalf("yes: %d sessions, %d messages", len(f.Opened()), len(p.Messages()))
	}
	if !slices.ContainsFunc(up, func(m tea.Msg) bool { o, ok := m.(OpenedMsg); return ok && o.Queue.Name == "orders" }) {
		t.Errorf("the root was not told the pane opened: %v", up)
	}
}

func TestOpenPlainQueueAtOnceAndEscReleases(t *testing.T) {
	p, f := newPane(t, 120, 30)
	up := open(t, p, "orders-dlq")
	if dialogOf(up) != nil {
		t.Fatal("asked before peeking a queue without a redrive policy")
	}
	if !slices.Contains(up, tea.Msg(PageReadMsg{})) {
		t.Errorf("the root was not told a page arrived: %v", up)
	}
	if p.Held() != 5 || p.LiveSessions() != 1 {
		t.Errorf("%d held in %d live sessions, want 5 in 1", p.Held(), p.LiveSessions())
	}
	rel := press(p, "esc")
	if p.Open() || !slices.Contains(p.Take(), tea.Msg(ClosedMsg{})) || rel == nil {
		t.Fatal("esc did not close the pane, tell the root, and release")
	}
	drive(p, rel)
	if _, r := f.Opened()[0].Counts(); r != 1 || p.LiveSessions() != 0 {
		t.Errorf("released %d times, %d live sessions left", r, p.LiveSessions())
	}
	if !slices.Contains(notices(p.Take()), "5 peeked messages visible again") {
		t.Error("the release was not reported")
	}
}

func TestStalePageDropped(t *testing.T) {
	p, _ := newPane(t, 120, 30)
	open(t, p, "orders-dlq")
	old := pageMsg{seq: p.s.seq - 1, page: awsclient.PeekPage{Messages: p.Messages()[:1], Received: 1}}
	p.Update(old)
	if n := len(p.Messages()); n != 5 {
		t.Errorf("stale page applied: %d messages, want 5", n)
	}
	// A page of a closed session is stale too.
	seq := p.s.seq
	drive(p, press(p, "esc"))
	p.Update(pageMsg{seq: seq, page: awsclient.PeekPage{Messages: p.Messages()}})
	if p.Open() || len(p.Messages()) != 5 {
		t.Errorf("closed session's page reopened or changed the pane")
	}
}

// TestActionsUseTheMessageUnderTheCursor is the regression test of the
// shared-slices bug: after a move of selected messages, the cursor was on
// one message, the body showed another, y copied that other's body and
// space selected the first. Whatever changes the list, the row under the
// cursor, the message shown and the message an action uses are one.
func TestActionsUseTheMessageUnderTheCursor(t *testing.T) {
	p, _ := newPane(t, 120, 30)
	open(t, p, "orders-dlq")
	press(p, "space", "space") // marks the first two; the cursor is on the third
	moved := ids(p.Selection())
	p.RemoveMoved(moved)
	cur, ok := p.Current()
	if !ok || slices.Contains(moved, cur.ID) {
		t.Fatalf("cursor on %q after the move", cur.ID)
	}
	if id, _ := p.Shows(); id != cur.ID {
		t.Fatalf("cursor on %s, body shows %s", cur.ID, id)
	}
	if got, want := press(p, "y")(), tea.SetClipboard(cur.Body)(); got != want {
		t.Errorf("y copied %q, want the body of the message under the cursor", got)
	}
	press(p, "space")
	if sel := p.Selection(); len(sel) != 1 || sel[0].ID != cur.ID {
		t.Errorf("space selected %v, want %s", ids(sel), cur.ID)
	}
}

// TestBodyAlwaysFollowsTheCursor drives the pane with random keys, moves
// and repeated receives: after every step the body shows the message
// under the cursor, in its newest copy.
func TestBodyAlwaysFollowsTheCursor(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	keys := []string{"j", "k", "g", "G", "space", "tab", "v", "d", "pgdown"}
	for run := range 20 {
		p, _ := newPane(t, 120, 30)
		open(t, p, "orders-dlq")
		for step := range 60 {
			what := ""
			switch r := rng.IntN(10); {
			case r < 6:
				what = keys[rng.IntN(len(keys))]
				press(p, what)
			case r == 6 && len(p.Messages()) > 0:
				m := p.Messages()[rng.IntN(len(p.Messages()))]
				what = "move away " + m.ID[:8]
				p.RemoveMoved([]string{m.ID})
			case r == 7 && len(p.Messages()) > 0:
				m := p.Messages()[rng.IntN(len(p.Messages()))]
				m.ReceiveCount++
				what = "received again " + m.ID[:8]
				p.Update(pageMsg{seq: p.s.seq, page: awsclient.PeekPage{Again: []model.Message{m}}})
			case r == 8:
				what = "filter 1002"
				press(p, "/")
				for _, c := range "1002" {
					p.Update(tea.KeyPressMsg{Code: c, Text: string(c)})
				}
				press(p, "enter")
			default:
				what = "esc"
				if p.Filter() != "" {
					press(p, "esc")
				}
			}
			cur, ok := p.Current()
			id, shows := p.Shows()
			if ok != shows || id != cur.ID || (ok && p.body.m.ReceiveCount != cur.ReceiveCount) {
				t.Fatalf("run %d step %d (%s): cursor on %q (%v), body shows %q (%v)", run, step, what, cur.ID, ok, id, shows)
			}
		}
	}
}

// A body over the clipboard limit is cut on a rune boundary, and the
// user is told.
func TestCopyCutsAtTheLimit(t *testing.T) {
	p, f := newPane(t, 120, 30)
	big := f.Messages[queue("orders-dlq").URL]
	big[0].Body = strings.Repeat("é", copyLimit) // 2 bytes each
	open(t, p, "orders-dlq")
	cmd := press(p, "y")
	if n := notices(p.Take()); !slices.Contains(n, "copied the first 102,400 bytes of 204,800 bytes (clipboard limit); o or e for all of it") {
		t.Errorf("cut copy not reported: %v", n)
	}
	if got := cmd(); got != tea.SetClipboard(strings.Repeat("é", copyLimit/2))() {
		t.Error("clipboard not cut at the limit on a rune boundary")
	}
}

func TestLoadMoreAsksOnceTheHoldEnded(t *testing.T) {
	p, f := newPane(t, 120, 30)
	p.OpenQueue(queue("orders"))
	drive(p, answer(p, dialogOf(p.Take()), "y"))
	p.Take()
	cmd := press(p, "n")
	if cmd == nil || dialogOf(p.Take()) != nil {
		t.Fatal("n within the hold asked, or read nothing")
	}
	drive(p, cmd)
	f.Opened()[0].Expire()
	if cmd := press(p, "n"); cmd != nil {
		t.Fatal("n after the hold read without asking")
	}
	d, ok := dialogOf(p.Take()).(*dialog.Confirm)
	if !ok || d.Title() != "Receive messages of orders again?" {
		t.Fatalf("no dialog before receiving again: %v", d)
	}
	if cmd := answer(p, d, "y"); cmd == nil {
		t.Error("yes read nothing")
	}
}

func ids(msgs []model.Message) []string {
	out := make([]string, len(msgs))
	for i, m := range msgs {
		out[i] = m.ID
	}
	return out
}

// Receives whose answer was lost may have hidden messages the pane never
// saw: the title says so, with the time they come back, and never calls
// the queue read to its end meanwhile (issue 15, defect 7).
func TestLostReceivesAreSaid(t *testing.T) {
	p, f := newPane(t, 120, 30)
	f.NextEndsWithPage = true
	open(t, p, "orders-dlq")
	until := p.c.Now().Add(30 * time.Second)
	f.Opened()[0].Lose(2, until)
	press(p, "n") // read to its end: it asks before reading again
	drive(p, answer(p, dialogOf(p.Take()), "y"))
	title := ansi.Strip(strings.SplitN(p.View(), "\n", 2)[0])
	want := "2 receives lost: messages may be hidden until " + until.Format("15:04:05")
	if !strings.Contains(title, want) || strings.Contains(title, "exhausted") {
		t.Errorf("title %q: want %q and no 'exhausted'", title, want)
	}
	drive(p, press(p, "esc"))
	if n := notices(p.Take()); !slices.ContainsFunc(n, func(s string) bool { return strings.Contains(s, want) }) {
		t.Errorf("closing does not say what stays hidden: %v", n)
	}
}

// Read-only changes nothing: a peek that could dead-letter is refused,
// saying why, before anything is received (issue 15, defect 3).
func TestReadOnlyRefusesAPeekThatCanDeadLetter(t *testing.T) {
	p, f := newPane(t, 120, 30)
	p.c.Keys = keymap.ReadOnly(p.c.Keys)
	if cmd := p.OpenQueue(queue("orders")); cmd != nil {
		t.Fatal("a Cmd: it would receive")
	}
	up := p.Take()
	if dialogOf(up) != nil || len(f.Opened()) != 0 || p.Open() {
		t.Fatalf("read-only offered or started the peek: %v", up)
	}
	if n := notices(up); len(n) != 1 || !strings.Contains(n[0], "read-only") || !strings.Contains(n[0], "maxReceiveCount 5") {
		t.Errorf("no word why: %v", n)
	}
	open(t, p, "orders-dlq") // no redrive policy: nothing it could dead-letter
}

// A queue read to its end is not read again without asking, with or
// without a redrive policy: n would receive everything once more.
func TestReadingAgainAfterTheEndAsks(t *testing.T) {
	p, f := newPane(t, 120, 30)
	f.NextEndsWithPage = true
	open(t, p, "orders-dlq") // no redrive policy; read to its end, released
	if h := p.Hints(); !slices.ContainsFunc(h, func(b key.Binding) bool { return b.Help().Desc == "read again" }) {
		t.Errorf("hints still offer more after the end: %v", h)
	}
	if cmd := press(p, "n"); cmd != nil {
		t.Fatal("n read the queue again without asking")
	}
	d, ok := dialogOf(p.Take()).(*dialog.Confirm)
	if !ok || d.Title() != "Read orders-dlq again?" {
		t.Fatalf("no question: %v", d)
	}
	if cmd := answer(p, d, "enter"); cmd != nil {
		t.Error("enter (no) read the queue again")
	}
}

// After a move task moved messages out of the peeked queue, the list is
// cleared, not left showing rows that may be gone (issue 9: 37 stale rows).
func TestRedrivenListIsCleared(t *testing.T) {
	p, _ := newPane(t, 120, 30)
	open(t, p, "orders-dlq")
	p.MarkRedriven()
	if len(p.Messages()) != 0 || p.Shown() != nil && len(p.Shown()) != 0 {
		t.Fatalf("%d rows left", len(p.Messages()))
	}
	if _, ok := p.Current(); ok {
		t.Error("a message is still under the cursor")
	}
	v := ansi.Strip(p.View())
	if !strings.Contains(v, "redriven: list cleared") || !strings.Contains(v, "n reads it again") {
		t.Errorf("the pane does not say why it is empty:\n%s", v)
	}
}

// A FIFO queue whose every group head is held or delayed hands out
// nothing: the title says messages wait, never "exhausted" nor "0 groups".
func TestFIFOWithNothingHandedOutSaysWhy(t *testing.T) {
	p, f := newPane(t, 120, 30)
	f.NextEndsWithPage = true
	drive(p, p.OpenQueue(queue("payments.fifo")))
	// It has a redrive policy: the pane asks before a receive counts.
	drive(p, answer(p, dialogOf(p.Take()), "y"))
	title := ansi.Strip(strings.SplitN(p.View(), "\n", 2)[0])
	if !strings.Contains(title, "FIFO: about 322 wait, none handed out") || strings.Contains(title, "exhausted") {
		t.Errorf("title %q", title)
	}
}
