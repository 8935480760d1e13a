package redrive

import (
	"time"

	"github.com/sqscope/sqscope/model"
	"github.com/sqscope/sqscope/ui/common"
)

// dlqView is the DLQ pane's state: where the DLQ's messages came from, how
// old they are, what they have in common. The root feeds it the peeked
// queue and a copy of the peeked messages; the move it shows is the
// Pane's.
type dlqView struct {
	c *common.Common

	q       model.Queue
	sources []dlqSource
	peeked  []model.Message // a copy of the peek pane's, given by the root
	oldest  time.Time       // earliest SentAt among the peeked messages
	// movedAway counts peeked messages a move or a delete took out of the DLQ since
	// the peek opened on it.
	movedAway int

	bySource []model.Group
	fields   []model.FieldInfo
	field    int // index into fields
	byField  []model.Group

	width, height int
	wide          bool // beside the peek pane (tall), not above it (short)
}

// dlqSource is one queue that dead-letters into the DLQ.
type dlqSource struct {
	name  string
	depth int64
	known bool // depth is known (the queue was listed without error)
}

// setQueue points the view at a DLQ; the catalog gives its newest counts
// and its sources' depths.
func (d *dlqView) setQueue(q model.Queue, cat *model.Catalog) {
	if q.URL != d.q.URL {
		d.field = 0
	}
	d.q = q
	d.q.Stats = cat.Latest(q).Stats
	d.sources = d.sources[:0]
	for _, arn := range cat.Graph.SourcesOf(q.ARN) {
		s := dlqSource{name: cat.Graph.Name(arn)}
		s.depth, s.known = cat.Depth(arn)
		d.sources = append(d.sources, s)
	}
}

// setMessages recomputes the breakdowns from the peeked messages, keeping
// the chosen field when it is still seen.
func (d *dlqView) setMessages(msgs []model.Message, name func(arn string) string) {
	var cur model.Field
	if d.field < len(d.fields) {
		cur = d.fields[d.field].Field
	}
	d.peeked = msgs
	d.oldest = time.Time{}
	for _, m := range msgs {
		if !m.SentAt.IsZero() && (d.oldest.IsZero() || m.SentAt.Before(d.oldest)) {
			d.oldest = m.SentAt
		}
	}
	d.bySource = model.BySource(msgs, name)
	d.fields = model.GroupFields(msgs)
	d.field = 0
	for i, f := range d.fields {
		if f.Field == cur {
			d.field = i
		}
	}
	d.regroup()
}

// stepField moves the breakdown by delta fields through the fields seen,
// round either end: a and A.
func (d *dlqView) stepField(delta int) {
	if n := len(d.fields); n > 0 {
		d.field = ((d.field+delta)%n + n) % n
		d.regroup()
	}
}

// setField groups by f; false when f is not among the fields seen.
func (d *dlqView) setField(f model.Field) bool {
	for i, g := range d.fields {
		if g.Field == f {
			d.field = i
			d.regroup()
			return true
		}
	}
	return false
}

func (d *dlqView) regroup() {
	d.byField = nil
	if d.field < len(d.fields) {
		d.byField = model.ByField(d.peeked, d.fields[d.field].Field)
	}
}
