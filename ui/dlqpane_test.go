package ui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/sqscope/sqscope/model"
)

func TestDLQPaneAdoptsRunningTaskAndGroups(t *testing.T) {
	a, f := peekApp(t, 120, 36)
	running := model.MoveTask{Handle: "h9", Status: model.TaskRunning, SourceARN: testARN("orders-dlq"), Moved: 4, ToMove: 19}
	f.mover.tasks = []model.MoveTask{running}
	selectQueue(t, a, "orders-dlq")
	cmd := press(a, "p")
	for _, m := range runCmdNoTick(t, cmd) {
		if tm, ok := m.(moveTasksMsg); ok && tm.id == 0 {
			a.Update(m) // the probe: adopts the task (its poll is not run)
		} else if m != nil {
			drive(a, func() tea.Msg { return m })
		}
	}
	if a.moves.cur == nil || a.moves.cur.task.Handle != "h9" || !a.moves.cur.running {
		t.Fatalf("the running task was not adopted: %+v", a.moves.cur)
	}
	s := screen(a)
	for _, w := range []string{"DLQ orders-dlq", "← orders", "4/19", "By body.error"} {
		if !strings.Contains(s, w) {
			t.Errorf("DLQ pane lacks %q:\n%s", w, s)
		}
	}
	before := a.dlq.fieldName()
	press(a, "a")
	if a.dlq.fieldName() == before {
		t.Errorf("a did not change the field from %s", before)
	}
	if len(f.moverCalls().starts) != 0 {
		t.Error("opening the pane started a task")
	}
}

// Group values and field names come from messages: nothing of them may
// reach the terminal as an escape sequence.
func TestDLQPaneHostileFieldsAreSanitized(t *testing.T) {
	a, f := sharedDLQApp(t, 120, 36)
	a.st = bareStyles()
	evil := "\x1b[2J\x1b]52;c;cm0gLXJmIH4K\x07\x9b31m"
	msgs := f.messages[testQueue("shared-dlq", 0, 0, 0, "").URL]
	for i := range msgs {
		msgs[i].Attributes["error"+evil] = model.MessageAttribute{DataType: "String", StringValue: "v" + evil}
		msgs[i].Body = `{"reason` + `\u001b[31m":"` + `\u001b]0;pwned\u0007"}`
	}
	openPeek(t, a, "shared-dlq")
	for range len(a.dlq.fields) + 1 {
		for _, size := range []struct{ w, h int }{{120, 36}, {80, 24}} {
			a.Update(tea.WindowSizeMsg{Width: size.w, Height: size.h})
			if v := a.View().Content; strings.ContainsAny(v, "\x1b\x07\x9b") {
				t.Fatalf("field %s: control bytes reached the frame at %dx%d:\n%q",
					a.dlq.fieldName(), size.w, size.h, v)
			}
		}
		press(a, "a")
	}
}
