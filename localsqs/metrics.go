package localsqs

import (
	"sort"
	"time"
)

// Per-queue, per-minute statistics: what CloudWatch's AWS/SQS namespace
// would hold for the queue, answered by GetMetricData (cloudwatch.go).
//
// Counters (sent, received, deleted, empty receives) are sums per minute.
// Gauges (the three depths and the age of the oldest message) are sampled
// on every operation on the queue, under the lock it already holds, and
// keep min, max, sum and count per minute, so every CloudWatch statistic
// can be answered. Recording is a few additions on a cached bucket: the hot
// path pays no allocation except once per queue-hour.

// metric is one of the AWS/SQS metrics localsqs records.
type metric uint8

const (
	mSent metric = iota
	mReceived
	mDeleted
	mEmpty
	mVisible
	mNotVisible
	mDelayed
	mAge
	numMetrics
)

// numCounters counts the metrics before mVisible, which are sums; the rest
// are gauges.
const numCounters = int(mVisible)

var metricNames = [numMetrics]string{
	"NumberOfMessagesSent", "NumberOfMessagesReceived", "NumberOfMessagesDeleted", "NumberOfEmptyReceives",
	"ApproximateNumberOfMessagesVisible", "ApproximateNumberOfMessagesNotVisible",
	"ApproximateNumberOfMessagesDelayed", "ApproximateAgeOfOldestMessage",
}

func metricByName(name string) (metric, bool) {
	for i, n := range metricNames {
		if n == name {
			return metric(i), true
		}
	}
	return 0, false
}

func (k metric) unit() string {
	if k == mAge {
		return "Seconds"
	}
	return "Count"
}

// defaultMetricsRetention is how much history a queue keeps when
// Options.MetricsRetention is zero: the UI's longest window (two weeks)
// plus the hour being filled. CloudWatch keeps one-minute data 15 days,
// the most Options.MetricsRetention allows.
const (
	defaultMetricsRetention = 14*24*time.Hour + time.Hour
	maxMetricsRetention     = 15 * 24 * time.Hour
)

// gauge is one gauge's samples within a minute.
type gauge struct{ min, max, sum, last float64 }

// minuteStats is one queue-minute. seen marks a minute that recorded
// anything; minutes that did not are filled in when read (see series).
type minuteStats struct {
	counts  [numCounters]float64
	gauges  [numMetrics - mVisible]gauge
	samples uint32
	seen    bool
}

func (m *minuteStats) sample(v [numMetrics - mVisible]float64) {
	for i, x := range v {
		g := &m.gauges[i]
		if m.samples == 0 || x < g.min {
			g.min = x
		}
		if m.samples == 0 || x > g.max {
			g.max = x
		}
		g.sum += x
		g.last = x
	}
	m.samples++
	m.seen = true
}

// statsChunk is one hour of minutes, allocated when first written, so an
// idle queue costs nothing.
type statsChunk struct {
	hour int64 // minutes since the epoch / 60
	m    [60]minuteStats
}

// queueStats is a queue's history, guarded by the queue's mutex. Chunks are
// sorted by hour; those older than keepHours behind the newest are
// dropped. That bounds memory per queue, but not low: an hour's chunk is
// 60 minuteStats (10,088 bytes by unsafe.Sizeof; not measured in use), so
// a queue touched every hour for the default 14 days holds about 3.6 MB —
// fine for the demo's dozen queues, much for a long-running server with
// thousands.
type queueStats struct {
	chunks    []*statsChunk
	keepHours int64
	now       time.Time // the current operation's time, set by queue.tick

	cur    *minuteStats // cache: the bucket of curMin
	curMin int64
}

func minuteOf(t time.Time) int64 { return floorDiv(t.Unix(), 60) }

func floorDiv(a, b int64) int64 {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}

