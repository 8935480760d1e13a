package ui

import (
	"time"

	"github.com/sqscope/sqscope/model"
)

// dlqPane sits beside (or above) the peek pane when the peeked queue is a
// dead-letter queue: where its messages came from, how old they are, what
// they have in common, and the redrive in progress. It holds view state
// only; the App feeds it the queue, the peeked messages and the move. It
// never has the keyboard: the peek pane keeps it, and the App handles the
// DLQ keys (a, R, m, c) wherever they are pressed.
type dlqPane struct {
	st  *Styles
	now func() time.Time

	q       model.Queue
	sources []dlqSource
	peeked  []model.Message // the peek pane's, shared: never changed here
	oldest  time.Time       // earliest SentAt among the peeked messages

	bySource []model.Group
	fields   []model.Field
	field    int // index into fields
	byField  []model.Group

	mv *moveState // the App's; read only here
	// movedAway counts peeked messages a move took out of the DLQ, since
	// the pane opened on it.
	movedAway int

	width, height int
	wide          bool // beside the peek pane (tall), not above it (short)
	readOnly      bool // R and m are disabled: the hint says so
}

// dlqSource is one queue that dead-letters into the DLQ.
type dlqSource struct {
	name  string
	depth int64
	known bool // depth is known (the queue was listed without error)
}

func newDLQPane(st *Styles, now func() time.Time, readOnly bool) dlqPane {
	return dlqPane{st: st, now: now, readOnly: readOnly}
}

// SetSize sets the pane's outer size; wide says it stands beside the peek
// pane and may use one row per item.
func (d *dlqPane) SetSize(w, h int, wide bool) { d.width, d.height, d.wide = w, h, wide }

// SetQueue points the pane at a DLQ; byARN gives its sources' depths.
func (d *dlqPane) SetQueue(q model.Queue, g model.DLQGraph, byARN map[string]model.Queue) {
	if q.URL != d.q.URL {
		d.field = 0
	}
	d.q = q
	if cur, ok := byARN[q.ARN]; ok {
		d.q.Stats = cur.Stats
	}
	d.sources = d.sources[:0]
	for _, arn := range g.SourcesOf(q.ARN) {
		s := dlqSource{name: g.Name(arn)}
		if src, ok := byARN[arn]; ok && src.Err == nil {
			s.depth, s.known = src.Stats.Total(), true
		}
		d.sources = append(d.sources, s)
	}
}

// SetMessages recomputes the breakdowns from the peeked messages, keeping
// the chosen field when it is still seen.
func (d *dlqPane) SetMessages(msgs []model.Message, name func(arn string) string) {
	var cur model.Field
	if d.field < len(d.fields) {
		cur = d.fields[d.field]
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
		if f == cur {
			d.field = i
		}
	}
	d.regroup()
}

// NextField cycles the breakdown to the next field seen.
func (d *dlqPane) NextField() {
	if len(d.fields) == 0 {
		return
	}
	d.field = (d.field + 1) % len(d.fields)
	d.regroup()
}

func (d *dlqPane) regroup() {
	d.byField = nil
	if d.field < len(d.fields) {
		d.byField = model.ByField(d.peeked, d.fields[d.field])
	}
}

// SetMove points the pane at the move to show.
func (d *dlqPane) SetMove(mv *moveState) { d.mv = mv }
