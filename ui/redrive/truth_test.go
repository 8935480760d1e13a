package redrive

import (
	"strings"
	"testing"

	"github.com/aws/smithy-go"
	"github.com/charmbracelet/x/ansi"

	"github.com/sqscope/sqscope/model"
	"github.com/sqscope/sqscope/ui/dialog"
	"github.com/sqscope/sqscope/ui/internal/uitest"
)

// An endpoint without move tasks says so once: the dialog open while it
// answers is asked again, truthfully, and no later R promises a task or
// asks the endpoint again (issue 9: 44 not-implemented answers in one
// session, every dialog promising StartMessageMoveTask).
func TestNoNativeAPIIsAskedOnce(t *testing.T) {
	p, f := newPane(t, false)
	f.Mover.TasksErr = &smithy.GenericAPIError{Code: "UnknownOperationException", Message: "not implemented"}
	probe := send(p, "R", "orders-dlq")
	first := dialogOf(p.Take())
	if v := ansi.Strip(viewOf(first)); !strings.Contains(v, "native move task") {
		t.Fatalf("first dialog:\n%s", v)
	}
	p.Update(probe())
	up := p.Take()
	var closed, asked bool
	for _, m := range up {
		switch m := m.(type) {
		case dialog.CloseMsg:
			closed = m.Dialog == first
		case dialog.OpenMsg:
			asked = strings.Contains(ansi.Strip(viewOf(m.Dialog)), "client-side move") &&
				strings.Contains(ansi.Strip(viewOf(m.Dialog)), "no native move API")
		}
	}
	if !closed || !asked {
		t.Fatalf("the dialog was not asked again, truthfully: %v", up)
	}
	calls := f.MoverCalls().TaskCalls
	if cmd := send(p, "R", "orders-dlq"); cmd != nil {
		t.Error("R asked the endpoint again")
	}
	if v := ansi.Strip(viewOf(dialogOf(p.Take()))); !strings.Contains(v, "client-side move") {
		t.Errorf("a later R promises a task:\n%s", v)
	}
	if f.MoverCalls().TaskCalls != calls || len(f.MoverCalls().Starts) != 0 {
		t.Error("the endpoint was asked again")
	}
}

// Messages sent to a DLQ directly have no source: the dialog counts them
// and offers a destination instead of promising "back to the queue it
// failed in".
func TestMessagesWithoutASourceAreCounted(t *testing.T) {
	p, _ := newPane(t, false)
	dlq := queue("orders-dlq")
	p.SetPeek(Peek{Open: true, Queue: dlq})
	msgs := uitest.DLQMessages(t) // only the first has a source
	send := func() {
		p.Update(KeyMsg{Key: uitest.Key("R"), Target: Target{Queue: dlq, OK: true, Shown: msgs}})
	}
	send()
	d := dialogOf(p.Take())
	v := strings.Join(strings.Fields(ansi.Strip(viewOf(d))), " ")
	for _, want := range []string{"4 of the 5 peeked have no source queue", "m pick a"} {
		if !strings.Contains(v, want) {
			t.Errorf("dialog lacks %q:\n%s", want, v)
		}
	}
	_, res := d.Update(uitest.Key("m"))
	p.Update(res)
	if _, ok := dialogOf(p.Take()).(*dialog.Picker); !ok {
		t.Error("m in the dialog did not open the destination picker")
	}
}

// A failed task's reason reaches the status line and stays there until c
// clears it (issue 9: the list view showed only "failed: 16 of 1,025
// moved"; the reason was only inside the DLQ pane).
func TestTaskFailureStaysUntilCleared(t *testing.T) {
	p, f := newPane(t, false)
	dlq := uitest.ARN("orders-dlq")
	f.Mover.StartTask = model.MoveTask{Handle: "h1", Status: model.TaskRunning, SourceARN: dlq, ToMove: 1025}
	startNative(t, p)
	mv := p.moves.cur
	p.Take()
	p.Update(tasksMsg{id: mv.id, seq: mv.pollSeq, tasks: []model.MoveTask{{Handle: "h1", Status: model.TaskFailed,
		SourceARN: dlq, Moved: 16, ToMove: 1025, FailureReason: "AWS.SimpleQueueService.NonExistentQueue"}}})
	want := "redrive of orders-dlq failed: 16 of 1,025 moved: AWS.SimpleQueueService.NonExistentQueue"
	if n := notices(p.Take()); len(n) == 0 || n[len(n)-1] != want {
		t.Errorf("notice %v, want %q", n, want)
	}
	if s := ansi.Strip(p.Status()); !strings.Contains(s, want) || !strings.Contains(s, "c clears") {
		t.Errorf("status %q", s)
	}
	send(p, "c", "orders-dlq")
	if s := p.Status(); s != "" {
		t.Errorf("c did not clear the failure: %q", s)
	}
}
