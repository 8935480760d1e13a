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
	byARN := make(map[string]Queue, len(qs))
	series := make(map[string]*Series, len(qs))
	for _, q := range qs {
		if q.ARN != "" {
			byARN[q.ARN] = q
		}
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
		series[q.URL] = s
	}
	c.Queues, c.ByARN, c.Series = qs, byARN, series
	c.Graph = BuildDLQGraph(qs)
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
