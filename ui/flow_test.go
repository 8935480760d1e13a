package ui

import (
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"github.com/sqscope/sqscope/awsclient"
	"github.com/sqscope/sqscope/ui/refresh"
)

// TestFlowStartFilterQuit runs the real program loop: start, wait for the
// queues, filter with "/", keep the filter, quit with q. It asserts on the
// final model's view, not on the byte stream.
func TestFlowStartFilterQuit(t *testing.T) {
	f := &fakeClient{List: testDataset(0), EP: awsclient.Endpoint{Region: "us-east-1"}}
	// A long refresh keeps timer ticks out of the flow.
	app := &observed{App: New(f, Options{Refresh: time.Hour, Version: "test"}), loaded: make(chan struct{})}
	tm := teatest.NewTestModel(t, app, teatest.WithInitialTermSize(120, 36))

	// Wait on the model, not the output: the renderer sends only the cells
	// that changed, so "9 queues" may never appear whole in the stream.
	select {
	case <-app.loaded:
	case <-time.After(10 * time.Second):
		t.Fatal("queues never loaded")
	}

	tm.Type("/pay")
	tm.Send(tea.KeyPressMsg{Code: tea.KeyEnter})
	tm.Type("q")

	fm, ok := tm.FinalModel(t, teatest.WithFinalTimeout(10*time.Second)).(*observed)
	if !ok {
		t.Fatalf("final model is %T", fm)
	}
	final := fm.App
	if got := shownNames(final); !slices.Equal(got, []string{"payments-dlq.fifo", "payments.fifo"}) {
		t.Errorf("rows after filtering: %v", got)
	}
	view := ansi.Strip(final.View().Content)
	for _, want := range []string{"9 queues · 2 shown", "filter: pay", "payments.fifo"} {
		if !strings.Contains(view, want) {
			t.Errorf("final view lacks %q:\n%s", want, view)
		}
	}
	if strings.Contains(view, "orders") {
		t.Errorf("filtered-out queue still on screen:\n%s", view)
	}
	if final.com.Ctx.Err() == nil {
		t.Error("requests not cancelled on quit")
	}
}

// observed wraps the App to tell the test when the first successful
// refresh has been applied, from the program's own goroutine.
type observed struct {
	*App
	loaded chan struct{}
	once   sync.Once
}

func (o *observed) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	_, cmd := o.App.Update(msg)
	if m, ok := msg.(refresh.LoadedMsg); ok && m.Err == nil {
		o.once.Do(func() { close(o.loaded) })
	}
	return o, cmd
}
