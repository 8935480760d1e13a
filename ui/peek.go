package ui

import (
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/sqscope/sqscope/keymap"
	"github.com/sqscope/sqscope/model"
)

// peekPane shows the messages read from one queue: a list above, the
// selected message below. It holds view state only; the peek session and
// its I/O belong to the App (see peeksession.go), which feeds pages in with
// AddPage.
type peekPane struct {
	st   *Styles
	keys *keymap.KeyMap

	q         model.Queue
	msgs      []model.Message // every message read, in order of arrival
	rows      []int           // indexes into msgs that pass the filter
	cursor    int             // index into rows
	offset    int             // first row on screen
	selected  map[string]bool // by MessageId, for issue 5's actions
	input     filterInput
	filtering bool

	read, dupes int
	held        int
	heldUntil   time.Time
	exhausted   bool
	loading     bool
	moved       int             // removed from the list by a client-side move
	again       map[string]bool // listed messages received more than once by this peek
	redriven    bool            // a native move task ran: the list may be stale

	body      peekBody
	bodyFocus bool // the body, not the list, has the keyboard

	width, height int
	listRows      int // message rows on screen
	focused       bool
	now           func() time.Time
}

func newPeekPane(st *Styles, keys *keymap.KeyMap, now func() time.Time) peekPane {
	return peekPane{st: st, keys: keys, now: now, body: newPeekBody(st)}
}

// Reset empties the pane for a new session on q.
func (p *peekPane) Reset(q model.Queue) {
	*p = peekPane{st: p.st, keys: p.keys, now: p.now, width: p.width, height: p.height,
		focused: p.focused, q: q, selected: map[string]bool{}, loading: true, body: newPeekBody(p.st)}
	p.SetSize(p.width, p.height)
}

// SetSize sets the pane's outer size; see share for how rows are shared.
func (p *peekPane) SetSize(w, h int) {
	p.width, p.height = w, h
	p.share() // the body re-wraps itself when the width changed
}

// share gives the list as many rows as it has messages, between 3 and a
// third of the pane, and the message below the rest: a title, the
// column header and a rule take three rows.
func (p *peekPane) share() {
	rest := max(p.height-3, 0)
	p.listRows = min(max(min(len(p.rows), rest/3), 3), rest)
	p.body.SetSize(p.width, max(rest-p.listRows, 0))
	p.scroll()
}

func (p *peekPane) Focus() { p.focused = true }
func (p *peekPane) Blur()  { p.focused = false }

// AddPage appends a page of messages; the cursor stays where it was.
func (p *peekPane) AddPage(msgs []model.Message, received, dupes, held int, until time.Time, exhausted bool) {
	p.msgs = append(p.msgs, msgs...)
	p.read += received - dupes
	p.dupes += dupes
	p.held, p.heldUntil = held, until
	p.exhausted = exhausted
	p.loading = false
	p.refilter() // shows the first message when the list was empty
}

// RemoveMoved drops messages a move took out of this queue and returns how
// many it dropped; the list shows only what may still be there.
func (p *peekPane) RemoveMoved(ids []string) int {
	cur, _ := p.Current()
	gone := make(map[string]bool, len(ids))
	for _, id := range ids {
		gone[id] = true
	}
	kept := p.msgs[:0]
	for _, m := range p.msgs {
		if gone[m.ID] {
			delete(p.selected, m.ID)
			delete(p.again, m.ID)
			continue
		}
		kept = append(kept, m)
	}
	n := len(p.msgs) - len(kept)
	clear(p.msgs[len(kept):]) // let the bodies go
	p.msgs = kept
	p.moved += n
	p.rows = p.rows[:0] // they index the old list
	p.refilter()
	for i, r := range p.rows {
		if p.msgs[r].ID == cur.ID {
			p.cursor = i
			p.scroll()
		}
	}
	if c, ok := p.Current(); !ok || c.ID != cur.ID {
		p.showCurrent() // the one shown moved away
	}
	return n
}

