package localsqs

import (
	"fmt"
	"math"
	"time"
)

// Back-filling history, for the demo: a server that has just started has
// recorded nothing, yet `sqscope --demo` should show a day of CloudWatch
// history at first sight. These two calls let a scenario write that day
// and make its seeded messages as old as its story says. They are Go
// methods, not wire operations: CloudWatch's PutMetricData refuses AWS/
// namespaces, and no SQS call backdates a message.

// BackfillMetrics writes a queue's AWS/SQS history: for each metric name,
// one value per minute for the minutes just before the current one on the
// server's clock, oldest first (the last value is the previous minute);
// every series has the same length. Counters (NumberOfMessagesSent, …) add
// the value to the minute's sum; the gauges (the three depths and
// ApproximateAgeOfOldestMessage) are recorded together as one sample per
// minute, a gauge without a series as 0. NaN is no data: a counter skips
// that minute, and a NaN gauge leaves the minute without a sample. Minutes
// older than the retention are dropped.
func (s *Server) BackfillMetrics(queue string, series map[string][]float64) error {
	n := -1
	var cols [numMetrics][]float64
	for name, vs := range series {
		k, ok := metricByName(name)
		if !ok {
			return fmt.Errorf("localsqs: %q is not an AWS/SQS metric localsqs records", name)
		}
		if n >= 0 && len(vs) != n {
			return fmt.Errorf("localsqs: backfill %s: %d minutes, other metrics have %d", name, len(vs), n)
		}
		n, cols[k] = len(vs), vs
	}
	q := s.queueByName(queue)
	if q == nil {
		return fmt.Errorf("localsqs: backfill: queue %q does not exist", queue)
	}
	first := minuteOf(s.now()) - int64(n)
	q.mu.Lock()
	defer q.mu.Unlock()
	for i := range max(n, 0) {
		m := q.stats.bucket(first + int64(i))
		if m == nil {
			continue
		}
		var gauges [numMetrics - mVisible]float64
		sampled := true
		for k, col := range cols {
			switch {
			case col == nil:
			case k < numCounters && !math.IsNaN(col[i]):
				m.counts[k] += col[i]
				m.seen = true
			case k >= numCounters:
				gauges[k-numCounters] = col[i]
				sampled = sampled && !math.IsNaN(col[i])
			}
		}
		if sampled {
			m.sample(gauges)
		}
	}
	return nil
}

// BackdateMessages makes every message in queue look sent d earlier
// (SentTimestamp, retention start, and so ApproximateAgeOfOldestMessage),
// as if the scenario had seeded it then. A message whose retention ends in
// the past by then expires on the queue's next operation, as it would have.
func (s *Server) BackdateMessages(queue string, d time.Duration) error {
	q := s.queueByName(queue)
	if q == nil {
		return fmt.Errorf("localsqs: backdate: queue %q does not exist", queue)
	}
	q.mu.Lock()
	defer q.mu.Unlock()
	// The same shift for all keeps the expiry heap in order.
	for _, m := range q.msgs {
		m.sentAt = m.sentAt.Add(-d)
		m.retainFrom = m.retainFrom.Add(-d)
	}
	return nil
}
