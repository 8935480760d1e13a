// Package peek is the peek pane: the messages read from one queue, a list
// above and the selected message below, and the sessions that read them.
// A peek is a receive: the pane asks before a receive could dead-letter,
// holds what it read only while paging, and releases it when the queue is
// read to its end, when it closes, when a page fails and on quit.
package peek

import (
	"time"

	"github.com/sqscope/sqscope/awsclient"

	"github.com/sqscope/sqscope/model"
	"github.com/sqscope/sqscope/ui/common"
	"github.com/sqscope/sqscope/ui/dialog"
)

// Pane shows the messages read from one queue and owns the sessions that
// read them (sessions.go); the root opens it on a queue and hears back
// through its Outbox.
type Pane struct {
	common.Outbox
	c      *common.Common
	client awsclient.Peeker
	cat    *model.Catalog

	s sessions // the pane's session, its page in flight, every live session

	q         model.Queue
	msgs      []model.Message // every message read, in order of arrival
	rows      []int           // indexes into msgs that pass the filter
	cursor    int             // index into rows
	offset    int             // first row on screen
	selected  map[string]bool // by MessageId
	input     dialog.Input
	filtering bool

	read, dupes int
	held        int
	heldUntil   time.Time
	exhausted   bool
	loading     bool
	// lost counts receives whose answer never came: SQS may have handed
	// out messages the pane never saw, hidden until lostUntil.
	lost      int
	lostUntil time.Time
	moved     int             // removed from the list by a client-side move
	again     map[string]bool // listed messages received more than once by this peek
	redriven  bool            // a native move task ran: the list may be stale
	deleted   int             // removed from the list by a delete
	purged    bool            // the queue was purged: the list was cleared
	// keep: the user asked to hold what is read for a delete, so the end
	// of the queue does not release it (the holds still run out).
	keep bool

	// body is the message under the cursor, always: follow keeps it so
	// after every change, and everything that acts on "this message"
	// (copy, pager, select) reads Current, never a copy of its own.
	body      body
	bodyFocus bool // the body, not the list, has the keyboard

	width, height int
	listRows      int // message rows on screen
	focused       bool
}

var _ common.Pane = (*Pane)(nil)

// New is a closed pane that reads through client.
func New(c *common.Common, client awsclient.Peeker) *Pane {
	return &Pane{c: c, client: client, cat: model.NewCatalog(1), s: newSessions(), body: newBody(c)}
}

// SetCatalog gives the pane the queues of the latest refresh, for the DLQ
// names its warnings give.
func (p *Pane) SetCatalog(cat *model.Catalog) { p.cat = cat }

// reset empties the pane for a new session on q.
func (p *Pane) reset(q model.Queue) {
	p.q, p.msgs, p.rows, p.cursor, p.offset = q, nil, nil, 0, 0
	p.selected, p.again = map[string]bool{}, nil
	p.input.Reset()
	p.input.Blur()
	p.filtering = false
	p.read, p.dupes, p.held, p.heldUntil = 0, 0, 0, time.Time{}
	p.exhausted, p.loading, p.moved, p.redriven = false, true, 0, false
	p.deleted, p.purged, p.keep = 0, false, false
	p.lost, p.lostUntil = 0, time.Time{}
	p.body, p.bodyFocus = newBody(p.c), false
	p.SetSize(p.width, p.height)
}

// SetSize sets the pane's outer size; see share for how rows are shared.
func (p *Pane) SetSize(w, h int) {
	p.width, p.height = w, h
	p.share() // the body re-wraps itself when the width changed
}

// share gives the list as many rows as it has messages, between 3 and a
// third of the pane, and the message below the rest: a title, the column
// header and a rule take three rows.
func (p *Pane) share() {
	rest := max(p.height-3, 0)
	p.listRows = min(max(min(len(p.rows), rest/3), 3), rest)
	p.body.SetSize(p.width, max(rest-p.listRows, 0))
	p.scroll()
}

func (p *Pane) Focus() { p.focused = true }
func (p *Pane) Blur()  { p.focused = false }

// Open reports whether the pane is open: it is exactly while it has a
// session.
func (p *Pane) Open() bool { return p.s.open() }

// Queue is the queue the pane shows.
func (p *Pane) Queue() model.Queue { return p.q }

// Held is how many messages the pane's session held at the last page or
// release.
func (p *Pane) Held() int { return p.held }

// Err is the last failed page or release; nil after a good page.
func (p *Pane) Err() error { return p.s.err }

// Typing reports whether the filter input has the keyboard.
func (p *Pane) Typing() bool { return p.filtering }

// Filter is the filter text.
func (p *Pane) Filter() string { return p.input.Value() }

// Current is the message under the cursor.
func (p *Pane) Current() (model.Message, bool) {
	if p.cursor < 0 || p.cursor >= len(p.rows) {
		return model.Message{}, false
	}
	return p.msgs[p.rows[p.cursor]], true
}

// Messages is every message read, in order of arrival: a copy, which the
// caller may keep.
func (p *Pane) Messages() []model.Message { return append([]model.Message(nil), p.msgs...) }

// Selection is the messages marked with space, in order of arrival: what
// a move of selected messages acts on.
func (p *Pane) Selection() []model.Message {
	var out []model.Message
	for _, m := range p.msgs {
		if p.selected[m.ID] {
			out = append(out, m)
		}
	}
	return out
}

// Shown is the messages that pass the filter.
func (p *Pane) Shown() []model.Message {
	out := make([]model.Message, len(p.rows))
	for i, r := range p.rows {
		out[i] = p.msgs[r]
	}
	return out
}

// Moved is how many messages a move took out of the list since it opened.
func (p *Pane) Moved() int { return p.moved }

// Shows reports whether the body shows the message under the cursor, as
// it always must: for tests that try to break it.
func (p *Pane) Shows() (id string, ok bool) { return p.body.m.ID, p.body.ok }
