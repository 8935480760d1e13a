package ui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/sqscope/sqscope/model"
)

// In read-only mode X and P neither act nor show in hints or help, in the
// list and in the peek; L still shows the audit log. The same screens
// outside read-only mode offer them, so the test can tell.
func TestReadOnlyHidesDeleteAndPurge(t *testing.T) {
	for _, ro := range []bool{false, true} {
		f := &fakeClient{List: testDataset(0)}
		f.Messages = map[string][]model.Message{testQueue("orders-dlq", 0, 0, 0, "").URL: dlqMessages(t)}
		a, _ := newTestApp(t, f, Options{ReadOnly: ro})
		a.Update(tea.WindowSizeMsg{Width: 200, Height: 50})
		poll(a)
		withAuditLog(a, auditFixture(t))

		selectQueue(t, a, "orders-dlq")
		press(a, "?")
		listHelp := screen(a)
		press(a, "esc", "P")
		purgeAsked := typed(a) != nil
		if ro && !strings.Contains(screen(a), "read-only mode: purge is disabled") {
			t.Errorf("P in read-only mode does not say why nothing happens:\n%s", screen(a))
		}
		press(a, "esc")
		openPeek(t, a, "orders-dlq")
		press(a, "space", "X")
		deleteAsked := asking(a)
		if ro && !strings.Contains(screen(a), "read-only mode: delete is disabled") {
			t.Errorf("X in read-only mode does not say why nothing happens:\n%s", screen(a))
		}
		press(a, "esc", "P")
		purgeAsked = purgeAsked || typed(a) != nil
		press(a, "esc")
		hints := hintText(a)
		press(a, "?")
		peekHelp := screen(a)
		press(a, "esc")

		offered := strings.Contains(hints, "X delete") && strings.Contains(listHelp, "delete messages") &&
			strings.Contains(listHelp, "purge queue") && strings.Contains(peekHelp, "purge queue")
		switch {
		case !ro && (!offered || !deleteAsked || !purgeAsked):
			t.Fatalf("writable: offered %v, delete asked %v, purge asked %v\nhints: %s\nhelp:\n%s", offered, deleteAsked, purgeAsked, hints, listHelp)
		case ro && (deleteAsked || purgeAsked):
			t.Errorf("read-only: delete asked %v, purge asked %v", deleteAsked, purgeAsked)
		case ro && (strings.Contains(hints, "X delete") || strings.Contains(listHelp, "X           peek: delete messages") ||
			strings.Contains(listHelp, "P           purge queue") || strings.Contains(peekHelp, "P           purge queue")):
			t.Errorf("read-only offers delete or purge:\nhints: %s\nhelp:\n%s", hints, listHelp)
		}
		if ro {
			if calls := f.OpCalls(); len(calls) != 0 {
				t.Errorf("read-only called %v", calls)
			}
			openAudit(a)
			if s := screen(a); !strings.Contains(s, "Audit log · 4 changes") {
				t.Errorf("L does not show the audit log in read-only mode:\n%s", s)
			}
		}
	}
}
