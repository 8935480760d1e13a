package ui

import (
	"slices"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/aws/smithy-go"

	"github.com/sqscope/sqscope/awsclient"
	"github.com/sqscope/sqscope/model"
)

// noJournalHome keeps the move journal of a test out of the user's cache.
func noJournalHome(t *testing.T) string {
	dir := t.TempDir()
	t.Setenv("XDG_CACHE_HOME", dir)
	t.Setenv("HOME", dir)
	return dir
}

func TestRedriveOnNonDLQSaysWhy(t *testing.T) {
	a, f := loadedApp(t, 120, 36)
	selectQueue(t, a, "orders")
	if cmd := press(a, "R"); cmd != nil {
		t.Errorf("R on a source queue returned a command")
	}
	if a.confirm != nil {
		t.Fatal("R on a queue that is no DLQ opened a dialog")
	}
	if s := screen(a); !strings.Contains(s, "orders is not a dead-letter queue") {
		t.Errorf("no hint why R did nothing:\n%s", s)
	}
	if m := f.moverCalls(); len(m.starts)+len(m.moves) != 0 {
		t.Errorf("R on a source queue moved something: %+v", m)
	}
}

// sharedDLQApp7 is a loaded app whose shared-dlq shows 7 visible messages.
func sharedDLQApp7(t *testing.T) (*App, *fakeClient) {
	t.Helper()
	a, f := loadedApp(t, 120, 36)
	qs := testDataset(2)
	for i := range qs {
		if qs[i].Name == "shared-dlq" {
			qs[i].Stats.Visible = 7
		}
	}
	f.set(qs, nil)
	poll(a)
	return a, f
}

func TestRedriveDialogNamesCountSourcesAndMethod(t *testing.T) {
	a, _ := sharedDLQApp7(t)
	selectQueue(t, a, "shared-dlq")
	press(a, "R")
	if a.confirm == nil || a.confirm.tag != "redrive" {
		t.Fatal("R on a DLQ did not open the redrive dialog")
	}
	s := flat(screen(a))
	for _, want := range []string{"Redrive 7 messages from shared-dlq?", "billing (48 messages now)",
		"shipping (9 messages now)", "native move task", "as fast as SQS goes", "y/enter"} {
		if !strings.Contains(s, want) {
			t.Errorf("dialog lacks %q:\n%s", want, s)
		}
	}
	press(a, "t", "t")
	if s := flat(screen(a)); !strings.Contains(s, "100 messages per second") || a.confirm == nil {
		t.Errorf("t did not cycle the rate to 100, keeping the dialog:\n%s", s)
	}
}

func TestRedriveDeclineCallsNothing(t *testing.T) {
	for _, k := range []string{"n", "esc", "x", "j", "q"} {
		a, f := loadedApp(t, 120, 36)
		selectQueue(t, a, "orders-dlq")
		press(a, "R")
		drive(a, press(a, k))
		if m := f.moverCalls(); len(m.starts)+len(m.moves)+len(m.cancels) != 0 {
			t.Errorf("key %q on the dialog moved something: %+v", k, m)
		}
		if a.confirm != nil || a.moves.cur != nil || a.quitting {
			t.Errorf("key %q left the dialog (%v), a move (%v) or a quit (%v)", k, a.confirm != nil, a.moves.cur != nil, a.quitting)
		}
	}
}

// startNativeRedrive presses R, t (rate 10), y on orders-dlq and delivers
// the StartRedrive answer.
func startNativeRedrive(t *testing.T, a *App) {
	t.Helper()
	selectQueue(t, a, "orders-dlq")
	press(a, "R", "t")
	cmd := press(a, "enter")
	if cmd == nil {
		t.Fatal("enter on the dialog started nothing")
	}
	a.Update(cmd())
}

