package queues

import (
	"context"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/sqscope/sqscope/awsclient"
	"github.com/sqscope/sqscope/model"
)

// CloudWatch configures the browser's CloudWatch metrics: the selected
// queue's history in the metrics pane and the age column of the list.
type CloudWatch struct {
	// Client reads the metrics; nil means CloudWatch is off
	// (--no-cloudwatch): the list has no age column and the metrics pane
	// shows the polled counts only.
	Client awsclient.Metrics
	// AgeAlert highlights a queue whose oldest message is older; zero
	// means DefaultAgeAlert.
	AgeAlert time.Duration
	// Timer brings msg after d; nil means tea.Tick. Tests bring it at once.
	Timer func(d time.Duration, msg tea.Msg) tea.Cmd
}

const (
	// DefaultAgeAlert is when an oldest message becomes worth a look.
	DefaultAgeAlert = time.Hour
	// cwEvery is how often what is on screen is read again: CloudWatch's
	// SQS metrics have one-minute resolution, so sooner brings nothing new
	// and costs all the same.
	cwEvery = time.Minute
	// cwAllEvery is how often sorting by age reads every queue's age:
	// 2,000 queues are 2,000 metrics ($0.02) a time, so the rows off
	// screen are refreshed more slowly than those on it.
	cwAllEvery = 5 * time.Minute
	// cwSettle is how long the selection must stay put before what it
	// shows is read: holding j through fifty queues reads one history.
	cwSettle = 400 * time.Millisecond
	// cwTimeout bounds one reading, retries included.
	cwTimeout = 30 * time.Second
	// histCache is how many queue histories are kept, so moving back to
	// a queue seen within the minute costs nothing.
	histCache = 32
)

// cwTickMsg is the minute timer of CloudWatch reads firing.
type cwTickMsg struct{}

// cwSettleMsg is the selection having stayed put for cwSettle since watch call seq.
type cwSettleMsg struct{ seq uint64 }

// historyMsg is one queue's history over a window, or why it could not be read.
type historyMsg struct {
	seq     uint64
	key     histKey
	h       *model.History
	err     error
	started time.Time
}

// agesMsg is the ages of the oldest messages of the queues asked for.
type agesMsg struct {
	seq   uint64
	names []string   // asked for
	ages  model.Ages // one missing has no data point
	all   bool       // every queue was asked
	err   error
}

// histKey names one cached history.
type histKey struct {
	queue  string
	window model.Window
}

// histEntry is a history and when its request started.
type histEntry struct {
	h  *model.History
	at time.Time
}

// cwState is what the browser knows of CloudWatch and its requests.
type cwState struct {
	client awsclient.Metrics
	timer  func(time.Duration, tea.Msg) tea.Cmd
	alert  time.Duration
	off    string // why CloudWatch is not used; "" while it is
	err    error  // the last reading's error, when it may work next time

	window model.Window
	hist   map[histKey]histEntry
	tried  map[histKey]time.Time // when each history was last asked
	ages   model.Ages
	asked  map[string]time.Time // when each queue's age was last asked
	allAt  time.Time            // when every queue's age was last asked

	histSeq, ageSeq, settleSeq uint64
	histBusy                   histKey // the history in flight; zero when none
	ageBusy                    bool
}

// DefaultWindow is the history shown first: 12 hours answers "since
// when?" for a night's incident at a glance (w cycles to the others).
const DefaultWindow = model.Window12h

func newCWState(o CloudWatch) cwState {
	s := cwState{client: o.Client, timer: o.Timer, alert: o.AgeAlert, window: DefaultWindow,
		hist: map[histKey]histEntry{}, tried: map[histKey]time.Time{}, ages: model.Ages{}, asked: map[string]time.Time{}}
	if s.timer == nil {
		s.timer = func(d time.Duration, msg tea.Msg) tea.Cmd {
			return tea.Tick(d, func(time.Time) tea.Msg { return msg })
		}
	}
	if s.alert <= 0 {
		s.alert = DefaultAgeAlert
	}
	if s.client == nil {
		s.off, _ = awsclient.Unavailable(awsclient.ErrNoCloudWatch)
	}
	return s
}

// on reports whether CloudWatch is being read.
func (s *cwState) on() bool { return s.off == "" }

// history is the cached history of queue in the current window.
func (s *cwState) history(queue string) (*model.History, bool) {
	e, ok := s.hist[histKey{queue, s.window}]
	return e.h, ok
}

// historyCmd reads one queue's history off the UI goroutine.
func historyCmd(ctx context.Context, c awsclient.Metrics, seq uint64, k histKey, now time.Time) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(ctx, cwTimeout)
		defer cancel()
		h, err := c.History(ctx, k.queue, k.window, now)
		return historyMsg{seq: seq, key: k, h: h, err: err, started: now}
	}
}

// agesCmd reads the ages of names off the UI goroutine.
func agesCmd(ctx context.Context, c awsclient.Metrics, seq uint64, names []string, all bool, now time.Time) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(ctx, cwTimeout)
		defer cancel()
		ages, err := c.OldestAges(ctx, names, now)
		return agesMsg{seq: seq, names: names, ages: ages, all: all, err: err}
	}
}
