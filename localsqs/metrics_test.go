package localsqs

import (
	"testing"
	"time"
)

// One sample a minute for 20 days keeps only the retention's hours: memory
// per queue is bounded whatever the uptime.
func TestStatsRetentionBoundsMemory(t *testing.T) {
	var st queueStats
	st.setRetention(0)
	start := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	for m := range 20 * 24 * 60 {
		if b := st.bucket(minuteOf(start.Add(time.Duration(m) * time.Minute))); b != nil {
			b.counts[mSent]++
			b.seen = true
		}
	}
	if got, want := int64(len(st.chunks)), st.keepHours; got != want || want != 14*24+1 {
		t.Fatalf("%d hour chunks kept, want %d (two weeks and an hour)", got, want)
	}
	// A minute older than the retention is not recorded (back-fill).
	if st.bucket(minuteOf(start)) != nil {
		t.Fatal("a minute 20 days old was accepted")
	}
	st.setRetention(100 * 24 * time.Hour)
	if st.keepHours != 15*24 {
		t.Fatalf("retention capped at %d hours, want 15 days", st.keepHours)
	}
}

// An idle queue allocates nothing.
func TestStatsIdleQueueCostsNothing(t *testing.T) {
	q := newQueue("q", "arn", "/0/q", defaultConfig(false), time.Now())
	if len(q.stats.chunks) != 0 {
		t.Fatal("a new queue has history")
	}
	if got := q.stats.series(mSent, statSum, 0, 1<<30, 1, 1<<30); got != nil {
		t.Fatalf("series of an idle queue = %v", got)
	}
}

// BenchmarkRecord is what every operation adds: the tick's sample, a
// counter and the sample after it, on a standard queue.
func BenchmarkRecord(b *testing.B) {
	q := newQueue("q", "arn", "/0/q", defaultConfig(false), time.Now())
	now := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		q.stats.now = now.Add(time.Duration(i) * time.Millisecond)
		q.observe()
		q.count(mSent, 1)
		q.observe()
	}
}
