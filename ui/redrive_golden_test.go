package ui

import (
	"fmt"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/sqscope/sqscope/awsclient"
	"github.com/sqscope/sqscope/model"
	"github.com/sqscope/sqscope/ui/internal/uitest"
)

// sharedDLQApp is a loaded App whose shared-dlq holds 12 failed messages
// from billing and shipping, with an error_type attribute and JSON bodies.
func sharedDLQApp(t *testing.T, w, h int) (*App, *fakeClient) {
	a, f := loadedApp(t, w, h)
	qs := testDataset(2)
	for i := range qs {
		if qs[i].Name == "shared-dlq" {
			qs[i].Stats.Visible = 12
		}
	}
	f.Set(qs, nil)
	poll(a)
	errs := []string{"Timeout", "Timeout", "CardDeclined", "Timeout", "SchemaMismatch", "CardDeclined"}
	var msgs []model.Message
	for i := range 12 {
		src := "billing"
		if i%3 == 2 {
			src = "shipping"
		}
		m := testMessage(i, fmt.Sprintf(`{"invoice":"INV-%04d","error":{"code":%d}}`, i, 400+i%2), 2)
		m.DLQSourceARN = testARN(src)
		m.Attributes = map[string]model.MessageAttribute{
			"error_type": {DataType: "String", StringValue: errs[i%len(errs)]},
			"trace":      {DataType: "String", StringValue: fmt.Sprintf("t-%d", i)},
		}
		msgs = append(msgs, m)
	}
	f.Mu.Lock()
	f.Messages = map[string][]model.Message{testQueue("shared-dlq", 0, 0, 0, "").URL: msgs}
	f.Mu.Unlock()
	return a, f
}

var redriveGolden = []struct {
	name  string
	setup func(t *testing.T, a *App, f *fakeClient)
}{
	{"dlq_pane", func(t *testing.T, a *App, f *fakeClient) { openPeek(t, a, "shared-dlq") }},
	{"dialog_native", func(t *testing.T, a *App, f *fakeClient) {
		selectQueue(t, a, "shared-dlq")
		press(a, "R", "t")
	}},
	{"dialog_selected", func(t *testing.T, a *App, f *fakeClient) {
		openPeek(t, a, "shared-dlq")
		press(a, "space", "space", "space", "R")
	}},
	{"native_progress", func(t *testing.T, a *App, f *fakeClient) {
		openPeek(t, a, "shared-dlq")
		f.Mover.StartTask = model.MoveTask{Handle: "h", Status: model.TaskRunning, SourceARN: testARN("shared-dlq"), ToMove: 12, Rate: 10}
		f.Mover.Tasks = []model.MoveTask{{Handle: "h", Status: model.TaskRunning, SourceARN: testARN("shared-dlq"),
			Moved: 5, ToMove: 12, Rate: 10}}
		press(a, "R", "t")
		poll := confirmNative(t, a)
		for _, m := range uitest.RunCmdNoTick(poll) {
			a.Update(m)
		}
	}},
	{"client_report", func(t *testing.T, a *App, f *fakeClient) {
		noJournalHome(t)
		openPeek(t, a, "shared-dlq")
		f.Mover.Report = awsclient.MoveReport{Moved: 2, Failed: 1, PossiblyDuplicated: 1, Skipped: 9, Total: 12,
			Errs: []error{&awsclient.EntryError{Op: "SendMessageBatch", Queue: "orders", Code: "InvalidParameterValue",
				Message: "Message must be shorter than 1048576 bytes"}}}
		press(a, "space", "space", "space", "R")
		drive(a, press(a, "y"))
	}},
	{"picker", func(t *testing.T, a *App, f *fakeClient) {
		selectQueue(t, a, "shared-dlq")
		press(a, "m")
	}},
	{"list_progress", func(t *testing.T, a *App, f *fakeClient) {
		selectQueue(t, a, "shared-dlq")
		f.Mover.StartTask = model.MoveTask{Handle: "h", Status: model.TaskRunning, SourceARN: testARN("shared-dlq"), ToMove: 12}
		f.Mover.Tasks = []model.MoveTask{{Handle: "h", Status: model.TaskRunning, SourceARN: testARN("shared-dlq"),
			Moved: 9, ToMove: 12}}
		press(a, "R")
		poll := confirmNative(t, a)
		for _, m := range uitest.RunCmdNoTick(poll) {
			a.Update(m)
		}
	}},
}

// TestGoldenRedrive: the DLQ pane, the dialogs and the progress at the
// two sizes. Regenerate with: go test ./ui -run TestGoldenRedrive -update
func TestGoldenRedrive(t *testing.T) {
	for _, size := range goldenSizes {
		for _, st := range redriveGolden {
			t.Run(fmt.Sprintf("%dx%d/%s", size.w, size.h, st.name), func(t *testing.T) {
				a, f := sharedDLQApp(t, size.w, size.h)
				st.setup(t, a, f)
				content := a.View().Content
				assertFits(t, content, size.w, size.h)
				golden.RequireEqual(t, ansi.Strip(content))
			})
		}
	}
}

// Every redrive state fits any size, down to a few cells.
func TestRedriveNothingOverflows(t *testing.T) {
	for _, st := range redriveGolden {
		// Set up once, then resize: the setup of a native task waits for
		// its poll's timer to be left out.
		a, f := sharedDLQApp(t, 120, 36)
		st.setup(t, a, f)
		for _, size := range []struct{ w, h int }{{200, 60}, {109, 30}, {100, 30}, {60, 15}, {40, 10}, {20, 5}} {
			t.Run(fmt.Sprintf("%dx%d/%s", size.w, size.h, st.name), func(t *testing.T) {
				a.Update(tea.WindowSizeMsg{Width: size.w, Height: size.h})
				assertFits(t, a.View().Content, size.w, size.h)
			})
		}
	}
}

// confirmNative presses y on the redrive dialog and delivers the release
// of the peek (when there is one) and StartRedrive's answer; it returns
// the Cmds that answer asks for (the poll and its timer), not run.
func confirmNative(t *testing.T, a *App) tea.Cmd {
	t.Helper()
	f := a.client.(*fakeClient)
	cmd := press(a, "y")
	for cmd != nil {
		n := len(f.MoverCalls().Starts)
		msg := cmd()
		started := len(f.MoverCalls().Starts) > n
		_, cmd = a.Update(msg)
		if started {
			return cmd
		}
	}
	t.Fatal("y did not start the task")
	return nil
}
