package ui

import (
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/sqscope/sqscope/awsclient"
	"github.com/sqscope/sqscope/ui/internal/uitest"
	"github.com/sqscope/sqscope/ui/queues"
)

// The CloudWatch metrics as the App shows them: the metrics pane's
// history, the age column, and what is read when.

// timerMsg is what the browser's CloudWatch timers bring in these tests:
// at once, with how long the real one would have waited.
type timerMsg struct {
	d   time.Duration
	msg tea.Msg
}

func timerNow(d time.Duration, msg tea.Msg) tea.Cmd {
	return func() tea.Msg { return timerMsg{d, msg} }
}

// cwApp is an App at w×h with CloudWatch read from m, after three polls
// 5 s apart, each answer's Cmds run to the end (see cwDrive).
func cwApp(t testing.TB, w, h int, m awsclient.Metrics) (*App, *fakeClient, *uitest.Clock) {
	t.Helper()
	f := &fakeClient{EP: awsclient.Endpoint{URL: "http://127.0.0.1:9324", Region: "us-east-1", Demo: true}}
	a, clock := newTestApp(t, f, Options{Refresh: 5 * time.Second, Version: "v0.1.0", Metrics: m})
	a.queues.SetCloudWatch(queuesCloudWatch(m))
	a.Update(tea.WindowSizeMsg{Width: w, Height: h})
	for step := range int64(3) {
		f.Set(testDataset(step), nil)
		cwDrive(t, a, a.refresh())
		clock.T = clock.T.Add(5 * time.Second)
	}
	return a, f, clock
}

// queuesCloudWatch is the browser's CloudWatch over m, its timers firing
// at once.
func queuesCloudWatch(m awsclient.Metrics) queues.CloudWatch {
	return queues.CloudWatch{Client: m, Timer: timerNow}
}

// cwDrive runs cmd and feeds its messages to the App, and so on with what
// they return, until nothing is left: settle timers fire at once, the
// minute timer is left unfired (a test ticks with cwTick), the root's
// refresh timer too.
func cwDrive(t testing.TB, a *App, cmd tea.Cmd) { cwRun(t, a, cmd, true) }

// cwRun is cwDrive; with fire false it leaves the settle timers unfired
// and returns their messages.
func cwRun(t testing.TB, a *App, cmd tea.Cmd, fire bool) (settles []tea.Msg) {
	t.Helper()
	queue := []tea.Cmd{cmd}
	for n := 0; len(queue) > 0; n++ {
		if n > 200 {
			t.Fatal("commands kept coming")
		}
		c := queue[0]
		queue = queue[1:]
		for _, msg := range runCmd(c) {
			switch msg := msg.(type) {
			case timerMsg:
				if msg.d >= time.Minute {
					continue
				}
				if !fire {
					settles = append(settles, msg.msg)
					continue
				}
				_, next := a.Update(msg.msg)
				queue = append(queue, next)
			case armedMsg, nil:
			default:
				_, next := a.Update(msg)
				queue = append(queue, next)
			}
		}
	}
	return settles
}

// pressDrive types keys quickly, then stops: each key's Cmds run, and the
// settle timers they armed fire after the last key (only the last one's
// still counts).
func pressDrive(t testing.TB, a *App, keys ...string) {
	t.Helper()
	var settles []tea.Msg
	for _, k := range keys {
		_, cmd := a.Update(keyMsg(k))
		settles = append(settles, cwRun(t, a, cmd, false)...)
	}
	for _, msg := range settles {
		_, cmd := a.Update(msg)
		cwDrive(t, a, cmd)
	}
}

// cwTick fires the minute timer: Init armed it; the browser re-arms it.
func cwTick(t testing.TB, a *App) {
	t.Helper()
	for _, msg := range runCmd(a.queues.Init()) {
		if tm, ok := msg.(timerMsg); ok {
			_, cmd := a.Update(tm.msg)
			cwDrive(t, a, cmd)
		}
	}
}
