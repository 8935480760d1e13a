package model

import "time"

// Metric is one of the seven CloudWatch metrics SQS publishes per queue
// (namespace AWS/SQS, dimension QueueName) that sqscope shows. The order is
// the metrics pane's, top to bottom.
type Metric int

const (
	// MetricVisible is ApproximateNumberOfMessagesVisible: the backlog.
	MetricVisible Metric = iota
	// MetricInFlight is ApproximateNumberOfMessagesNotVisible.
	MetricInFlight
	// MetricDelayed is ApproximateNumberOfMessagesDelayed.
	MetricDelayed
	// MetricOldestAge is ApproximateAgeOfOldestMessage, in seconds: how
	// stale the backlog is. Only CloudWatch has it; the SQS API does not.
	MetricOldestAge
	// MetricSent is NumberOfMessagesSent.
	MetricSent
	// MetricReceived is NumberOfMessagesReceived.
	MetricReceived
	// MetricDeleted is NumberOfMessagesDeleted.
	MetricDeleted
	// MetricCount is the number of metrics, not a metric.
	MetricCount
)

var metricInfo = [MetricCount]struct{ name, label string }{
	MetricVisible:   {"ApproximateNumberOfMessagesVisible", "visible"},
	MetricInFlight:  {"ApproximateNumberOfMessagesNotVisible", "in flight"},
	MetricDelayed:   {"ApproximateNumberOfMessagesDelayed", "delayed"},
	MetricOldestAge: {"ApproximateAgeOfOldestMessage", "oldest"},
	MetricSent:      {"NumberOfMessagesSent", "sent"},
	MetricReceived:  {"NumberOfMessagesReceived", "received"},
	MetricDeleted:   {"NumberOfMessagesDeleted", "deleted"},
}

// Name is the metric's CloudWatch name.
func (m Metric) Name() string { return metricInfo[m].name }

// Label is the metric's short name in the metrics pane.
func (m Metric) Label() string { return metricInfo[m].label }

// Summed reports whether the metric counts events (sent, received,
// deleted), read with the Sum statistic; the others are levels sampled each
// minute, read with Maximum so that a short spike inside a period still
// shows.
func (m Metric) Summed() bool { return m >= MetricSent }

// Stat is the CloudWatch statistic the metric is read with.
func (m Metric) Stat() string {
	if m.Summed() {
		return "Sum"
	}
	return "Maximum"
}

// Polled reports whether the SQS API's counts (model.QueueStats) measure
// the same thing, so that the polled series can continue the history.
func (m Metric) Polled() bool { return m <= MetricDelayed }

// FromStats is the metric's value in polled counts; valid when Polled.
func (m Metric) FromStats(s QueueStats) int64 {
	switch m {
	case MetricVisible:
		return s.Visible
	case MetricInFlight:
		return s.InFlight
	case MetricDelayed:
		return s.Delayed
	}
	return 0
}

// Window is how far back the history goes; the metrics pane cycles
// through them on one key.
type Window int

const (
	Window1h Window = iota
	Window3h
	Window12h
	Window1d
	Window3d
	Window1w
	Window2w
	windowCount
)

// MaxPoints is the most periods a window spans. A sparkline is at most a
// terminal wide, so more would only cost transfer.
const MaxPoints = 1440

var windowInfo = [windowCount]struct {
	span, period time.Duration
	label        string
}{
	// One-minute data is kept 15 days, so every window here may use any
	// multiple of a minute (past 15 days CloudWatch wants multiples of 5
	// minutes, past 63 days of an hour). The period is the smallest of
	// the round ones (1, 5, 10, 15 minutes) that keeps a window within
	// MaxPoints: 3d/5m is 864 points, 1w/10m 1,008, 2w/15m 1,344.
	Window1h:  {time.Hour, time.Minute, "1h"},
	Window3h:  {3 * time.Hour, time.Minute, "3h"},
	Window12h: {12 * time.Hour, time.Minute, "12h"},
	Window1d:  {24 * time.Hour, time.Minute, "1d"},
	Window3d:  {72 * time.Hour, 5 * time.Minute, "3d"},
	Window1w:  {7 * 24 * time.Hour, 10 * time.Minute, "1w"},
	Window2w:  {14 * 24 * time.Hour, 15 * time.Minute, "2w"},
}

// Windows are every window, shortest first.
func Windows() []Window {
	out := make([]Window, windowCount)
	for i := range out {
		out[i] = Window(i)
	}
	return out
}

// Span is how far back the window reaches.
func (w Window) Span() time.Duration { return windowInfo[w].span }

// Period is the length of one data point.
func (w Window) Period() time.Duration { return windowInfo[w].period }

// Points is how many periods the window holds.
func (w Window) Points() int { return int(w.Span() / w.Period()) }

func (w Window) String() string { return windowInfo[w].label }

// Next is the window after w, wrapping around to the shortest.
func (w Window) Next() Window { return (w + 1) % windowCount }

// Range is the window's time range ending at now: its end is now rounded
// up to a whole period, so every period is whole and aligned (which
// CloudWatch answers fastest), and the last one is the period now is in.
func (w Window) Range(now time.Time) (start, end time.Time) {
	p := w.Period()
	end = now.Truncate(p)
	if !end.Equal(now) {
		end = end.Add(p)
	}
	return end.Add(-w.Span()), end
}
