package ui

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/sqscope/sqscope/model"
	"github.com/sqscope/sqscope/ui/dialog"
)

// inAppEditor makes the drafts open in the in-app editor, whatever the
// environment running the tests says.
func inAppEditor(t *testing.T) {
	t.Setenv("VISUAL", "")
	t.Setenv("EDITOR", "")
}

var ctrlS = tea.KeyPressMsg{Code: 's', Mod: tea.ModCtrl}

// editing reports whether the in-app editor is on top.
func editing(a *App) bool {
	_, ok := a.dialogs.Top().(*dialog.Editor)
	return ok
}

// pressDriven presses each key and runs what it starts to its end.
func pressDriven(a *App, keys ...string) {
	for _, k := range keys {
		if k == "ctrl+s" {
			_, cmd := a.Update(ctrlS)
			drive(a, cmd)
			continue
		}
		drive(a, press(a, k))
	}
}

// S on the list: the editor over the body, the question naming the queue,
// the send, its message id on the status line.
func TestSendFromTheList(t *testing.T) {
	inAppEditor(t)
	a, f := loadedApp(t, 120, 36)
	selectQueue(t, a, "orders")
	pressDriven(a, "S")
	if !editing(a) {
		t.Fatalf("no editor:\n%s", screen(a))
	}
	a.Update(tea.PasteMsg{Content: "hello"})
	pressDriven(a, "ctrl+s")
	if q := question(a); q != "Send 1 message (5 bytes) to orders?" {
		t.Fatalf("asked %q:\n%s", q, screen(a))
	}
	pressDriven(a, "y")
	calls := f.OpCalls()
	if len(calls) != 1 || calls[0].Op != "send" || calls[0].Queue != testQueue("orders", 0, 0, 0, "").URL ||
		len(calls[0].Outgoing) != 1 || calls[0].Outgoing[0].Body != "hello" {
		t.Fatalf("calls %+v", calls)
	}
	if s := screen(a); !strings.Contains(s, "sent to orders: message id sent-0") {
		t.Errorf("no result on the status line:\n%s", s)
	}
}

// E on a peeked DLQ message: the copy goes to the queue it failed in,
// the original is deleted when asked, and the peek's list loses it.
func TestResendFromThePeekDeletesTheOriginal(t *testing.T) {
	inAppEditor(t)
	a, f := peekApp(t, 120, 36)
	openPeek(t, a, "orders-dlq")
	first, _ := a.peek.Current()
	pressDriven(a, "E")
	if !editing(a) {
		t.Fatalf("no editor:\n%s", screen(a))
	}
	pressDriven(a, "ctrl+s", "enter")
	if q := question(a); !strings.HasSuffix(q, "to orders?") {
		t.Fatalf("asked %q:\n%s", q, screen(a))
	}
	pressDriven(a, "y")
	if q := question(a); q != "Delete the original from orders-dlq?" {
		t.Fatalf("asked %q:\n%s", q, screen(a))
	}
	pressDriven(a, "y")
	var ops []string
	for _, c := range f.OpCalls() {
		ops = append(ops, c.Op+" "+model.NameFromURL(c.Queue))
	}
	if !slices.Equal(ops, []string{"send orders", "delete orders-dlq"}) {
		t.Errorf("calls %v", ops)
	}
	if slices.Contains(ids(a.peek.Messages()), first.ID) {
		t.Error("the deleted original is still in the peek's list")
	}
	if s := screen(a); !strings.Contains(s, "the original was deleted from orders-dlq") {
		t.Errorf("status line:\n%s", s)
	}
}

// When the peek's hold ran out while editing, the original stays, and
// the status line says why.
func TestResendAfterTheHoldRanOutKeepsTheOriginal(t *testing.T) {
	inAppEditor(t)
	a, f := peekApp(t, 120, 36)
	openPeek(t, a, "orders-dlq")
	pressDriven(a, "E", "ctrl+s", "enter")
	f.Opened()[0].Expire()
	pressDriven(a, "y")
	if asking(a) {
		t.Errorf("asked %q", question(a))
	}
	if n := len(f.OpCalls()); n != 1 {
		t.Errorf("%d calls, want the send alone", n)
	}
	if s := screen(a); !strings.Contains(s, "the peek no longer holds it") {
		t.Errorf("status line:\n%s", s)
	}
}

// F: a path, the question, the send, the report of the lines that did not go.
func TestSendFromAFile(t *testing.T) {
	a, f := loadedApp(t, 120, 36)
	dir := t.TempDir()
	path := filepath.Join(dir, "replay.jsonl")
	if err := os.WriteFile(path, []byte("{\"Body\": \"a\"}\nnot json\n{\"Body\": \"b\"}\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	selectQueue(t, a, "orders")
	pressDriven(a, "F")
	if !prompting(a) {
		t.Fatalf("no prompt:\n%s", screen(a))
	}
	a.Update(tea.PasteMsg{Content: path})
	pressDriven(a, "enter")
	if q := question(a); q != "Send 2 messages from replay.jsonl to orders?" {
		t.Fatalf("asked %q:\n%s", q, screen(a))
	}
	pressDriven(a, "y")
	if c := f.OpCalls(); len(c) != 1 || len(c[0].Outgoing) != 2 {
		t.Fatalf("calls %+v", c)
	}
	if s := screen(a); !strings.Contains(s, "replay.jsonl → orders: 2 sent, 1 line skipped · line 2: skipped: not a record") {
		t.Errorf("status line:\n%s", s)
	}
}

// Read-only: S, F and E open nothing and call nothing, and neither the
// hint line nor help offers them (help names them as off).
func TestReadOnlyHasNoSending(t *testing.T) {
	inAppEditor(t)
	for _, ro := range []bool{false, true} {
		f := &fakeClient{}
		a, _ := newTestApp(t, f, Options{ReadOnly: ro})
		a.Update(tea.WindowSizeMsg{Width: 200, Height: 50})
		f.Set(testDataset(0), nil)
		poll(a)
		f.Mu.Lock()
		f.Messages = map[string][]model.Message{testQueue("orders-dlq", 0, 0, 0, "").URL: dlqMessages(t)}
		f.Mu.Unlock()
		selectQueue(t, a, "orders")
		hints := screen(a)
		pressDriven(a, "?")
		help := screen(a)
		pressDriven(a, "esc")
		offered := strings.Contains(hints, "S send") && strings.Contains(hints, "F send file") &&
			strings.Contains(help, "send a message") && strings.Contains(help, "send from a file") && strings.Contains(help, "edit and resend")
		if offered == ro {
			t.Errorf("read-only %v: offered %v\n%s\n%s", ro, offered, hints, help)
		}
		if !ro {
			openPeek(t, a, "orders-dlq")
			if !strings.Contains(screen(a), "E resend") {
				t.Errorf("the peek does not offer E:\n%s", screen(a))
			}
			continue
		}
		pressDriven(a, "S")
		pressDriven(a, "F")
		openPeek(t, a, "orders-dlq")
		if strings.Contains(screen(a), "E resend") {
			t.Errorf("the peek offers E:\n%s", screen(a))
		}
		pressDriven(a, "E")
		if a.dialogs.Len() != 0 {
			t.Errorf("opened %T", a.dialogs.Top())
		}
		if c := f.OpCalls(); len(c) != 0 {
			t.Errorf("calls %+v", c)
		}
		if s := screen(a); !strings.Contains(s, "read-only mode: sending is disabled") {
			t.Errorf("no reason given:\n%s", s)
		}
	}
}
