package model

import "time"

// Catalog is the queues of the latest refresh and what the UI derives
// from them: each queue by ARN, the DLQ graph, and each queue's depth
// history across refreshes. The root of the UI owns the one Catalog and
// replaces its queues on every refresh; panes only read it.
type Catalog struct {
	// Queues is the latest refresh, in the order the endpoint listed them.
	Queues []Queue
	// ByARN finds a queue of Queues by its ARN (queues without one are
	// left out).
	ByARN map[string]Queue
	// Graph links source queues and their dead-letter queues.
	Graph DLQGraph
	// Series is each queue's depth history, by queue URL.
	Series map[string]*Series

	history int // samples kept per series
}

// NewCatalog is an empty catalog that keeps history samples of each
// queue's depth.
func NewCatalog(history int) *Catalog {
	return &Catalog{ByARN: map[string]Queue{}, Graph: BuildDLQGraph(nil), Series: map[string]*Series{}, history: history}
}

// Update replaces the queues with those of a refresh, adding each queue's
// depth to its history (at when the queue has no time of its own). Queues
// that are gone drop out of the history here, so it never outgrows the
// list; a queue whose attributes could not be read keeps its history but
// adds no sample.
func (c *Catalog) Update(qs []Queue, at time.Time) {
	old := c.byURL()
	series := make(map[string]*Series, len(qs))
	qs = append(make([]Queue, 0, len(qs)), qs...)
	for i := range qs {
		if prev, ok := old[qs[i].URL]; ok {
			keepIdentity(&qs[i], c.Queues[prev])
		}
		series[qs[i].URL] = c.sample(qs[i], at)
	}
	c.Queues, c.Series = qs, series
	c.reindex()
}

// Merge puts the rows of a partial refresh (the attributes of some queues
// read again) in place of their older rows, adding each one's depth to its
// history. A queue the catalog does not hold is left out: only a listing
// (Update) adds queues, or removes them. The slice is replaced, not
// written to, so whoever holds the old one keeps what it read.
func (c *Catalog) Merge(qs []Queue, at time.Time) {
	old := c.byURL()
	next := append(make([]Queue, 0, len(c.Queues)), c.Queues...)
	for _, q := range qs {
		i, ok := old[q.URL]
		if !ok {
			continue
		}
		keepIdentity(&q, next[i])
		next[i] = q
		c.Series[q.URL] = c.sample(q, at)
	}
	c.Queues = next
	c.reindex()
}

// keepIdentity gives a row whose attributes could not be read (and so has
// no ARN) the ARN, type and redrive policy its queue had: those do not
// change with a throttled call, and without them the queue would drop out
// of the DLQ graph until it is read again — a slow refresh away.
func keepIdentity(q *Queue, prev Queue) {
	if q.Err == nil || q.ARN != "" || prev.ARN == "" {
		return
	}
	q.ARN, q.Type, q.Redrive, q.RedriveErr = prev.ARN, prev.Type, prev.Redrive, prev.RedriveErr
}

// sample is q's history with q's depth added, when it was read.
func (c *Catalog) sample(q Queue, at time.Time) *Series {
	s := c.Series[q.URL]
	if s == nil {
		s = NewSeries(c.history)
	}
	if q.Err == nil {
		t := q.FetchedAt
		if t.IsZero() {
			t = at
		}
		s.Push(Point{At: t, Stats: q.Stats})
	}
	return s
}

// byURL indexes Queues by URL.
func (c *Catalog) byURL() map[string]int {
	m := make(map[string]int, len(c.Queues))
	for i, q := range c.Queues {
		m[q.URL] = i
	}
	return m
}

// reindex derives ByARN and the DLQ graph from Queues.
func (c *Catalog) reindex() {
	c.ByARN = make(map[string]Queue, len(c.Queues))
	for _, q := range c.Queues {
		if q.ARN != "" {
			c.ByARN[q.ARN] = q
		}
	}
	c.Graph = BuildDLQGraph(c.Queues)
}

// Latest is q as the latest refresh saw it (its newest counts), found by
// ARN; q itself when the refresh did not list it.
func (c *Catalog) Latest(q Queue) Queue {
	if cur, ok := c.ByARN[q.ARN]; ok {
		return cur
	}
	return q
}

// Depth is the total of the queue arn's messages, and whether it is known:
// the queue was listed and its attributes read.
func (c *Catalog) Depth(arn string) (int64, bool) {
	q, ok := c.ByARN[arn]
	if !ok || q.Err != nil {
		return 0, false
	}
	return q.Stats.Total(), true
}

// DLQDepth is the depth of q's dead-letter queue; -1 when q has none or
// its depth is unknown.
func (c *Catalog) DLQDepth(q Queue) int64 {
	arn, ok := c.Graph.DLQOf(q.ARN)
	if !ok {
		return -1
	}
	n, ok := c.Depth(arn)
	if !ok {
		return -1
	}
	return n
}
