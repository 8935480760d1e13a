package redrive

import (
	"errors"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/sqscope/sqscope/awsclient"
	"github.com/sqscope/sqscope/model"
	"github.com/sqscope/sqscope/ui/dialog"
	"github.com/sqscope/sqscope/ui/internal/uitest"
)

// journalOf is a journal of orders-dlq with sent and sending messages.
func journalOf(sent, sending int) awsclient.JournalInfo {
	arn := uitest.ARN("orders-dlq")
	return awsclient.JournalInfo{Key: awsclient.JournalKey(arn), Path: awsclient.JournalPath(arn), Sent: sent, Sending: sending}
}

// At start-up each journal whose DLQ is listed is checked against it: one
// left to finish is said once, never promising "without duplicates" for
// sends that never answered; one whose DLQ is empty is settled.
func TestJournalsAreCheckedAtStartUp(t *testing.T) {
	p, f := newPane(t, false)
	j := journalOf(2, 1)
	f.Mover.Reconcile = awsclient.JournalCheck{Left: j, Visible: 12}
	cmd := p.Update(journalsMsg{infos: []awsclient.JournalInfo{j}})
	if cmd == nil {
		t.Fatal("the journal was not checked")
	}
	for _, m := range uitest.RunCmd(cmd) {
		p.Update(m)
	}
	if got := f.MoverCalls().Reconciled; !slices.Equal(got, []string{queue("orders-dlq").URL}) {
		t.Errorf("checked %v, want orders-dlq", got)
	}
	want := "an interrupted move left 3 messages of orders-dlq half-moved: R on it finishes the move " +
		"(1 message may arrive twice: its send never answered)"
	if n := notices(p.Take()); !slices.Equal(n, []string{want}) {
		t.Errorf("notice %q, want %q", n, want)
	}
	if p.Reconcile() != nil {
		t.Error("a journal was checked twice")
	}
	if _, ok := p.journals.of(uitest.ARN("orders-dlq")); !ok {
		t.Error("the journal left to finish was forgotten")
	}

	// A journal whose DLQ holds nothing is settled: it goes.
	p, f = newPane(t, false)
	f.Mover.Reconcile = awsclient.JournalCheck{Settled: 3}
	for _, m := range uitest.RunCmd(p.Update(journalsMsg{infos: []awsclient.JournalInfo{j}})) {
		p.Update(m)
	}
	if _, ok := p.journals.of(uitest.ARN("orders-dlq")); ok {
		t.Error("a settled journal still forces a client-side move")
	}
	if n := notices(p.Take()); len(n) != 1 || !strings.Contains(n[0], "settled") {
		t.Errorf("notice %v", n)
	}
}

