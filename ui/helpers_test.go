package ui

import (
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/sqscope/sqscope/awsclient"
	"github.com/sqscope/sqscope/model"
	"github.com/sqscope/sqscope/ui/dialog"
	"github.com/sqscope/sqscope/ui/internal/uitest"
)

// The App-level tests drive the whole UI with keys and read the screen,
// as a user would; each pane's own tests sit in its package.

type fakeClient = uitest.Client

var (
	testQueue    = uitest.Queue
	testARN      = uitest.ARN
	testDataset  = uitest.Dataset
	testMessage  = uitest.Message
	dlqMessages  = uitest.DLQMessages
	fifoMessages = uitest.FIFOMessages
	gzipBase64   = uitest.GzipBase64
	keyMsg       = uitest.Key
	runCmd       = uitest.RunCmd
)

func newTestApp(t testing.TB, f *fakeClient, o Options) (*App, *uitest.Clock) {
	t.Helper()
	clock := &uitest.Clock{T: time.Date(2026, 11, 27, 3, 0, 0, 0, time.UTC)}
	a := New(f, o)
	a.com.Now = clock.Now
	a.arm = armNow
	return a, clock
}

// armedMsg is what the auto-refresh timer brings in tests: armed, it
// answers at once with this, which the App ignores, instead of sleeping
// and ticking. A test ticks by sending tickMsg, as often as it likes.
type armedMsg struct{ d time.Duration }

func armNow(d time.Duration) tea.Cmd { return func() tea.Msg { return armedMsg{d} } }

// poll runs one refresh end to end through the real Cmd.
func poll(a *App) {
	msg := a.refresh()()
	a.Update(msg)
}

// loadedApp is an App at w×h that has polled the dataset three times, 5 s
// apart.
func loadedApp(t testing.TB, w, h int) (*App, *fakeClient) {
	a, f, _ := loadedAppClock(t, w, h)
	return a, f
}

// loadedAppClock is loadedApp with its clock, 5 s after the last poll.
func loadedAppClock(t testing.TB, w, h int) (*App, *fakeClient, *uitest.Clock) {
	f := &fakeClient{EP: awsclient.Endpoint{URL: "http://127.0.0.1:9324", Region: "us-east-1", Demo: true}}
	a, clock := newTestApp(t, f, Options{Refresh: 5 * time.Second, Version: "v0.1.0"})
	a.Update(tea.WindowSizeMsg{Width: w, Height: h})
	for step := range int64(3) {
		f.Set(testDataset(step), nil)
		poll(a)
		clock.T = clock.T.Add(5 * time.Second)
	}
	return a, f, clock
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
	q, _ := a.queues.Selected()
	return q.Name
}

// shownNames are the list's rows, in order.
func shownNames(a *App) []string { return a.queues.ShownNames() }

// selectQueue moves the cursor from the top down to the named queue,
// failing the test if j never gets there.
func selectQueue(t testing.TB, a *App, name string) {
	t.Helper()
	press(a, "g")
	for range len(shownNames(a)) + 1 {
		if selectedName(a) == name {
			return
		}
		press(a, "j")
	}
	t.Fatalf("j never reached %q; rows %v, at %q", name, shownNames(a), selectedName(a))
}

// peekApp is a loaded App whose fake serves dlqMessages on orders-dlq and
// fifoMessages on payments.fifo.
func peekApp(t testing.TB, w, h int) (*App, *fakeClient) {
	a, f, _ := peekAppClock(t, w, h)
	return a, f
}

// peekAppClock is peekApp with its clock.
func peekAppClock(t testing.TB, w, h int) (*App, *fakeClient, *uitest.Clock) {
	a, f, clock := loadedAppClock(t, w, h)
	f.Mu.Lock()
	f.Messages = map[string][]model.Message{
		testQueue("orders-dlq", 0, 0, 0, "").URL:    dlqMessages(t),
		testQueue("orders", 0, 0, 0, "").URL:        dlqMessages(t)[1:3],
		testQueue("payments.fifo", 0, 0, 0, "").URL: fifoMessages(t),
	}
	f.Mu.Unlock()
	return a, f, clock
}

// drive runs cmd and feeds every message it produces back into the App,
// following the commands that returns, until nothing is left. It must not
// be given a timer (quit's fallback tick) or it waits for it.
func drive(a *App, cmd tea.Cmd) {
	for _, m := range runCmd(cmd) {
		if m == nil {
			continue
		}
		_, next := a.Update(m)
		drive(a, next)
	}
}

// openPeek selects queue name, presses p (and y when asked) and lets the
// first page arrive.
func openPeek(t testing.TB, a *App, name string) {
	t.Helper()
	selectQueue(t, a, name)
	cmd := press(a, "p")
	if asking(a) {
		cmd = press(a, "y")
	}
	drive(a, cmd)
	if !a.peek.Open() {
		t.Fatalf("peek pane not open on %s", name)
	}
}

// asking reports whether a confirmation is on top of the overlay stack.
func asking(a *App) bool {
	_, ok := a.dialogs.Top().(*dialog.Confirm)
	return ok
}

// question is the title of the confirmation on top; "" when none.
func question(a *App) string {
	if d, ok := a.dialogs.Top().(*dialog.Confirm); ok {
		return d.Title()
	}
	return ""
}

var bareStyles = uitest.BareStyles

// helpOpen reports whether help is on top of the overlay stack.
func helpOpen(a *App) bool {
	_, ok := a.dialogs.Top().(*dialog.Help)
	return ok
}

// ids are the messages' ids, in order.
func ids(msgs []model.Message) []string {
	out := make([]string, len(msgs))
	for i, m := range msgs {
		out[i] = m.ID
	}
	return out
}

// picking reports whether a picker is on top of the overlay stack.
func picking(a *App) bool {
	_, ok := a.dialogs.Top().(*dialog.Picker)
	return ok
}

// prompting reports whether a prompt is on top of the overlay stack.
func prompting(a *App) bool {
	_, ok := a.dialogs.Top().(*dialog.Prompt)
	return ok
}
