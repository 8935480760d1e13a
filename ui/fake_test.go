package ui

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/sqscope/sqscope/awsclient"
	"github.com/sqscope/sqscope/model"
)

// fakeClient is an in-memory awsclient.Client for UI tests.
type fakeClient struct {
	mu     sync.Mutex
	ep     awsclient.Endpoint
	queues []model.Queue
	err    error
	calls  int

	// Peek: the messages each queue URL returns, an error for Next, a gate
	// that holds every Next until closed, and the sessions opened so far.
	messages map[string][]model.Message
	nextErr  error
	gate     chan struct{}
	peeks    []*fakePeek
	// nextEndsWithPage: sessions mark their last full page Exhausted.
	nextEndsWithPage bool

	mover fakeMover // see movefake_test.go
}

func (f *fakeClient) Endpoint() awsclient.Endpoint { return f.ep }

func (f *fakeClient) Queues(context.Context) ([]model.Queue, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls++
	if f.err != nil {
		return nil, f.err
	}
	return append([]model.Queue(nil), f.queues...), nil
}

func (f *fakeClient) set(qs []model.Queue, err error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.queues, f.err = qs, err
}

func (f *fakeClient) callCount() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.calls
}

const testAccount = "000000000000"

func testARN(name string) string { return "arn:aws:sqs:us-east-1:" + testAccount + ":" + name }

func testQueue(name string, visible, inFlight, delayed int64, dlq string) model.Queue {
	q := model.Queue{
		Name:              name,
		URL:               "http://127.0.0.1:9324/" + testAccount + "/" + name,
		ARN:               testARN(name),
		Stats:             model.QueueStats{Visible: visible, InFlight: inFlight, Delayed: delayed},
		VisibilityTimeout: 30 * time.Second,
		RetentionPeriod:   4 * 24 * time.Hour,
		CreatedAt:         time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC),
		Attrs: map[string]string{
			"QueueArn":                    testARN(name),
			"ApproximateNumberOfMessages": fmt.Sprint(visible),
			"VisibilityTimeout":           "30",
		},
	}
	if strings.HasSuffix(name, ".fifo") {
		q.Type = model.FIFO
		q.Attrs["FifoQueue"] = "true"
	}
	if dlq != "" {
		q.Redrive = &model.RedrivePolicy{DeadLetterTargetARN: testARN(dlq), MaxReceiveCount: 5}
	}
	return q
}

// testDataset is the fixed account the golden views show: a source and its
// non-empty DLQ, a FIFO pair, a DLQ shared by two sources, a queue whose
// attributes could not be read, and one very long name. step varies the
// counts so successive polls draw a sparkline.
func testDataset(step int64) []model.Queue {
	denied := testQueue("audit-log", 0, 0, 0, "")
	denied.Err = errors.New("AccessDenied: not authorized to perform sqs:GetQueueAttributes\non this resource")
	return []model.Queue{
		testQueue("orders", 1200+40*step, 30+5*step, 2, "orders-dlq"),
		testQueue("orders-dlq", 17+step, 0, 0, ""),
		testQueue("payments.fifo", 310-10*step, 12, 0, "payments-dlq.fifo"),
		testQueue("payments-dlq.fifo", 0, 0, 0, ""),
		testQueue("billing", 45, 3, 0, "shared-dlq"),
		testQueue("shipping", 8, 1, 0, "shared-dlq"),
		testQueue("shared-dlq", 0, 0, 0, ""),
		denied,
		testQueue("notifications-service-production-eu-west-1-high-priority", 2500000+1000*step, 1200, 30, ""),
	}
}

// testClock is a settable clock so no real time reaches a view.
type testClock struct{ t time.Time }

func (c *testClock) now() time.Time { return c.t }

func newTestApp(t testing.TB, f *fakeClient, o Options) (*App, *testClock) {
	t.Helper()
	clock := &testClock{t: time.Date(2026, 11, 27, 3, 0, 0, 0, time.UTC)}
	a := New(f, o)
	a.now = clock.now
	return a, clock
}

