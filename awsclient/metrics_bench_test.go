package awsclient

import (
	"context"
	"testing"
	"time"
)

// BenchmarkOldestAges2000 times reading the age column of 2,000 queues
// from a CloudWatch endpoint with 20 ms of latency on every call (the fake
// of cwfake_test.go): MaxQueriesPerCall queues per GetMetricData call, a
// few calls at once.
//
//	go test ./awsclient/ -run '^$' -bench OldestAges2000 -benchtime=20x
//
// Metrics: calls/fetch is GetMetricData calls per reading of the column
// (goal: ceil(2,000/500) = 4); metrics/fetch is what CloudWatch bills
// (2,000, about $0.02); ms/fetch is the wall time (goal: about one call's
// latency, since the calls overlap).
func BenchmarkOldestAges2000(b *testing.B) {
	const n = 2000
	f, url := newFakeCloudWatch(b)
	f.latency = 20 * time.Millisecond
	f.answer = func(fakeQuery) ([]time.Time, []float64) {
		return []time.Time{cwNow.Add(-time.Minute)}, []float64{90}
	}
	c := testCloudWatch(url, Config{})
	names := queueNames(n)
	start := time.Now()
	for b.Loop() {
		ages, err := c.OldestAges(context.Background(), names, cwNow)
		if err != nil || len(ages) != n {
			b.Fatalf("%d ages, err %v", len(ages), err)
		}
	}
	calls, queries := f.counts()
	metrics := 0
	for _, q := range queries {
		metrics += q
	}
	b.ReportMetric(float64(calls)/float64(b.N), "calls/fetch")
	b.ReportMetric(float64(metrics)/float64(b.N), "metrics/fetch")
	b.ReportMetric(float64(time.Since(start).Milliseconds())/float64(b.N), "ms/fetch")
}
