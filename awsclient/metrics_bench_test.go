package awsclient

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/sqscope/sqscope/localsqs"
)

// BenchmarkOldestAges2000 times reading the age column of 2,000 queues
// through localsqs's CloudWatch endpoint with 20 ms of latency on every
// call (the harness of BenchmarkQueues2000), every GetMetricData counted
// on the wire: MaxQueriesPerCall queues per call, a few calls at once.
//
//	go test ./awsclient/ -run '^$' -bench OldestAges2000 -benchtime=20x
//
// Metrics: calls/fetch is GetMetricData calls per reading of the column
// (goal: ceil(2,000/500) = 4, where one query per queue would be 2,000);
// metrics/fetch is what CloudWatch bills (2,000, about $0.02); ms/fetch is
// the wall time (goal: near one call's latency, since the calls overlap).
func BenchmarkOldestAges2000(b *testing.B) {
	const (
		n       = 2000
		latency = 20 * time.Millisecond
	)
	srv := localsqs.New(localsqs.Options{Latency: latency})
	b.Cleanup(srv.Close)
	var calls atomic.Int64
	hs := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, "/operation/GetMetricData") {
			calls.Add(1)
		}
		srv.ServeHTTP(w, r)
	}))
	b.Cleanup(hs.Close)
	if err := seedQueues(hs.URL, n); err != nil {
		b.Fatalf("setup: %v", err)
	}
	names := make([]string, n)
	for i := range names {
		names[i] = benchQueueName(i)
	}
	c := NewStatic(hs.URL, "us-east-1", Config{}).CloudWatch()
	calls.Store(0)
	start := time.Now()
	for b.Loop() {
		ages, err := c.OldestAges(context.Background(), names, time.Now())
		// seedQueues sent a message to two queues of three: those have
		// an age; the others were created and left alone.
		if err != nil || len(ages) < n/2 {
			b.Fatalf("%d ages, err %v", len(ages), err)
		}
	}
	b.ReportMetric(float64(calls.Load())/float64(b.N), "calls/fetch")
	b.ReportMetric(float64(n), "metrics/fetch")
	b.ReportMetric(float64(time.Since(start).Milliseconds())/float64(b.N), "ms/fetch")
}

// benchQueueName is the name seedQueues gives queue i.
func benchQueueName(i int) string { return fmt.Sprintf("bench-%04d", i) }