// poll runs one refresh end to end through the real Cmd.
func poll(a *App) {
	msg := a.refresh()()
	a.Update(msg)
}

// loadedApp is an App at w×h that has polled the dataset three times, 5 s
// apart.
func loadedApp(t testing.TB, w, h int) (*App, *fakeClient) {
	f := &fakeClient{ep: awsclient.Endpoint{URL: "http://127.0.0.1:9324", Region: "us-east-1", Demo: true}}
	a, clock := newTestApp(t, f, Options{Refresh: 5 * time.Second, Version: "v0.1.0"})
	a.Update(tea.WindowSizeMsg{Width: w, Height: h})
	for step := range int64(3) {
		f.set(testDataset(step), nil)
		poll(a)
		clock.t = clock.t.Add(5 * time.Second)
	}
	return a, f
}

// keyMsg builds the key press tmux or a terminal would send for s.
func keyMsg(s string) tea.KeyPressMsg {
	switch s {
	case "enter":
		return tea.KeyPressMsg{Code: tea.KeyEnter}
	case "esc":
		return tea.KeyPressMsg{Code: tea.KeyEscape}
	case "tab":
		return tea.KeyPressMsg{Code: tea.KeyTab}
	case "shift+tab":
		return tea.KeyPressMsg{Code: tea.KeyTab, Mod: tea.ModShift}
	case "down":
		return tea.KeyPressMsg{Code: tea.KeyDown}
	case "up":
		return tea.KeyPressMsg{Code: tea.KeyUp}
	case "backspace":
		return tea.KeyPressMsg{Code: tea.KeyBackspace}
	case "ctrl+c":
		return tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl}
	case "ctrl+u":
		return tea.KeyPressMsg{Code: 'u', Mod: tea.ModCtrl}
	case "space":
		return tea.KeyPressMsg{Code: tea.KeySpace, Text: " "}
	case "pgdown":
		return tea.KeyPressMsg{Code: tea.KeyPgDown}
	case "pgup":
		return tea.KeyPressMsg{Code: tea.KeyPgUp}
	}
	r := []rune(s)[0]
	return tea.KeyPressMsg{Code: r, Text: s}
}

// press sends keys one at a time and returns the last command.
func press(a *App, keys ...string) tea.Cmd {
	var cmd tea.Cmd
	for _, k := range keys {
		_, cmd = a.Update(keyMsg(k))
	}
	return cmd
}

// typeText sends each rune of s as a key press.
func typeText(a *App, s string) {
	for _, r := range s {
		a.Update(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
}

// screen is the frame as plain text.
func screen(a *App) string { return ansi.Strip(a.View().Content) }

// selectedName is the queue under the cursor.
func selectedName(a *App) string {
	q, _ := a.browse.list.Selected()
	return q.Name
}

// shownNames are the list's rows, in order.
func shownNames(a *App) []string {
	out := make([]string, len(a.browse.list.rows))
	for i, m := range a.browse.list.rows {
		out[i] = a.browse.list.sorted[m.Index].Name
	}
	return out
}

// runCmd executes cmd and the commands of any batch it returns.
func runCmd(cmd tea.Cmd) []tea.Msg {
	if cmd == nil {
		return nil
	}
	msg := cmd()
	if b, ok := msg.(tea.BatchMsg); ok {
		var out []tea.Msg
		for _, c := range b {
			out = append(out, runCmd(c)...)
		}
		return out
	}
	return []tea.Msg{msg}
}

// selectQueue moves the cursor from the top down to the named queue, failing the test
// if j never gets there.
func selectQueue(t testing.TB, a *App, name string) {
	t.Helper()
	press(a, "g")
	for range len(a.browse.list.rows) + 1 {
		if selectedName(a) == name {
			return
		}
		press(a, "j")
	}
	t.Fatalf("j never reached %q; rows %v, at %q", name, shownNames(a), selectedName(a))
}
