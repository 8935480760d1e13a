package demo

import (
	"math"
)

// A queue's day, minute by minute, simulated rather than drawn, so the
// eight CloudWatch metrics agree with one another: what was sent and not
// received is visible, received minus failed is deleted, and the age of
// the oldest message is read off the simulated queue itself.

// storyMinutes is how much history the scenario back-fills: a day.
const storyMinutes = 24 * 60

// day is one queue's simulated metrics, one value per minute.
type day struct {
	sent, received, deleted, empty []float64
	visible, inflight, delayed     []float64
	age                            []float64
}

func newDay() *day {
	mk := func() []float64 { return make([]float64, storyMinutes) }
	return &day{mk(), mk(), mk(), mk(), mk(), mk(), mk(), mk()}
}

// series names each metric as CloudWatch does.
func (d *day) series() map[string][]float64 {
	return map[string][]float64{
		"NumberOfMessagesSent": d.sent, "NumberOfMessagesReceived": d.received,
		"NumberOfMessagesDeleted": d.deleted, "NumberOfEmptyReceives": d.empty,
		"ApproximateNumberOfMessagesVisible": d.visible, "ApproximateNumberOfMessagesNotVisible": d.inflight,
		"ApproximateNumberOfMessagesDelayed": d.delayed, "ApproximateAgeOfOldestMessage": d.age,
	}
}

// cohort is the messages sent in one minute and still in the queue.
type cohort struct {
	minute int
	n      float64
}

// backlog is a queue's messages as cohorts, oldest first: consumers take
// the oldest, so the front cohort's minute gives the oldest message's age.
type backlog struct{ cohorts []cohort }

func (b *backlog) push(minute int, n float64) {
	if n > 0 {
		b.cohorts = append(b.cohorts, cohort{minute, n})
	}
}

func (b *backlog) pop(n float64) {
	for n > 0 && len(b.cohorts) > 0 {
		c := &b.cohorts[0]
		take := math.Min(n, c.n)
		c.n -= take
		n -= take
		if c.n <= 0 {
			b.cohorts = b.cohorts[1:]
		}
	}
}

func (b *backlog) depth() float64 {
	total := 0.0
	for _, c := range b.cohorts {
		total += c.n
	}
	return total
}

// age is the oldest message's age in seconds at the end of minute now.
func (b *backlog) age(now int) float64 {
	if len(b.cohorts) == 0 {
		return 0
	}
	return float64(60*(now-b.cohorts[0].minute) + 30)
}

// worker describes a consumed queue's day.
type worker struct {
	peak     float64        // messages sent per minute at the daily peak
	target   float64        // depth the consumers steer toward
	final    float64        // visible depth at the end (what Seed leaves)
	capacity float64        // most the consumers take per minute, times peak
	down     func(int) bool // minutes the consumers are not running
	poison   []float64      // per minute: messages that fail into the DLQ
	maxRecv  float64        // receives a poison message takes before moving
	polls    float64        // empty receives per idle minute (long polls)
}

// wave is the daily traffic shape: the live rate at the end of the day,
// a fifth of it twelve hours earlier.
func wave(i int) float64 {
	return 0.6 + 0.4*math.Cos(2*math.Pi*float64(i-(storyMinutes-1))/storyMinutes)
}

// simulate runs w's day with noise from g.
func (w worker) simulate(g *gen) *day {
	d := newDay()
	var q backlog
	q.push(-1, w.target)
	for i := range storyMinutes {
		sent := math.Max(0, math.Round(w.peak*wave(i)*(1+0.08*g.r.NormFloat64())))
		poison := 0.0
		if w.poison != nil {
			poison = w.poison[i]
		}
		q.push(i, sent)
		depth := q.depth()
		// Consumers keep pace with a little jitter and steer the depth back
		// toward target, so it wanders the way a real one does.
		want := sent*(1+0.06*g.r.NormFloat64()) + 0.3*(depth-sent-w.target)
		limit := w.capacity * w.peak
		if w.down != nil && w.down(i) {
			limit = 0
		}
		consumed := math.Round(math.Max(0, math.Min(math.Min(want, limit), depth-poison)))
		if i == storyMinutes-1 {
			// End where Seed leaves the queue.
			consumed = math.Max(0, depth-poison-w.final)
		}
		q.pop(consumed + poison)
		d.sent[i] = sent
		d.received[i] = consumed + w.maxRecv*poison
		d.deleted[i] = consumed
		d.visible[i] = math.Round(q.depth())
		d.inflight[i] = math.Round(d.received[i] / 120) // held for one tick of 0.5 s
		d.age[i] = q.age(i)
		if d.visible[i] == 0 {
			d.empty[i] = math.Max(0, w.polls-d.received[i])
		}
	}
	return d
}

// deadLetters is a DLQ's day: arrivals[i] messages moved in at minute i,
// nothing consumed.
func deadLetters(arrivals []float64) *day {
	d := newDay()
	var q backlog
	for i, n := range arrivals {
		q.push(i, n)
		d.visible[i] = q.depth()
		d.age[i] = q.age(i)
	}
	return d
}

// spread places n arrivals at random minutes within the last window
// minutes of the day, the first of them exactly window minutes ago.
func spread(g *gen, n, window int) []float64 {
	out := make([]float64, storyMinutes)
	if n == 0 {
		return out
	}
	out[storyMinutes-window]++
	for range n - 1 {
		out[storyMinutes-window+g.pick(window)]++
	}
	return out
}
