package redrive

import (
	"slices"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/sqscope/sqscope/model"
	"github.com/sqscope/sqscope/ui/internal/uitest"
)

// startNative presses R on orders-dlq from the list, t (rate 10), y,
// and delivers StartRedrive's answer.
func startNative(t *testing.T, p *Pane) {
	t.Helper()
	send(p, "R", "orders-dlq")
	d := dialogOf(p.Take())
	if d == nil {
		t.Fatal("R on a DLQ opened no dialog")
	}
	answer(p, d, "t")
	d = dialogOf(p.Take())
	cmd := answer(p, d, "y")
	if cmd == nil {
		t.Fatal("y on the dialog started nothing")
	}
	p.Update(cmd())
}

func TestNativeProgressStaleAndCancel(t *testing.T) {
	p, f := newPane(t, false)
	dlq := uitest.ARN("orders-dlq")
	f.Mover.StartTask = model.MoveTask{Handle: "h1", Status: model.TaskRunning, SourceARN: dlq, ToMove: 19, Rate: 10}
	startNative(t, p)
	m := f.MoverCalls()
	if !slices.Equal(m.Starts, []uitest.StartCall{{ARN: dlq, Rate: 10}}) || len(m.Moves) != 0 {
		t.Fatalf("StartRedrive calls %v (moves %d), want one on %s at 10/s", m.Starts, len(m.Moves), dlq)
	}
	mv := p.moves.cur
	if !mv.polling || mv.pollSeq != 1 {
		t.Fatalf("no poll after the start: polling %v seq %d", mv.polling, mv.pollSeq)
	}
	task := func(moved int64, st model.MoveTaskStatus) []model.MoveTask {
		return []model.MoveTask{{Handle: "h1", Status: st, SourceARN: dlq, Moved: moved, ToMove: 19, Rate: 10}}
	}
	p.Update(tasksMsg{id: mv.id, seq: 1, tasks: task(5, model.TaskRunning)})
	if s := ansi.Strip(p.Status()); !strings.Contains(s, "5/19") || !strings.Contains(s, "RUNNING") {
		t.Errorf("progress not shown: %q", s)
	}
	// A tick while a poll is in flight polls nothing more.
	p.Update(pollMsg{id: mv.id})
	if mv.pollSeq != 2 {
		t.Fatalf("tick did not poll: seq %d", mv.pollSeq)
	}
	p.Update(pollMsg{id: mv.id})
	if mv.pollSeq != 2 {
		t.Errorf("a tick polled while a poll was in flight: seq %d", mv.pollSeq)
	}
	p.Update(tasksMsg{id: mv.id, seq: 1, tasks: task(18, model.TaskRunning)}) // stale
	p.Update(tasksMsg{id: mv.id - 1, seq: 2, tasks: task(17, model.TaskRunning)})
	if mv.task.Moved != 5 {
		t.Errorf("stale poll result applied: moved %d", mv.task.Moved)
	}
	p.Update(tasksMsg{id: mv.id, seq: 2, tasks: task(12, model.TaskRunning)})
	if s := ansi.Strip(p.Status()); !strings.Contains(s, "12/19") {
		t.Errorf("newer progress not shown: %q", s)
	}

	cmd := send(p, "c", "orders-dlq")
	if cmd == nil {
		t.Fatal("c did not cancel the task")
	}
	p.Update(cmd())
	if got := f.MoverCalls().Cancels; !slices.Equal(got, []string{"h1"}) {
		t.Errorf("CancelRedrive calls %v, want [h1]", got)
	}
	p.Update(pollMsg{id: mv.id})
	p.Take()
	p.Update(tasksMsg{id: mv.id, seq: 3, tasks: task(12, model.TaskCancelled)})
	if mv.running {
		t.Error("still running after CANCELLED")
	}
	up := p.Take()
	if !slices.Contains(notices(up), "redrive of orders-dlq cancelled: 12 of 19 moved") || !slices.Contains(up, any(RefreshMsg{})) {
		t.Errorf("end not reported, or no refresh asked for: %v", up)
	}
	if cmd := p.Update(pollMsg{id: mv.id}); cmd != nil {
		t.Error("the timer re-armed after the task ended")
	}
	if len(f.MoverCalls().Starts) != 1 {
		t.Error("StartRedrive called more than once")
	}
}
