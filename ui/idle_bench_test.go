package ui

import (
	"testing"
	"time"
)

// BenchmarkIdleCalls2000 counts the SQS calls of one idle minute at 2,000
// queues (the real awsclient against localsqs, every request counted on
// the wire, 120×36, a fake clock ticking every --refresh 3s): "before" is
// the schedule sqscope had, every queue on every tick (--refresh-all equal
// to --refresh); "after" is the defaults, the rows on screen every tick
// and every queue once a minute. One minute per iteration:
//
//	go test ./ui -run '^$' -bench IdleCalls2000 -benchtime=1x
//
// Metrics: calls/min (goal ≤ 3,000), GetQueueAttributes/min and
// ListQueues/min, and USD/day at $0.40 per million requests.
func BenchmarkIdleCalls2000(b *testing.B) {
	for _, mode := range []struct {
		name string
		all  time.Duration
	}{
		{"before", 3 * time.Second},
		{"after", 0}, // DefaultRefreshAll
	} {
		b.Run(mode.name, func(b *testing.B) {
			x := newIdleFixture(b, 2000, Options{Refresh: 3 * time.Second, RefreshAll: mode.all})
			x.calls.take()
			minutes := 0
			for b.Loop() {
				for range time.Minute / x.every {
					x.tick()
				}
				minutes++
			}
			calls := x.calls.take()
			per := func(n int) float64 { return float64(n) / float64(minutes) }
			b.ReportMetric(per(total(calls)), "calls/min")
			b.ReportMetric(per(calls["GetQueueAttributes"]), "GetQueueAttributes/min")
			b.ReportMetric(per(calls["ListQueues"]), "ListQueues/min")
			b.ReportMetric(per(total(calls))*60*24*0.40/1e6, "USD/day")
		})
	}
}