// setRetention bounds the history; d <= 0 means the default.
func (st *queueStats) setRetention(d time.Duration) {
	if d <= 0 {
		d = defaultMetricsRetention
	}
	d = min(d, maxMetricsRetention)
	st.keepHours = max(1, int64((d+time.Hour-1)/time.Hour))
}

// bucket returns the minute's stats, creating its chunk, or nil when the
// minute is older than what is kept.
func (st *queueStats) bucket(minute int64) *minuteStats {
	if st.cur != nil && minute == st.curMin {
		return st.cur
	}
	hour := floorDiv(minute, 60)
	c := st.chunk(hour, true)
	if c == nil {
		return nil
	}
	m := &c.m[minute-hour*60]
	if st.cur == nil || minute > st.curMin {
		st.cur, st.curMin = m, minute
	}
	return m
}

// chunk finds the hour's chunk, creating it when create is set. Creating
// a newer hour drops the hours that fall out of retention.
func (st *queueStats) chunk(hour int64, create bool) *statsChunk {
	n := len(st.chunks)
	if n > 0 && st.chunks[n-1].hour == hour {
		return st.chunks[n-1]
	}
	i := sort.Search(n, func(i int) bool { return st.chunks[i].hour >= hour })
	if i < n && st.chunks[i].hour == hour {
		return st.chunks[i]
	}
	if !create {
		return nil
	}
	if st.keepHours == 0 {
		st.setRetention(0)
	}
	if n > 0 && hour <= st.chunks[n-1].hour-st.keepHours {
		return nil
	}
	c := &statsChunk{hour: hour}
	st.chunks = append(st.chunks, nil)
	copy(st.chunks[i+1:], st.chunks[i:])
	st.chunks[i] = c
	if i == n {
		st.expire(hour)
	}
	return c
}

// expire drops chunks too old to keep once newest is the latest hour.
func (st *queueStats) expire(newest int64) {
	drop := 0
	for drop < len(st.chunks) && st.chunks[drop].hour <= newest-st.keepHours {
		drop++
	}
	if drop == 0 {
		return
	}
	clear(st.chunks[:drop])
	st.chunks = st.chunks[drop:]
	if st.cur != nil && floorDiv(st.curMin, 60) <= newest-st.keepHours {
		st.cur = nil
	}
}

// observe samples q's gauges at the current operation's time. Caller holds
// q.mu, after q.tick.
func (q *queue) observe() {
	now := q.stats.now
	if now.IsZero() {
		return
	}
	m := q.stats.bucket(minuteOf(now))
	if m == nil {
		return
	}
	age := 0.0
	if o := q.expiry.peek(); o != nil {
		// Whole seconds, as CloudWatch reports it; the oldest message by
		// retention start, which a dead-lettered copy keeps from its
		// source, as SQS's metric does.
		age = max(0, float64(now.Sub(o.retainFrom)/time.Second))
	}
	m.sample([numMetrics - mVisible]float64{float64(q.nVisible), float64(q.nInflight), float64(q.nDelayed), age})
}

// count adds n to counter k in the current operation's minute. Caller
// holds q.mu, after q.tick; an operation that changed the depths also
// calls observe (queue.add does).
func (q *queue) count(k metric, n int) {
	if q.stats.now.IsZero() {
		return
	}
	if m := q.stats.bucket(minuteOf(q.stats.now)); m != nil {
		m.counts[k] += float64(n)
		m.seen = true
	}
}

// countReceive records a receive that returned n messages. A receive that
// returned none counts as an empty receive only when it is over (a long
// poll that goes on waiting is not yet one). Caller holds q.mu, after tick.
func (q *queue) countReceive(n int, willWait bool) {
	switch {
	case n > 0:
		q.count(mReceived, n)
		q.observe()
	case !willWait:
		q.count(mEmpty, 1)
	}
}

// countDelete records a delete with a valid handle, as SQS counts them
// (even when the message was already gone). Caller holds q.mu, after tick.
func (q *queue) countDelete() {
	q.count(mDeleted, 1)
	q.observe()
}
