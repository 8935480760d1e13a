package peek

import (
	"time"

	"github.com/sqscope/sqscope/model"
	"github.com/sqscope/sqscope/ui/common"
)

// The list's state changes. Each public one ends in follow, so the body
// always shows the message under the cursor.

// addPage appends a page of messages; the cursor stays where it was.
func (p *Pane) addPage(msgs []model.Message, received, dupes, held int, until time.Time, exhausted bool) {
	p.msgs = append(p.msgs, msgs...)
	p.read += received - dupes
	p.dupes += dupes
	p.held, p.heldUntil = held, until
	p.exhausted = exhausted
	p.loading = false
	p.refilter() // shows the first message when the list was empty
}

// RemoveMoved drops messages a move took out of this queue and returns how
// many it dropped; the list shows only what may still be there, and the
// cursor stays on its message when that one is still listed.
func (p *Pane) RemoveMoved(ids []string) int {
	n := p.drop(ids)
	p.moved += n
	return n
}

// drop takes messages out of the list (moved or deleted) and returns how
// many it dropped. The cursor stays on its message when that one is still
// listed, else on the row that took its place; the body follows.
func (p *Pane) drop(ids []string) int {
	cur, _ := p.Current()
	gone := make(map[string]bool, len(ids))
	for _, id := range ids {
		gone[id] = true
	}
	// A new slice: nothing else holds this one, and nothing ever will
	// see it compacted under it.
	kept := make([]model.Message, 0, len(p.msgs))
	for _, m := range p.msgs {
		if gone[m.ID] {
			delete(p.selected, m.ID)
			delete(p.again, m.ID)
			continue
		}
		kept = append(kept, m)
	}
	n := len(p.msgs) - len(kept)
	p.msgs = kept
	p.rows = p.rows[:0] // they index the old list
	p.refilterOn(cur.ID)
	p.follow()
	return n
}

// ReceivedAgain takes the newest copies of listed messages that a page
// received again: their receive counts rose, and the list says so.
func (p *Pane) receivedAgain(msgs []model.Message) {
	if len(msgs) == 0 {
		return
	}
	byID := make(map[string]model.Message, len(msgs))
	for _, m := range msgs {
		byID[m.ID] = m
	}
	for i := range p.msgs {
		if m, ok := byID[p.msgs[i].ID]; ok {
			p.msgs[i] = m
			if p.again == nil {
				p.again = map[string]bool{}
			}
			p.again[m.ID] = true
		}
	}
}

// MarkRedriven notes that a move task moved messages out of this queue:
// any message listed may be gone, and a list that may lie is worse than
// none, so it is cleared; n reads the queue again.
func (p *Pane) MarkRedriven() {
	p.redriven = true
	p.msgs, p.rows, p.cursor, p.offset = nil, p.rows[:0], 0, 0
	p.selected, p.again = map[string]bool{}, nil
	p.share()
	p.follow()
}

// ClearSelection unmarks every message: a move took them, and a second R
// must not move them again.
func (p *Pane) ClearSelection() { p.selected = map[string]bool{} }

// toggle marks or unmarks the message under the cursor, then steps down.
func (p *Pane) toggle() {
	m, ok := p.Current()
	if !ok {
		return
	}
	if p.selected[m.ID] {
		delete(p.selected, m.ID)
	} else {
		p.selected[m.ID] = true
	}
	p.move(1)
}

// scroll keeps the cursor on screen.
func (p *Pane) scroll() { p.offset = common.Offset(p.cursor, p.offset, p.listRows, len(p.rows)) }

func (p *Pane) move(d int) {
	p.cursor = min(max(p.cursor+d, 0), max(len(p.rows)-1, 0))
	p.scroll()
}

// follow points the body at the message under the cursor when it shows
// another one, or an older copy of it (a raised receive count). It is
// cheap when nothing changed: the body is rebuilt only then.
func (p *Pane) follow() {
	m, ok := p.Current()
	b := &p.body
	if ok == b.ok && m.ID == b.m.ID && m.ReceiveCount == b.m.ReceiveCount && p.q.URL == b.q.URL {
		return
	}
	b.SetMessage(m, ok, p.q)
}
