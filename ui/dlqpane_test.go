package ui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/sqscope/sqscope/model"
	"github.com/sqscope/sqscope/ui/internal/uitest"
)

func TestDLQPaneAdoptsRunningTaskAndGroups(t *testing.T) {
	a, f := peekApp(t, 120, 36)
	running := model.MoveTask{Handle: "h9", Status: model.TaskRunning, SourceARN: testARN("orders-dlq"), Moved: 4, ToMove: 19}
	f.Mover.Tasks = []model.MoveTask{running}
	selectQueue(t, a, "orders-dlq")
	cmd := press(a, "p")
	// The first page, and the probe for a running task, which adopts it;
	// the adopted task's own poll and timer are not run.
	for _, m := range uitest.RunCmdNoTick(cmd) {
		if m != nil {
			_, next := a.Update(m)
			for _, m := range uitest.RunCmdNoTick(next) {
				if _, ok := m.(tea.BatchMsg); !ok && m != nil && a.peek.Held() > 0 {
					a.Update(m) // the peek's release, yielding to the task
				}
			}
		}
	}
	if l := a.redrive.Latest(); l.Task.Handle != "h9" || !l.Running {
		t.Fatalf("the running task was not adopted: %+v", l)
	}
	s := screen(a)
	for _, w := range []string{"DLQ orders-dlq", "← orders", "4/19", "By body.error"} {
		if !strings.Contains(s, w) {
			t.Errorf("DLQ pane lacks %q:\n%s", w, s)
		}
	}
	before := byLine(screen(a))
	press(a, "a")
	if byLine(screen(a)) == before {
		t.Errorf("a did not change the field from %q", before)
	}
	press(a, "A")
	if got := byLine(screen(a)); got != before {
		t.Errorf("A went to %q, not back to %q", got, before)
	}
	press(a, "f") // the root routes it to the DLQ pane, not the peek pane
	if s := screen(a); !strings.Contains(s, "Group the") {
		t.Errorf("f opened no field picker:\n%s", s)
	}
	press(a, "esc")
	if len(f.MoverCalls().Starts) != 0 {
		t.Error("opening the pane started a task")
	}
}

// Group values and field names come from messages: nothing of them may
// reach the terminal as an escape sequence.
func TestDLQPaneHostileFieldsAreSanitized(t *testing.T) {
	a, f := sharedDLQApp(t, 120, 36)
	a.com.Styles = bareStyles()
	evil := "\x1b[2J\x1b]52;c;cm0gLXJmIH4K\x07\x9b31m"
	msgs := f.Messages[testQueue("shared-dlq", 0, 0, 0, "").URL]
	for i := range msgs {
		msgs[i].Attributes["error"+evil] = model.MessageAttribute{DataType: "String", StringValue: "v" + evil}
		msgs[i].Body = `{"reason` + `\u001b[31m":"` + `\u001b]0;pwned\u0007"}`
	}
	openPeek(t, a, "shared-dlq")
	// Every field in turn, until a cycles back to the first.
	seen := map[string]bool{}
	for field := byLine(screen(a)); !seen[field]; field = byLine(screen(a)) {
		seen[field] = true
		for _, size := range []struct{ w, h int }{{80, 24}, {120, 36}} {
			a.Update(tea.WindowSizeMsg{Width: size.w, Height: size.h})
			if v := a.View().Content; strings.ContainsAny(v, "\x1b\x07\x9b") {
				t.Fatalf("%s: control bytes reached the frame at %dx%d:\n%q", field, size.w, size.h, v)
			}
		}
		press(a, "a")
	}
	if len(seen) < 3 {
		t.Fatalf("only %d fields grouped by: %v", len(seen), seen)
	}
	press(a, "f") // the picker lists every field name
	if v := a.View().Content; !strings.Contains(v, "Group the") || strings.ContainsAny(v, "\x1b\x07\x9b") {
		t.Fatalf("the field picker is missing or let control bytes through:\n%q", v)
	}
	if len(seen) < 3 {
		t.Fatalf("only %d fields grouped by: %v", len(seen), seen)
	}
}

// byLine is the DLQ pane's "By <field>" heading: which field the
// breakdown groups by.
func byLine(s string) string {
	for _, l := range strings.Split(s, "\n") {
		if i := strings.Index(l, "│By "); i >= 0 {
			return l[i:]
		}
	}
	return ""
}
