package ui

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/aws/smithy-go"

	"github.com/sqscope/sqscope/model"
	"github.com/sqscope/sqscope/ui/refresh"
)

func TestStaleResultIsDropped(t *testing.T) {
	f := &fakeClient{}
	a, _ := newTestApp(t, f, Options{})
	a.Update(tea.WindowSizeMsg{Width: 120, Height: 36})

	f.Set([]model.Queue{testQueue("old", 1, 0, 0, "")}, nil)
	first := a.refresh()()
	f.Set([]model.Queue{testQueue("new", 2, 0, 0, "")}, nil)
	second := a.refresh()()

	a.Update(second)
	if a.poll.InFlight() {
		t.Error("still in flight after the latest result")
	}
	a.Update(first) // arrives late
	if got := shownNames(a); !slices.Equal(got, []string{"new"}) {
		t.Fatalf("late, older result replaced the newer one: %v", got)
	}

	// A stale result must not end the newer request's in-flight state.
	a.refresh()
	a.Update(first)
	if !a.poll.InFlight() {
		t.Error("stale result cleared the in-flight flag of a newer request")
	}
}

func TestErrorShownAndListKept(t *testing.T) {
	a, f := loadedApp(t, 120, 36)
	before := shownNames(a)
	f.Set(nil, errors.New("operation error SQS: ListQueues,\nStatusCode: 503, api error ServiceUnavailable"))
	poll(a)

	if got := shownNames(a); !slices.Equal(got, before) {
		t.Fatalf("error dropped the list: %v, want %v", got, before)
	}
	s := screen(a)
	if !strings.Contains(s, "operation error SQS: ListQueues, StatusCode: 503") {
		t.Errorf("error not shown on one line in the status bar:\n%s", s)
	}
	if !strings.Contains(s, "orders-dlq") {
		t.Errorf("queues gone from the screen after an error:\n%s", s)
	}

	// The next good refresh clears the error.
	f.Set(testDataset(0), nil)
	poll(a)
	if strings.Contains(screen(a), "ServiceUnavailable") {
		t.Error("error still shown after a successful refresh")
	}
}

// SDK errors are shown as awsclient describes them, not as the raw chain.
func TestAPIErrorDescribed(t *testing.T) {
	a, f := loadedApp(t, 120, 36)
	f.Set(nil, &smithy.GenericAPIError{Code: "AccessDenied", Message: "User: arn:aws:iam::1:user/x is not authorized"})
	poll(a)
	if s := screen(a); !strings.Contains(s, "✗ access denied") {
		t.Errorf("access denied not described:\n%s", s)
	}
}

func TestRowErrorShownInsteadOfCounts(t *testing.T) {
	a, _ := loadedApp(t, 120, 36)
	for _, line := range strings.Split(screen(a), "\n") {
		if strings.Contains(line, "audit-log") {
			if !strings.Contains(line, "error: AccessDenied") {
				t.Errorf("row with Err does not show it: %q", line)
			}
			return
		}
	}
	t.Fatal("audit-log row missing")
}

func TestTickSkipsRefreshWhileInFlightAndRearms(t *testing.T) {
	f := &fakeClient{List: testDataset(0)}
	a, clock := newTestApp(t, f, Options{Refresh: 3 * time.Second})
	a.Update(tea.WindowSizeMsg{Width: 120, Height: 36})

	a.refresh() // in flight, result not delivered
	clock.T = clock.T.Add(3 * time.Second)
	_, cmd := a.Update(tickMsg{})
	msgs := runCmd(cmd)
	if calls, _ := f.Refreshes(); f.CallCount() != 0 || calls != 0 {
		t.Errorf("tick polled while a poll was in flight (%d listings, %d reads)", f.CallCount(), calls)
	}
	if len(msgs) != 1 || msgs[0] != (armedMsg{3 * time.Second}) {
		t.Fatalf("tick while in flight returned %#v, want only the re-armed timer", msgs)
	}

	a.Update(refresh.LoadedMsg{Seq: a.poll.Seq(), Full: true, Queues: testDataset(0), At: clock.T})
	clock.T = clock.T.Add(3 * time.Second)
	_, cmd = a.Update(tickMsg{})
	msgs = runCmd(cmd)
	var armed, loads int
	for _, m := range msgs {
		switch m := m.(type) {
		case armedMsg:
			armed++
		case refresh.LoadedMsg:
			loads++
			if m.Full {
				t.Error("an idle tick listed every queue; only --refresh-all does")
			}
		}
	}
	if calls, _ := f.Refreshes(); armed != 1 || loads != 1 || calls != 1 {
		t.Errorf("idle tick: %d timers, %d answers, %d reads; want 1, 1, 1", armed, loads, calls)
	}
}

func TestRefreshKeyStartsRequest(t *testing.T) {
	a, f := loadedApp(t, 120, 36)
	calls := f.CallCount()
	msgs := runCmd(press(a, "r"))
	if f.CallCount() != calls+1 || len(msgs) != 1 {
		t.Fatalf("r did not refresh: %d calls, msgs %#v", f.CallCount(), msgs)
	}
	if m, ok := msgs[0].(refresh.LoadedMsg); !ok || m.Seq != a.poll.Seq() {
		t.Errorf("refresh result %#v does not carry the latest seq %d", msgs[0], a.poll.Seq())
	}
}

