package ui

import (
	"bytes"
	"slices"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"github.com/sqscope/sqscope/awsclient"
)

// TestFlowStartFilterQuit runs the real program loop: start, wait for the
// queues, filter with "/", keep the filter, quit with q. It asserts on the
// final model's view, not on the byte stream.
func TestFlowStartFilterQuit(t *testing.T) {
	f := &fakeClient{queues: testDataset(0), ep: awsclient.Endpoint{Region: "us-east-1"}}
	// A long refresh keeps timer ticks out of the flow.
	app := New(f, Options{Refresh: time.Hour, Version: "test"})
	tm := teatest.NewTestModel(t, app, teatest.WithInitialTermSize(120, 36))

	teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
		return bytes.Contains(b, []byte("9 queues"))
	}, teatest.WithDuration(10*time.Second), teatest.WithCheckInterval(10*time.Millisecond))

	tm.Type("/pay")
	tm.Send(tea.KeyPressMsg{Code: tea.KeyEnter})
	tm.Type("q")

	final, ok := tm.FinalModel(t, teatest.WithFinalTimeout(10*time.Second)).(*App)
	if !ok {
		t.Fatalf("final model is %T", final)
	}
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
	if final.ctx.Err() == nil {
		t.Error("requests not cancelled on quit")
	}
}
