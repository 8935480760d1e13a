package localsqs

import "math"

// statistic is a CloudWatch statistic localsqs can compute from minutes.
type statistic uint8

const (
	statSum statistic = iota
	statMaximum
	statMinimum
	statAverage
	statSampleCount
)

var statisticNames = map[string]statistic{
	"Sum": statSum, "Maximum": statMaximum, "Minimum": statMinimum,
	"Average": statAverage, "SampleCount": statSampleCount,
}

// agg accumulates one period's samples.
type agg struct {
	min, max, sum, n float64
}

func (a *agg) add(min, max, sum, n float64) {
	if n == 0 {
		return
	}
	if a.n == 0 || min < a.min {
		a.min = min
	}
	if a.n == 0 || max > a.max {
		a.max = max
	}
	a.sum += sum
	a.n += n
}

func (a *agg) value(s statistic) float64 {
	switch s {
	case statMaximum:
		return a.max
	case statMinimum:
		return a.min
	case statAverage:
		return a.sum / a.n
	case statSampleCount:
		return a.n
	}
	return a.sum
}

// point is one datapoint: the start of its period (minutes since the
// epoch) and the statistic's value.
type point struct {
	minute int64
	value  float64
}

// series computes statistic s of metric k over the minutes [from, to) in
// periods of step minutes starting at from, oldest first. Only minutes
// from the first one recorded up to now count: a queue has no data before
// it was first used, and none in the future.
//
// Minutes that recorded nothing are filled as SQS reports an active queue:
// a counter is 0 that minute, and a gauge repeats its last sample (nothing
// changes a queue's depth without an operation, which would have sampled
// it). A counter minute is one sample whose value is the minute's sum, as
// SQS publishes once a minute; a gauge minute holds every sample taken.
// Caller holds the queue's lock.
func (st *queueStats) series(k metric, s statistic, from, to, step, now int64) []point {
	if len(st.chunks) == 0 || step <= 0 {
		return nil
	}
	first := st.firstSeen()
	to = min(to, now+1)
	start := max(from, first)
	if start >= to {
		return nil
	}
	gi := int(k) - numCounters
	var last *minuteStats // the latest minute with samples, for filling
	lastMin := int64(0)
	if gi >= 0 {
		last, lastMin = st.lastSampledBefore(start)
	}
	var out []point
	var a agg
	period := floorDiv(start-from, step)
	flush := func() {
		if a.n > 0 {
			out = append(out, point{minute: from + period*step, value: a.value(s)})
		}
		a = agg{}
	}
	var c *statsChunk
	for mi := start; mi < to; mi++ {
		if p := floorDiv(mi-from, step); p != period {
			flush()
			period = p
		}
		hour := floorDiv(mi, 60)
		if c == nil || c.hour != hour {
			c = st.chunk(hour, false)
		}
		var m *minuteStats
		if c != nil {
			m = &c.m[mi-hour*60]
		}
		switch {
		case gi < 0:
			v := 0.0
			if m != nil {
				v = m.counts[k]
			}
			a.add(v, v, v, 1)
		case m != nil && m.samples > 0:
			g := m.gauges[gi]
			a.add(g.min, g.max, g.sum, float64(m.samples))
			last, lastMin = m, mi
		case last != nil:
			v := filled(last, gi, mi-lastMin)
			a.add(v, v, v, 1)
		}
	}
	flush()
	return out
}

// firstSeen is the earliest minute that recorded anything, or MaxInt64.
func (st *queueStats) firstSeen() int64 {
	for _, c := range st.chunks {
		for i := range c.m {
			if c.m[i].seen {
				return c.hour*60 + int64(i)
			}
		}
	}
	return math.MaxInt64
}

// filled is gauge gi in a minute that recorded nothing, gap minutes after
// last: the depths stay as they were, and the oldest message, if the queue
// held any, has aged by the gap.
func filled(last *minuteStats, gi int, gap int64) float64 {
	v := last.gauges[gi].last
	if metric(gi+numCounters) == mAge {
		held := last.gauges[mVisible-mVisible].last + last.gauges[mNotVisible-mVisible].last + last.gauges[mDelayed-mVisible].last
		if held > 0 {
			v += float64(60 * gap)
		}
	}
	return v
}

// lastSampledBefore finds the latest minute before minute with samples.
func (st *queueStats) lastSampledBefore(minute int64) (*minuteStats, int64) {
	for ci := len(st.chunks) - 1; ci >= 0; ci-- {
		c := st.chunks[ci]
		if c.hour*60 >= minute {
			continue
		}
		for i := min(59, int(minute-1-c.hour*60)); i >= 0; i-- {
			if m := &c.m[i]; m.samples > 0 {
				return m, c.hour*60 + int64(i)
			}
		}
	}
	return nil, 0
}
