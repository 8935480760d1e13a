package ui

import (
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"github.com/sqscope/sqscope/ui/refresh"
)

// TestPeekFlowLocalSQS runs the real program loop against localsqs: open
// the peek pane, wait for the page, esc, quit; every message is visible
// again afterwards.
func TestPeekFlowLocalSQS(t *testing.T) {
	f := newSQSFixture(t)
	url := f.create("events", nil)
	f.send(url, 25)
	app := &peekObserved{App: f.app, events: make(chan string, 16)}
	tm := teatest.NewTestModel(t, app, teatest.WithInitialTermSize(120, 36))
	await := func(want string) {
		t.Helper()
		timeout := time.After(15 * time.Second)
		for {
			select {
			case got := <-app.events:
				if got == want {
					return
				}
			case <-timeout:
				t.Fatalf("no %s", want)
			}
		}
	}
	await("loaded")
	tm.Send(tea.KeyPressMsg{Code: 'p', Text: "p"})
	await("page")
	if _, nv := f.counts(url); nv == 0 {
		t.Error("nothing held while the pane is open")
	}
	tm.Send(tea.KeyPressMsg{Code: tea.KeyEscape})
	await("released")
	tm.Type("q")
	fm, ok := tm.FinalModel(t, teatest.WithFinalTimeout(10*time.Second)).(*peekObserved)
	if !ok || fm.peek.Open() {
		t.Fatalf("final model %T, pane still open", fm)
	}
	if v, nv := f.counts(url); v != 25 || nv != 0 {
		t.Errorf("after the flow: %d visible, %d in flight; want 25, 0", v, nv)
	}
}

// peekObserved tells the test which results the program has applied.
type peekObserved struct {
	*App
	events chan string
	paged  bool
}

func (o *peekObserved) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	_, cmd := o.App.Update(msg)
	ev := ""
	// What the program applied, read off the App's state: the page and
	// release messages are the peek pane's own.
	switch m := msg.(type) {
	case refresh.LoadedMsg:
		if m.Err == nil {
			ev = "loaded"
		}
	default:
		switch {
		case o.peek.Open() && len(o.peek.Messages()) > 0 && !o.paged:
			o.paged, ev = true, "page"
		case o.paged && !o.peek.Open() && strings.Contains(o.notice, "visible again"):
			ev = "released"
		}
	}
	if ev != "" {
		select {
		case o.events <- ev:
		default:
		}
	}
	return o, cmd
}