func TestFilterNarrowsLiveAndEscClears(t *testing.T) {
	a, _ := loadedApp(t, 120, 36)
	all := len(shownNames(a))
	press(a, "/")
	typeText(a, "pay")
	if got := shownNames(a); !slices.Equal(got, []string{"payments-dlq.fifo", "payments.fifo"}) {
		t.Fatalf("filter pay shows %v", got)
	}
	if !strings.Contains(screen(a), "2 shown") {
		t.Errorf("header does not say how many are shown:\n%s", screen(a))
	}
	press(a, "enter") // keep the filter, give keys back to the list
	if a.queues.Typing() || len(shownNames(a)) != 2 {
		t.Fatal("enter did not keep the filter")
	}
	press(a, "j")
	if selectedName(a) != "payments.fifo" {
		t.Errorf("j after the filter selects %q", selectedName(a))
	}
	press(a, "esc")
	if n := len(shownNames(a)); n != all || a.queues.Filter() != "" {
		t.Errorf("esc left %d of %d rows, filter %q", n, all, a.queues.Filter())
	}
	if selectedName(a) != "payments.fifo" {
		t.Errorf("clearing the filter moved the cursor to %q", selectedName(a))
	}

	// While typing, q is part of the pattern, not quit; esc clears at once.
	press(a, "/")
	_, cmd := a.Update(keyMsg("q"))
	if cmd != nil || a.queues.Filter() != "q" {
		t.Errorf("q while filtering: cmd %v, filter %q", cmd, a.queues.Filter())
	}
	press(a, "esc")
	if a.queues.Typing() || a.queues.Filter() != "" {
		t.Error("esc while typing did not clear the filter")
	}
}

func TestSortCyclesNameAndDepth(t *testing.T) {
	a, _ := loadedApp(t, 120, 36)
	byName := []string{"audit-log", "billing", "notifications-service-production-eu-west-1-high-priority",
		"orders", "orders-dlq", "payments-dlq.fifo", "payments.fifo", "shared-dlq", "shipping"}
	if got := shownNames(a); !slices.Equal(got, byName) {
		t.Fatalf("name order %v", got)
	}
	press(a, "s")
	// Deepest backlog first, equal depths by name, unreadable rows last.
	byDepth := []string{"notifications-service-production-eu-west-1-high-priority", "orders",
		"payments.fifo", "billing", "orders-dlq", "shipping", "payments-dlq.fifo", "shared-dlq", "audit-log"}
	if got := shownNames(a); !slices.Equal(got, byDepth) {
		t.Fatalf("depth order %v", got)
	}
	if !strings.Contains(screen(a), "by depth") {
		t.Error("sort order not shown")
	}
	press(a, "s")
	if got := shownNames(a); !slices.Equal(got, byName) {
		t.Fatalf("s did not cycle back to name order: %v", got)
	}
}

func TestSelectionFollowsQueueAcrossRefreshAndSort(t *testing.T) {
	a, f := loadedApp(t, 120, 36)
	press(a, "s") // by depth
	selectQueue(t, a, "billing")
	// billing jumps to the top of the depth order.
	qs := testDataset(3)
	qs[4].Stats.Visible = 9_000_000
	f.Set(qs, nil)
	poll(a)
	if selectedName(a) != "billing" || shownNames(a)[0] != "billing" {
		t.Fatalf("after refresh selected %q, rows %v: want billing at the top", selectedName(a), shownNames(a))
	}
	press(a, "s")
	if selectedName(a) != "billing" {
		t.Fatalf("after re-sort selected %q", selectedName(a))
	}
	// When the selected queue disappears the cursor stays in range.
	f.Set(slices.DeleteFunc(testDataset(3), func(q model.Queue) bool { return q.Name == "billing" }), nil)
	poll(a)
	if _, ok := a.queues.Selected(); !ok {
		t.Error("nothing selected after the selected queue vanished")
	}
}

func TestMetricsFromSeries(t *testing.T) {
	a, _ := loadedApp(t, 120, 36)
	selectQueue(t, a, "orders")
	q, _ := a.queues.Selected()
	s := a.cat.Series[q.URL]
	if s == nil || s.Len() != 3 {
		t.Fatalf("series for orders: %v", s)
	}
	// Visible grew 40 per 5 s poll: +480/min; in flight 5 per poll: +60/min.
	v := screen(a)
	for _, want := range []string{"+480/min", "+60.0/min", "1,280", "3 polls over 10s"} {
		if !strings.Contains(v, want) {
			t.Errorf("metrics lack %q:\n%s", want, v)
		}
	}
}

// A warning printed before the TUI started would be covered by it: it is
// on the status line until the first key.
func TestStartNoticeOnTheStatusLine(t *testing.T) {
	f := &fakeClient{List: testDataset(0)}
	a, _ := newTestApp(t, f, Options{Notice: "⚠ unknown region eu-westt-1 (did you mean eu-west-1?)"})
	a.Update(tea.WindowSizeMsg{Width: 120, Height: 36})
	poll(a)
	if s := screen(a); !strings.Contains(s, "⚠ unknown region eu-westt-1 (did you mean eu-west-1?)") {
		t.Errorf("the start notice is not on screen:\n%s", s)
	}
	press(a, "j")
	if strings.Contains(screen(a), "unknown region") {
		t.Error("the start notice outlived the first key")
	}

	// A first poll that fails does not hide the warning that explains it.
	f = &fakeClient{Err: errors.New("dial tcp: lookup sqs.eu-westt-1.amazonaws.com: no such host")}
	a, _ = newTestApp(t, f, Options{Notice: "⚠ unknown region eu-westt-1 (did you mean eu-west-1?)"})
	a.Update(tea.WindowSizeMsg{Width: 200, Height: 36})
	poll(a)
	if s := screen(a); !strings.Contains(s, "no such host") || !strings.Contains(s, "unknown region eu-westt-1") {
		t.Errorf("the poll error and the start notice are not both on screen:\n%s", s)
	}
}
