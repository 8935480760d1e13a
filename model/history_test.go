package model

import (
	"math"
	"slices"
	"testing"
	"time"
)

func TestWindowPeriods(t *testing.T) {
	tests := []struct {
		w      Window
		label  string
		period time.Duration
		points int
	}{
		{Window1h, "1h", time.Minute, 60},
		{Window3h, "3h", time.Minute, 180},
		{Window12h, "12h", time.Minute, 720},
		{Window1d, "1d", time.Minute, 1440},
		{Window3d, "3d", 5 * time.Minute, 864},
		{Window1w, "1w", 10 * time.Minute, 1008},
		{Window2w, "2w", 15 * time.Minute, 1344},
	}
	if len(tests) != len(Windows()) {
		t.Fatalf("%d windows, table has %d", len(Windows()), len(tests))
	}
	for _, tt := range tests {
		t.Run(tt.label, func(t *testing.T) {
			w := tt.w
			if w.String() != tt.label || w.Period() != tt.period || w.Points() != tt.points {
				t.Fatalf("%v: period %v, %d points; want %v, %d", w, w.Period(), w.Points(), tt.period, tt.points)
			}
			// CloudWatch's rules: whole minutes (one-minute data is kept
			// 15 days), multiples of 5 minutes past 15 days.
			if w.Period()%time.Minute != 0 || (w.Span() > 15*24*time.Hour && w.Period()%(5*time.Minute) != 0) {
				t.Errorf("%v: period %v not one CloudWatch allows", w, w.Period())
			}
			if w.Points() > MaxPoints || w.Span()%w.Period() != 0 {
				t.Errorf("%v: %d points over %v", w, w.Points(), w.Span())
			}
		})
	}
	if Window2w.Next() != Window1h || Window1h.Next() != Window3h {
		t.Error("windows do not cycle")
	}
}

func TestWindowRangeIsAligned(t *testing.T) {
	now := t0.Add(7*time.Minute + 30*time.Second) // 03:07:30
	start, end := Window3d.Range(now)
	if want := t0.Add(10 * time.Minute); !end.Equal(want) {
		t.Errorf("end %v, want %v (rounded up to 5 minutes)", end, want)
	}
	if end.Sub(start) != 72*time.Hour {
		t.Errorf("span %v", end.Sub(start))
	}
	if _, end := Window1h.Range(t0); !end.Equal(t0) {
		t.Errorf("a whole minute stays: %v", end)
	}
}

func TestMetricStatistics(t *testing.T) {
	var maxes, sums []string
	for m := range MetricCount {
		if m.Stat() == "Sum" {
			sums = append(sums, m.Name())
		} else if m.Stat() == "Maximum" {
			maxes = append(maxes, m.Name())
		}
	}
	wantMax := []string{"ApproximateNumberOfMessagesVisible", "ApproximateNumberOfMessagesNotVisible",
		"ApproximateNumberOfMessagesDelayed", "ApproximateAgeOfOldestMessage"}
	wantSum := []string{"NumberOfMessagesSent", "NumberOfMessagesReceived", "NumberOfMessagesDeleted"}
	if !slices.Equal(maxes, wantMax) || !slices.Equal(sums, wantSum) {
		t.Fatalf("Maximum %v, Sum %v", maxes, sums)
	}
}

// vals renders a line's values, "-" for no data.
func vals(l Line) []float64 {
	out := make([]float64, len(l.Values))
	for i, v := range l.Values {
		if math.IsNaN(v) {
			v = -1
		}
		out[i] = v
	}
	return out
}

func TestLineJoinsHistoryAndPolls(t *testing.T) {
	// 03:00 … 04:00 in minutes; CloudWatch has 03:55 and 03:57, late as
	// it is; the polls of 03:58:30 and 03:59:10 continue the line.
	now := t0.Add(59*time.Minute + 20*time.Second)
	h := NewHistory("orders", Window1h, now)
	h.Set(MetricVisible, t0.Add(55*time.Minute), 10)
	h.Set(MetricVisible, t0.Add(57*time.Minute), 30)
	h.Set(MetricVisible, t0.Add(-time.Minute), 99) // outside: ignored
	s := NewSeries(10)
	s.Push(Point{At: t0.Add(56 * time.Minute), Stats: QueueStats{Visible: 1000}}) // covered by history
	s.Push(Point{At: t0.Add(58*time.Minute + 30*time.Second), Stats: QueueStats{Visible: 35}})
	s.Push(Point{At: t0.Add(59*time.Minute + 10*time.Second), Stats: QueueStats{Visible: 40}})
	l := LineOf(h, MetricVisible, Window1h, s, now)
	got := vals(l)[54:]
	if want := []float64{-1, 10, -1, 30, 35, 40}; !slices.Equal(got, want) {
		t.Fatalf("tail %v, want %v", got, want)
	}
	if l.Live != 58 {
		t.Errorf("live from %d, want 58", l.Live)
	}
	if !l.OK || l.Now != 40 || l.Min != 10 || l.Max != 40 || l.Change != 30 {
		t.Errorf("summary %+v", l)
	}
	// Sums have no polled counts: the history alone.
	if l := LineOf(h, MetricSent, Window1h, s, now); l.OK || l.Live != 60 {
		t.Errorf("sent: %+v", l)
	}
}

func TestLineShiftsAnOlderHistory(t *testing.T) {
	read := t0.Add(30 * time.Second) // window 02:01 … 03:01
	h := NewHistory("q", Window1h, read)
	h.Set(MetricSent, t0, 7)                     // the last period then
	now := t0.Add(2*time.Minute + 5*time.Second) // window 02:03 … 03:03
	l := LineOf(h, MetricSent, Window1h, nil, now)
	if got := vals(l)[57:]; !slices.Equal(got, []float64{7, -1, -1}) {
		t.Fatalf("tail %v", got)
	}
	// The period now is in still counts its events: left out.
	cur := NewHistory("q", Window1h, now)
	cur.Set(MetricSent, t0.Add(time.Minute), 5)
	cur.Set(MetricSent, t0.Add(2*time.Minute), 3) // 03:02, now's minute
	if got := vals(LineOf(cur, MetricSent, Window1h, nil, now)); got[58] != 5 || got[59] != -1 {
		t.Errorf("the last two minutes' sums: %v, want 5 and none", got[58:])
	}
	// Another window's history is not this one's.
	if l := LineOf(h, MetricSent, Window3h, nil, now); l.OK {
		t.Errorf("3h line from a 1h history: %+v", l)
	}
}

// A history read mid-minute has that minute's value so far; a poll taken
// after it in the same minute is what the list shows, and the line's
// "now" must agree with the list.
func TestLinePollWinsInTheHistorysLastPeriod(t *testing.T) {
	now := t0.Add(59*time.Minute + 50*time.Second)
	h := NewHistory("orders", Window1h, t0.Add(59*time.Minute+15*time.Second))
	h.Set(MetricVisible, t0.Add(58*time.Minute), 40)
	h.Set(MetricVisible, t0.Add(59*time.Minute), 44) // read at 03:59:15
	s := NewSeries(10)
	s.Push(Point{At: t0.Add(59*time.Minute + 45*time.Second), Stats: QueueStats{Visible: 53}})
	l := LineOf(h, MetricVisible, Window1h, s, now)
	if l.Now != 53 || l.Live != 59 {
		t.Errorf("now %v from %d, want the poll's 53 from period 59", l.Now, l.Live)
	}
	if got := vals(l)[58]; got != 40 {
		t.Errorf("a period before the last keeps the history's %v, got %v", 40, got)
	}
}