// ReceivedAgain takes the newest copies of listed messages that a page
// received again: their receive counts rose, and the list says so.
func (p *peekPane) ReceivedAgain(msgs []model.Message) {
	if len(msgs) == 0 {
		return
	}
	byID := make(map[string]model.Message, len(msgs))
	for _, m := range msgs {
		byID[m.ID] = m
	}
	cur, _ := p.Current()
	for i := range p.msgs {
		if m, ok := byID[p.msgs[i].ID]; ok {
			p.msgs[i] = m
			if p.again == nil {
				p.again = map[string]bool{}
			}
			p.again[m.ID] = true
		}
	}
	if _, ok := byID[cur.ID]; ok {
		p.showCurrent() // its receive count changed
	}
}

// MarkRedriven notes that a move task went through this queue: any
// message in the list may be gone.
func (p *peekPane) MarkRedriven() { p.redriven = true }

// SetHeld records how many messages the session holds, after a release.
func (p *peekPane) SetHeld(n int) { p.held = n }

// Current is the message under the cursor.
func (p *peekPane) Current() (model.Message, bool) {
	if p.cursor < 0 || p.cursor >= len(p.rows) {
		return model.Message{}, false
	}
	return p.msgs[p.rows[p.cursor]], true
}

// Selection is the messages marked with space, in order of arrival: what
// issue 5's move and redrive act on.
func (p *peekPane) Selection() []model.Message {
	var out []model.Message
	for _, m := range p.msgs {
		if p.selected[m.ID] {
			out = append(out, m)
		}
	}
	return out
}

// Shown is the messages that pass the filter.
func (p *peekPane) Shown() []model.Message {
	out := make([]model.Message, len(p.rows))
	for i, r := range p.rows {
		out[i] = p.msgs[r]
	}
	return out
}

// scroll keeps the cursor on screen.
func (p *peekPane) scroll() {
	page := max(p.listRows, 1)
	if p.cursor < p.offset {
		p.offset = p.cursor
	}
	if p.cursor >= p.offset+page {
		p.offset = p.cursor - page + 1
	}
	p.offset = min(max(p.offset, 0), max(len(p.rows)-page, 0))
}

func (p *peekPane) move(d int) {
	before := p.cursor
	p.cursor = min(max(p.cursor+d, 0), max(len(p.rows)-1, 0))
	p.scroll()
	if p.cursor != before {
		p.showCurrent()
	}
}

// showCurrent points the body view at the message under the cursor.
func (p *peekPane) showCurrent() {
	m, ok := p.Current()
	p.body.SetMessage(m, ok, p.q)
}

// Update handles the keys that change only what the pane shows; the App
// handles the ones that do I/O or close the pane.
func (p peekPane) Update(msg tea.Msg) (peekPane, tea.Cmd) {
	if p.filtering {
		return p.updateFilter(msg)
	}
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return p, nil
	}
	if p.bodyFocus && p.body.Scroll(k, p.keys) {
		return p, nil
	}
	if d, ok := navStep(k, p.keys, p.listRows); ok {
		p.move(d)
		return p, nil
	}
	switch {
	case key.Matches(k, p.keys.NextPane, p.keys.PrevPane):
		p.bodyFocus = !p.bodyFocus
	case key.Matches(k, p.keys.Open):
		p.bodyFocus = true
	case key.Matches(k, p.keys.Select):
		if m, ok := p.Current(); ok {
			if p.selected[m.ID] {
				delete(p.selected, m.ID)
			} else {
				p.selected[m.ID] = true
			}
			p.move(1)
		}
	case key.Matches(k, p.keys.Filter):
		p.filtering = true
		p.input.Focus()
	case key.Matches(k, p.keys.Raw):
		p.body.ToggleRaw()
	case key.Matches(k, p.keys.Decode):
		p.body.ToggleDecode()
	case key.Matches(k, p.keys.BinaryFmt):
		p.body.ToggleBinary()
	}
	return p, nil
}
