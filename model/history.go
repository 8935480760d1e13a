package model

import (
	"math"
	"time"
)

// History is one queue's seven metrics over a window, as CloudWatch
// answered: one value per period, NaN where CloudWatch has no data point
// (SQS stops publishing for a queue idle for hours, and the newest minutes
// arrive late).
type History struct {
	Queue  string // queue name: CloudWatch's QueueName dimension
	Window Window
	Start  time.Time // start of the first period
	Values [MetricCount][]float64
}

// NewHistory is an empty history of queue over w ending at now (see
// Window.Range): every value NaN.
func NewHistory(queue string, w Window, now time.Time) *History {
	start, _ := w.Range(now)
	h := &History{Queue: queue, Window: w, Start: start}
	for m := range h.Values {
		h.Values[m] = nanSlice(w.Points())
	}
	return h
}

func nanSlice(n int) []float64 {
	s := make([]float64, n)
	for i := range s {
		s[i] = math.NaN()
	}
	return s
}

// End is the end of the last period.
func (h *History) End() time.Time { return h.Start.Add(h.Window.Span()) }

// Set stores metric m's data point for the period starting at (or
// holding) at; a point outside the window is ignored.
func (h *History) Set(m Metric, at time.Time, v float64) {
	if i, ok := slot(h.Start, h.Window.Period(), len(h.Values[m]), at); ok {
		h.Values[m][i] = v
	}
}

func slot(start time.Time, p time.Duration, n int, at time.Time) (int, bool) {
	if at.Before(start) {
		return 0, false
	}
	i := int(at.Sub(start) / p)
	return i, i < n
}

// Line is one metric over a window ending now, ready to draw: the
// history's periods, then the polled counts of the periods CloudWatch has
// not reported yet, so the picture runs from the past to now.
type Line struct {
	Values []float64 // one per period, oldest first; NaN: no data
	Live   int       // index of the first value from polled counts; len(Values) when none
	// The numbers beside the sparkline, over the values that are not NaN;
	// OK is false when there are none.
	Now, Min, Max, Change float64
	OK                    bool
}

// LineOf is metric m over w ending at now, from h (nil while the history
// is loading or unavailable) and, for the levels the SQS API also reports,
// the polled series s (nil when none). A history read a minute ago is
// shifted to the window's current place; polled samples fill the periods
// from its last data point on, the newest sample of a period winning (a
// level, not a sum: the latest count is the truth). A sum of the period
// now is in is left out: it is still counting, and would read as a drop.
func LineOf(h *History, m Metric, w Window, s *Series, now time.Time) Line {
	start, end := w.Range(now)
	p := w.Period()
	n := w.Points()
	vals := nanSlice(n)
	last := -1 // the last period with a value from history
	if h != nil && h.Window == w {
		upto := n
		if m.Summed() && !end.Equal(now) {
			upto = n - 1
		}
		for i := range vals[:upto] {
			j, ok := slot(h.Start, p, len(h.Values[m]), start.Add(time.Duration(i)*p))
			if ok && !math.IsNaN(h.Values[m][j]) {
				vals[i], last = h.Values[m][j], i
			}
		}
	}
	live := n
	if s != nil && m.Polled() {
		for k := range s.Len() {
			pt := s.At(k)
			i, ok := slot(start, p, n, pt.At)
			// The history's last period may still be running (CloudWatch
			// and localsqs report the current minute): a sample taken in
			// it is newer than what the history read, and the list
			// beside the pane shows that sample, so it wins there.
			if !ok || i < last {
				continue
			}
			vals[i] = float64(m.FromStats(pt.Stats))
			live = min(live, i)
		}
	}
	l := Line{Values: vals, Live: live}
	l.summarize()
	return l
}

// summarize computes the numbers beside the line.
func (l *Line) summarize() {
	first := math.NaN()
	for _, v := range l.Values {
		if math.IsNaN(v) {
			continue
		}
		if !l.OK {
			first, l.Min, l.Max, l.OK = v, v, v, true
		}
		l.Min, l.Max, l.Now = min(l.Min, v), max(l.Max, v), v
	}
	if l.OK {
		l.Change = l.Now - first
	}
}

// Age is a queue's ApproximateAgeOfOldestMessage as CloudWatch last
// reported it.
type Age struct {
	Oldest time.Duration
	At     time.Time // the data point's period
}

// Ages are the ages of the oldest message known, by queue name.
type Ages map[string]Age
