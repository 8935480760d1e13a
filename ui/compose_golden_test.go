package ui

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
)

// The sending's screens: the editor (a new draft and a peeked message's),
// the question before a send, and the questions and report of a file.
// Regenerate with: go test ./ui -run TestGoldenCompose -update
var composeGolden = []struct {
	name  string
	keyOn string // what the dialog's key line shows, on screen at any size
	setup func(t *testing.T, a *App, f *fakeClient)
}{
	{"send_editor", "ctrl+s", func(t *testing.T, a *App, f *fakeClient) {
		selectQueue(t, a, "orders")
		pressDriven(a, "S")
	}},
	{"send_invalid", "ctrl+s", func(t *testing.T, a *App, f *fakeClient) {
		selectQueue(t, a, "payments.fifo")
		pressDriven(a, "S")
		a.Update(tea.PasteMsg{Content: "payment 7 captured"})
		pressDriven(a, "ctrl+s")
	}},
	{"send_confirm", "y send", func(t *testing.T, a *App, f *fakeClient) {
		selectQueue(t, a, "orders")
		pressDriven(a, "S")
		a.Update(tea.PasteMsg{Content: `{\"orderId\":\"ORD-1001\",\"status\":\"shipped\"}`})
		pressDriven(a, "ctrl+s")
	}},
	{"resend_editor", "ctrl+s", func(t *testing.T, a *App, f *fakeClient) {
		openPeek(t, a, "orders-dlq")
		pressDriven(a, "E")
	}},
	{"file_confirm", "y send", func(t *testing.T, a *App, f *fakeClient) {
		defer replayFile(t)()
		selectQueue(t, a, "orders")
		pressDriven(a, "F")
		a.Update(tea.PasteMsg{Content: "./replay.jsonl"})
		pressDriven(a, "enter")
	}},
	{"file_report", "enter/esc", func(t *testing.T, a *App, f *fakeClient) {
		defer replayFile(t)()
		f.Ops.SendFail = map[int]error{2: errors.New("InvalidParameterValue: Message must be shorter than 1048576 bytes"),
			4: errors.New("AWS.SimpleQueueService.NonExistentQueue: The specified queue does not exist")}
		selectQueue(t, a, "orders")
		pressDriven(a, "F")
		a.Update(tea.PasteMsg{Content: "./replay.jsonl"})
		pressDriven(a, "enter", "y")
	}},
}

// replayFile writes ./replay.jsonl in a directory of the test's own,
// which is the working directory until the returned func runs (the
// golden files are read from the package's): 8 records, a blank line, a
// line that is not JSON, and a record SQS would refuse.
func replayFile(t *testing.T) (back func()) {
	t.Helper()
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Chdir(t.TempDir()); err != nil {
		t.Fatal(err)
	}
	back = func() {
		if err := os.Chdir(wd); err != nil {
			t.Fatal(err)
		}
	}
	var lines []string
	for i := range 8 {
		switch i {
		case 2:
			lines = append(lines, `{"Body": "ORD-1003", "MessageAttributes": {"n": {"DataType": "Number", "StringValue": "x"}}}`)
		case 5:
			lines = append(lines, `{"Body": "ORD-1006"`)
		default:
			lines = append(lines, fmt.Sprintf(`{"Body": "{\"orderId\":\"ORD-100%d\"}"}`, i+1))
		}
	}
	lines = append(lines[:3], append([]string{""}, lines[3:]...)...)
	if err := os.WriteFile("replay.jsonl", []byte(strings.Join(lines, "\n")+"\n"), 0o600); err != nil {
		back()
		t.Fatal(err)
	}
	return back
}

func TestGoldenCompose(t *testing.T) {
	for _, size := range goldenSizes {
		for _, st := range composeGolden {
			t.Run(fmt.Sprintf("%dx%d/%s", size.w, size.h, st.name), func(t *testing.T) {
				inAppEditor(t)
				a, f := peekApp(t, size.w, size.h)
				st.setup(t, a, f)
				content := a.View().Content
				assertFits(t, content, size.w, size.h)
				golden.RequireEqual(t, ansi.Strip(content))
			})
		}
	}
}

// Down to 40×10 every one of these screens fits, with its key line.
func TestComposeFitsSmallScreens(t *testing.T) {
	for _, size := range []struct{ w, h int }{{40, 10}, {60, 15}, {100, 30}} {
		for _, st := range composeGolden {
			t.Run(fmt.Sprintf("%dx%d/%s", size.w, size.h, st.name), func(t *testing.T) {
				inAppEditor(t)
				a, f := peekApp(t, size.w, size.h)
				st.setup(t, a, f)
				content := a.View().Content
				assertFits(t, content, size.w, size.h)
				body := strings.Join(strings.Split(ansi.Strip(content), "\n")[1:size.h-2], "\n")
				if !strings.Contains(body, st.keyOn) {
					t.Errorf("the dialog's key line (%q) is not on screen:\n%s", st.keyOn, ansi.Strip(content))
				}
			})
		}
	}
}
