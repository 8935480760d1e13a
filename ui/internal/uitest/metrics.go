package uitest

import (
	"context"
	"math"
	"slices"
	"sync"
	"time"

	"github.com/sqscope/sqscope/model"
)

// Metrics is an in-memory awsclient.Metrics for UI tests: a fixed history
// per queue (a backlog that builds and drains, computed from the window,
// so goldens are stable), the ages of DatasetAges, and a record of every
// call. Hold Mu to change it while a Cmd may run.
type Metrics struct {
	Mu        sync.Mutex
	Err       error      // what every call fails with
	Ages      model.Ages // what OldestAges answers; nil: DatasetAges
	Idle      []string   // queues without any data point
	Histories []HistoryCall
	AgeAsks   [][]string // the names of every OldestAges call
}

// HistoryCall is one recorded History call.
type HistoryCall struct {
	Queue  string
	Window model.Window
	Now    time.Time
}

// DatasetAges are the ages of Dataset's queues: orders-dlq and the
// notifications queue are past an hour; payments-dlq.fifo and shared-dlq
// have no data point.
func DatasetAges(now time.Time) model.Ages {
	at := now.Truncate(time.Minute).Add(-time.Minute)
	return model.Ages{
		"orders":        {Oldest: 4 * time.Minute, At: at},
		"orders-dlq":    {Oldest: 3*time.Hour + 12*time.Minute, At: at},
		"payments.fifo": {Oldest: 45 * time.Second, At: at},
		"billing":       {Oldest: 2 * time.Minute, At: at},
		"shipping":      {Oldest: 0, At: at},
		"audit-log":     {Oldest: 20 * time.Second, At: at},
		"notifications-service-production-eu-west-1-high-priority": {Oldest: 50 * time.Hour, At: at},
	}
}

// History answers the story for any queue but the idle ones: CloudWatch
// has every period but the current one (it reports late).
func (f *Metrics) History(_ context.Context, queue string, w model.Window, now time.Time) (*model.History, error) {
	f.Mu.Lock()
	defer f.Mu.Unlock()
	f.Histories = append(f.Histories, HistoryCall{Queue: queue, Window: w, Now: now})
	if f.Err != nil {
		return nil, f.Err
	}
	h := model.NewHistory(queue, w, now)
	if slices.Contains(f.Idle, queue) {
		return h, nil
	}
	n := w.Points()
	for i := range n - 1 {
		at := h.Start.Add(time.Duration(i) * w.Period())
		for m, v := range Story(i, n) {
			h.Set(model.Metric(m), at, v)
		}
	}
	return h, nil
}

// Story is the seven metrics of period i of n: a quiet queue until 60%
// of the window, then a backlog that builds to 1,220 (Dataset's orders
// has 1,200 and more) with its oldest message ageing; steady traffic with
// a rhythm, deletes falling behind.
func Story(i, n int) [model.MetricCount]float64 {
	x := float64(i) / float64(max(n-1, 1))
	build := math.Max(0, (x-0.6)/0.4)
	var v [model.MetricCount]float64
	v[model.MetricVisible] = math.Round(20 + 1200*build)
	v[model.MetricInFlight] = float64(30 + 10*(i%5))
	v[model.MetricDelayed] = float64(2 * (i % 2))
	v[model.MetricOldestAge] = math.Round(30 + 1500*build)
	v[model.MetricSent] = float64(50 + 10*(i%7))
	v[model.MetricReceived] = float64(45 + 8*(i%5))
	v[model.MetricDeleted] = math.Round(float64(45+8*(i%5)) * (1 - 0.5*build))
	return v
}

// OldestAges answers Ages (or DatasetAges) for the names it knows.
func (f *Metrics) OldestAges(_ context.Context, queues []string, now time.Time) (model.Ages, error) {
	f.Mu.Lock()
	defer f.Mu.Unlock()
	f.AgeAsks = append(f.AgeAsks, slices.Clone(queues))
	if f.Err != nil {
		return nil, f.Err
	}
	all := f.Ages
	if all == nil {
		all = DatasetAges(now)
	}
	out := model.Ages{}
	for _, q := range queues {
		if a, ok := all[q]; ok {
			out[q] = a
		}
	}
	return out, nil
}

// Calls is how many History and OldestAges calls were made, and how many
// metrics they asked for in all (what CloudWatch bills).
func (f *Metrics) Calls() (history, ages, metrics int) {
	f.Mu.Lock()
	defer f.Mu.Unlock()
	metrics = len(f.Histories) * int(model.MetricCount)
	for _, a := range f.AgeAsks {
		metrics += len(a)
	}
	return len(f.Histories), len(f.AgeAsks), metrics
}