// R on a DLQ with a journal finishes the move client-side, and offers to
// forget the journal instead; forgetting asks again, then keeps a backup.
func TestForgettingAJournal(t *testing.T) {
	p, _ := newPane(t, false)
	j := journalOf(1, 1)
	if err := os.WriteFile(j.Path, []byte(`{"op":"sending","id":"m1","dest":"http://q/orders","at":1}`+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	p.journals.set([]awsclient.JournalInfo{j})
	send(p, "R", "orders-dlq")
	d := dialogOf(p.Take())
	if v := ansi.Strip(viewOf(d)); !strings.Contains(v, "client-side move") || !strings.Contains(v, "x forget the journal") {
		t.Fatalf("dialog:\n%s", v)
	}
	answer(p, d, "x")
	forget, ok := dialogOf(p.Take()).(*dialog.Confirm)
	if !ok || forget.Title() != "Forget the journal of orders-dlq?" {
		t.Fatalf("d asked %v", forget)
	}
	cmd := answer(p, forget, "y")
	p.Update(cmd())
	if _, err := os.Stat(j.Path); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the journal is still there: %v", err)
	}
	if n := notices(p.Take()); len(n) != 1 || !strings.Contains(n[0], "is forgotten (kept as") {
		t.Errorf("notice %v", n)
	}
	send(p, "R", "orders-dlq")
	if v := ansi.Strip(viewOf(dialogOf(p.Take()))); !strings.Contains(v, "native move task") {
		t.Errorf("R still moves client-side after the journal was forgotten:\n%s", v)
	}
}

func viewOf(d dialog.Dialog) string {
	d.SetSize(100, 40)
	return d.View()
}

// A move's report says every copy that may exist twice, what it could not
// reach, and is never "done" over messages still hidden.
func TestReportSaysWhatIsLeft(t *testing.T) {
	until := time.Date(2026, 12, 3, 4, 5, 6, 0, time.UTC)
	mv := &move{plan: plan{dlq: queue("orders-dlq")}, report: &awsclient.MoveReport{
		Moved: 157, PossiblyDuplicated: 3, Resent: 2, Resumed: 5, Skipped: 4, HeldBack: 40, HeldUntil: until,
	}}
	got := reportLine(mv)
	for _, want := range []string{"moved 157 messages", "0 failed", "up to 3 duplicate copies",
		"2 sent again after a crash (counted in the duplicates)", "5 finished from the journal",
		"4 skipped (received but not chosen", "40 messages still hidden until 04:05:06: not done, R again then"} {
		if !strings.Contains(got, want) {
			t.Errorf("report lacks %q:\n%s", want, got)
		}
	}
	mv.cancel = func() {}
	if frac, _, _ := moveFigures(mv); frac == 1 {
		t.Error("the bar is full with 40 messages still hidden")
	}
	running := &move{plan: plan{dlq: queue("orders-dlq")}, cancel: func() {}, running: true,
		prog: awsclient.MoveProgress{Moved: 10, Total: 50, Waiting: 40, WaitUntil: until}}
	if _, _, state := moveFigures(running); !strings.Contains(state, "waiting for 40 messages still hidden by an earlier receive, until 04:05:06") {
		t.Errorf("waiting state %q", state)
	}
}

// After a start whose outcome is unknown nothing moves client-side: a
// start known not to have happened says so; an unchecked one looks for
// the task, adopting only one started since it was asked for.
func TestUnknownStartNeverFallsBack(t *testing.T) {
	p, f := newPane(t, false)
	f.Mover.StartErr = &awsclient.StartUnknownError{Err: errors.New("connection reset"), Checked: true}
	startNative(t, p)
	if l := p.Latest(); l.Running || len(f.MoverCalls().Moves) != 0 {
		t.Fatalf("a checked unknown start: %+v, %d moves", l, len(f.MoverCalls().Moves))
	}
	if n := notices(p.Take()); len(n) == 0 || !strings.Contains(n[len(n)-1], "did not start") {
		t.Errorf("notices %v", n)
	}

	p, f = newPane(t, false)
	f.Mover.StartErr = &awsclient.StartUnknownError{Err: errors.New("502 Bad Gateway")}
	old := model.MoveTask{Handle: "old", Status: model.TaskCompleted, SourceARN: uitest.ARN("orders-dlq"),
		Moved: 3, ToMove: 3, StartedAt: p.c.Now().Add(-time.Hour)}
	f.Mover.Tasks = []model.MoveTask{old}
	startNative(t, p)
	mv := p.moves.cur
	p.Update(tasksMsg{id: mv.id, seq: mv.pollSeq, tasks: f.Mover.Tasks})
	if l := p.Latest(); l.Running || l.Task.Handle == "old" || !errors.Is(l.Err, errNoTask) || len(f.MoverCalls().Moves) != 0 {
		t.Errorf("an old task was taken for this one, or the search went on: %+v", l)
	}

	p, f = newPane(t, false)
	f.Mover.StartErr = &awsclient.StartUnknownError{Err: errors.New("502 Bad Gateway")}
	startNative(t, p)
	mv = p.moves.cur
	now := model.MoveTask{Handle: "new", Status: model.TaskRunning, SourceARN: uitest.ARN("orders-dlq"), Moved: 9, ToMove: 19, StartedAt: p.c.Now()}
	p.Update(tasksMsg{id: mv.id, seq: mv.pollSeq, tasks: []model.MoveTask{now, old}})
	if l := p.Latest(); !l.Running || l.Task.Handle != "new" {
		t.Errorf("the task started after all was not adopted: %+v", l)
	}
}

// A journal whose DLQ was deleted is never listed: its URL comes from a
// listed queue of the same account and region, and SQS's answer settles
// it. One of an account nobody lists is left alone.
func TestJournalOfAnUnlistedDLQIsChecked(t *testing.T) {
	p, f := newPane(t, false)
	gone := uitest.ARN("deleted-dlq")
	other := "arn:aws:sqs:us-east-1:999999999999:orders-dlq"
	infos := []awsclient.JournalInfo{
		{Key: awsclient.JournalKey(gone), Path: awsclient.JournalPath(gone), Sent: 4},
		{Key: awsclient.JournalKey(other), Path: awsclient.JournalPath(other), Sent: 1},
	}
	f.Mover.Reconcile = awsclient.JournalCheck{Gone: true, Settled: 4}
	for _, m := range uitest.RunCmd(p.Update(journalsMsg{infos: infos})) {
		p.Update(m)
	}
	want := "http://127.0.0.1:9324/" + uitest.Account + "/deleted-dlq"
	if got := f.MoverCalls().Reconciled; !slices.Equal(got, []string{want}) {
		t.Errorf("checked %v, want only %s", got, want)
	}
	if n := notices(p.Take()); len(n) != 1 || !strings.Contains(n[0], "deleted-dlq is settled: it no longer exists") {
		t.Errorf("notices %v", n)
	}
	if _, ok := p.journals.of(gone); ok {
		t.Error("the journal of a deleted DLQ stayed")
	}
	if _, ok := p.journals.of(other); !ok {
		t.Error("the journal of another account's DLQ was dropped unchecked")
	}
}
