package ui

import (
	"fmt"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/sqscope/sqscope/awsclient"
	"github.com/sqscope/sqscope/ui/dialog"
)

// The queue forms as the whole App shows them: C, E and X from the list.

// formStates are the screens of the create form, the edit diff and the
// typed delete, each reached with the keys a user would press.
var formStates = []struct {
	name string
	run  func(t testing.TB, a *App)
}{
	{"create_form", func(t testing.TB, a *App) {
		press(a, "C")
		typeText(a, "orders-v2")
		press(a, "tab", "right") // FIFO: the dedup field and both .fifo names show
	}},
	{"edit_diff", func(t testing.TB, a *App) {
		selectQueue(t, a, "orders")
		press(a, "E", "ctrl+u")
		typeText(a, "5m")
		for range 5 {
			press(a, "tab")
		}
		press(a, "enter")
		typeText(a, "shared")
		press(a, "enter")
		for range 5 {
			press(a, "tab")
		}
		press(a, "enter")
	}},
	{"typed_delete", func(t testing.TB, a *App) {
		selectQueue(t, a, "shared-dlq")
		drive(a, press(a, "X")) // SQS is asked which queues use it first
		press(a, "y")
		typeText(a, "shared")
	}},
}

// Regenerate with: go test ./ui -run TestGoldenQueueForms -update
func TestGoldenQueueForms(t *testing.T) {
	for _, size := range goldenSizes {
		for _, st := range formStates {
			t.Run(fmt.Sprintf("%dx%d/%s", size.w, size.h, st.name), func(t *testing.T) {
				a, _ := loadedApp(t, size.w, size.h)
				st.run(t, a)
				if a.dialogs.Len() == 0 {
					t.Fatal("no dialog open")
				}
				content := a.View().Content
				assertFits(t, content, size.w, size.h)
				golden.RequireEqual(t, ansi.Strip(content))
			})
		}
	}
}

// Down to 40×10 every form, diff and typed confirmation fits, with its
// key line on screen.
func TestQueueFormsFitSmallScreens(t *testing.T) {
	for _, size := range []struct{ w, h int }{{40, 10}, {60, 15}, {100, 30}} {
		for _, st := range formStates {
			a, _ := loadedApp(t, size.w, size.h)
			st.run(t, a)
			content := a.View().Content
			t.Run(fmt.Sprintf("%dx%d/%s", size.w, size.h, st.name), func(t *testing.T) {
				assertFits(t, content, size.w, size.h)
				body, _ := a.dialogs.Body()
				if v := ansi.Strip(body); !strings.Contains(v, "esc") {
					t.Errorf("no key line in the box:\n%s", v)
				}
			})
		}
	}
}

// Read-only: C, E and X are neither in the hints nor in help, and open
// nothing whatever is selected.
func TestReadOnlyHidesAndRefusesTheQueueForms(t *testing.T) {
	f := &fakeClient{EP: awsclient.Endpoint{Region: "us-east-1"}}
	a, _ := newTestApp(t, f, Options{ReadOnly: true})
	a.Update(tea.WindowSizeMsg{Width: 200, Height: 60})
	f.Set(testDataset(0), nil)
	poll(a)
	for _, name := range []string{"orders", "shared-dlq"} {
		selectQueue(t, a, name)
		for _, k := range []string{"C", "E", "X"} {
			press(a, k)
			if a.dialogs.Len() != 0 {
				t.Errorf("%s on %s opened a dialog in read-only mode", k, name)
			}
		}
	}
	if calls := f.OpCalls(); len(calls) != 0 {
		t.Errorf("calls in read-only mode: %+v", calls)
	}
	hints := screen(a)
	press(a, "?")
	help := screen(a)
	for _, row := range []string{"C           create queue", "E           list: edit attributes", "X           list: delete queue"} {
		desc := row[12:]
		if strings.Contains(hints, desc) || strings.Contains(help, row) {
			t.Errorf("%q offered in read-only mode", desc)
		}
	}
	if !strings.Contains(help, "off in read-only mode:") || !strings.Contains(help, "create queue (C)") {
		t.Errorf("help does not say what read-only mode turned off:\n%s", help)
	}

	// The same keys in a writable session do open the forms, and help
	// lists them.
	a, _ = loadedApp(t, 200, 60)
	press(a, "?")
	for _, desc := range []string{"create queue", "edit attributes", "delete queue"} {
		if !strings.Contains(screen(a), desc) {
			t.Errorf("help lacks %q", desc)
		}
	}
	press(a, "esc", "C")
	if _, ok := a.dialogs.Top().(*dialog.Form); !ok {
		t.Error("C did not open the create form")
	}
}

// After a create the list reads the queues again and selects the new one.
func TestCreateSelectsTheNewQueue(t *testing.T) {
	a, f := loadedApp(t, 120, 36)
	press(a, "C")
	typeText(a, "zeta")
	for range 12 {
		press(a, "tab")
	}
	press(a, "enter")
	if question(a) != "Create zeta and its DLQ?" {
		t.Fatalf("asked %q", question(a))
	}
	cmd := press(a, "y")
	f.Set(append(testDataset(3), testQueue("zeta-dlq", 0, 0, 0, ""), testQueue("zeta", 0, 0, 0, "zeta-dlq")), nil)
	// The fake's URLs for new queues are its own; the list lists zeta at
	// the fake's URL, which the report names.
	f.Mu.Lock()
	for i := range f.List {
		if strings.HasPrefix(f.List[i].Name, "zeta") {
			f.List[i].URL = "https://sqs.test/000000000000/" + f.List[i].Name
		}
	}
	f.Mu.Unlock()
	drive(a, cmd)
	if a.dialogs.Len() != 0 || selectedName(a) != "zeta" {
		t.Errorf("after the create: %d dialogs open, cursor on %q", a.dialogs.Len(), selectedName(a))
	}
	if !strings.Contains(screen(a), "Created zeta and its DLQ zeta-dlq (after 5 receives).") {
		t.Errorf("status line:\n%s", screen(a))
	}
}