func TestRedriveNativeProgressStaleAndCancel(t *testing.T) {
	a, f := loadedApp(t, 120, 36)
	dlq := testARN("orders-dlq")
	f.mover.startTask = model.MoveTask{Handle: "h1", Status: model.TaskRunning, SourceARN: dlq, ToMove: 19, Rate: 10}
	startNativeRedrive(t, a)
	m := f.moverCalls()
	if !slices.Equal(m.starts, []startCall{{dlq, 10}}) || len(m.moves) != 0 {
		t.Fatalf("StartRedrive calls %v (moves %d), want one on %s at 10/s", m.starts, len(m.moves), dlq)
	}
	mv := a.moves.cur
	if !mv.polling || mv.pollSeq != 1 {
		t.Fatalf("no poll after the start: polling %v seq %d", mv.polling, mv.pollSeq)
	}
	task := func(moved int64, st model.MoveTaskStatus) []model.MoveTask {
		return []model.MoveTask{{Handle: "h1", Status: st, SourceARN: dlq, Moved: moved, ToMove: 19, Rate: 10}}
	}
	a.Update(moveTasksMsg{id: mv.id, seq: 1, tasks: task(5, model.TaskRunning)})
	if s := screen(a); !strings.Contains(s, "5/19") || !strings.Contains(s, "RUNNING") {
		t.Errorf("progress not shown:\n%s", s)
	}
	// A tick while a poll is in flight polls nothing more.
	a.Update(movePollMsg{id: mv.id})
	if mv.pollSeq != 2 {
		t.Fatalf("tick did not poll: seq %d", mv.pollSeq)
	}
	a.Update(movePollMsg{id: mv.id})
	if mv.pollSeq != 2 {
		t.Errorf("a tick polled while a poll was in flight: seq %d", mv.pollSeq)
	}
	a.Update(moveTasksMsg{id: mv.id, seq: 1, tasks: task(18, model.TaskRunning)}) // stale
	a.Update(moveTasksMsg{id: mv.id - 1, seq: 2, tasks: task(17, model.TaskRunning)})
	if mv.task.Moved != 5 {
		t.Errorf("stale poll result applied: moved %d", mv.task.Moved)
	}
	a.Update(moveTasksMsg{id: mv.id, seq: 2, tasks: task(12, model.TaskRunning)})
	if !strings.Contains(screen(a), "12/19") {
		t.Errorf("newer progress not shown:\n%s", screen(a))
	}

	cmd := press(a, "c")
	if cmd == nil {
		t.Fatal("c did not cancel the task")
	}
	a.Update(cmd())
	if got := f.moverCalls().cancels; !slices.Equal(got, []string{"h1"}) {
		t.Errorf("CancelRedrive calls %v, want [h1]", got)
	}
	a.Update(movePollMsg{id: mv.id})
	a.Update(moveTasksMsg{id: mv.id, seq: 3, tasks: task(12, model.TaskCancelled)})
	if mv.running {
		t.Error("still running after CANCELLED")
	}
	if cmd := a.moves.tick(a.ctx, a.client, movePollMsg{id: mv.id}); cmd != nil {
		t.Error("the timer re-armed after the task ended")
	}
	if s := screen(a); !strings.Contains(s, "cancelled: 12 of 19 moved") {
		t.Errorf("end not reported:\n%s", s)
	}
	if len(f.moverCalls().starts) != 1 {
		t.Error("StartRedrive called more than once")
	}
}

func TestRedriveNativeUnsupportedFallsBackToMove(t *testing.T) {
	noJournalHome(t)
	a, f := loadedApp(t, 120, 36)
	f.mover.startErr = &smithy.GenericAPIError{Code: "UnknownOperationException", Message: "no"}
	f.mover.report = awsclient.MoveReport{Moved: 19, Total: 19}
	selectQueue(t, a, "orders-dlq")
	press(a, "R")
	drive(a, press(a, "y"))
	m := f.moverCalls()
	if len(m.starts) != 1 || len(m.moves) != 1 {
		t.Fatalf("starts %d, moves %d; want 1 and 1", len(m.starts), len(m.moves))
	}
	req := m.moves[0]
	if req.SourceURL != testQueue("orders-dlq", 0, 0, 0, "").URL || req.DestURL != "" || req.Select != nil || req.Limit != 0 {
		t.Errorf("fallback move %+v, want all of orders-dlq back to the sources", req)
	}
	if !strings.HasSuffix(req.JournalPath, "sqscope/journal-"+testAccount+".us-east-1.orders-dlq.jsonl") {
		t.Errorf("journal path %q", req.JournalPath)
	}
	if a.moves.cur.note == "" || !strings.Contains(a.moves.cur.note, "client-side") {
		t.Errorf("the fallback is not explained: %q", a.moves.cur.note)
	}
	if s := screen(a); !strings.Contains(s, "moved 19 messages, 0 failed, 0 possibly duplicated") {
		t.Errorf("report not shown:\n%s", s)
	}
}

func TestReadOnlyRedriveDisabledAndSaysWhy(t *testing.T) {
	f := &fakeClient{queues: testDataset(0)}
	a, _ := newTestApp(t, f, Options{ReadOnly: true})
	a.Update(tea.WindowSizeMsg{Width: 120, Height: 36})
	poll(a)
	selectQueue(t, a, "orders-dlq")
	for _, k := range []string{"R", "c", "m"} {
		press(a, k)
		if a.confirm != nil || a.picker != nil {
			t.Fatalf("%s opened a dialog in read-only mode", k)
		}
		if s := screen(a); !strings.Contains(s, "read-only mode: redrive, move and cancel are disabled") {
			t.Errorf("%s: no word why nothing happened:\n%s", k, s)
		}
	}
	if m := f.moverCalls(); len(m.starts)+len(m.moves)+len(m.cancels) != 0 {
		t.Errorf("read-only mode called the mover: %+v", m)
	}
	if strings.Contains(hintText(a), "R redrive") {
		t.Error("R offered in the hints in read-only mode")
	}
	f.messages = map[string][]model.Message{testQueue("orders-dlq", 0, 0, 0, "").URL: dlqMessages(t)}
	openPeek(t, a, "orders-dlq")
	if s := screen(a); strings.Contains(s, "R redrive") || !strings.Contains(s, "read-only: redrive and move are disabled") {
		t.Errorf("the DLQ pane offers redrive in read-only mode:\n%s", s)
	}
}

// hintText is the key hint line.
func hintText(a *App) string {
	lines := strings.Split(screen(a), "\n")
	return lines[len(lines)-1]
}

// flat is the screen as one line of words, for text a dialog wraps.
func flat(s string) string {
	return strings.Join(strings.Fields(strings.NewReplacer("│", " ", "╭", " ", "╰", " ").Replace(s)), " ")
}
