package peek

import (
	"strings"
	"unicode/utf8"

	tea "charm.land/bubbletea/v2"

	"github.com/sqscope/sqscope/model"
	"github.com/sqscope/sqscope/ui/dialog"
)

// The peek pane's filter: / narrows the messages read to those whose id,
// body or attributes contain the text, case-insensitively.

// ClearFilter shows every message again.
func (p *Pane) ClearFilter() {
	p.filtering = false
	p.input.Blur()
	p.input.Reset()
	p.refilter()
	p.follow()
}

// refilter recomputes the rows, keeping the cursor on the same message.
func (p *Pane) refilter() {
	cur, _ := p.Current()
	p.refilterOn(cur.ID)
}

// refilterOn recomputes the rows and puts the cursor on the message id,
// or keeps its position when that message is not shown.
func (p *Pane) refilterOn(id string) {
	pat := strings.ToLower(p.Filter())
	p.rows = p.rows[:0]
	for i := range p.msgs {
		if pat == "" || messageMatches(&p.msgs[i], pat) {
			p.rows = append(p.rows, i)
		}
	}
	p.cursor = min(p.cursor, max(len(p.rows)-1, 0))
	p.share()
	if id != "" {
		for i, r := range p.rows {
			if p.msgs[r].ID == id {
				p.cursor = i
			}
		}
	}
	p.scroll()
}

// messageMatches is a case-insensitive substring search of a message's
// id, body, attribute names and values and system attributes.
func messageMatches(m *model.Message, lower string) bool {
	has := func(s string) bool { return containsFold(s, lower) }
	if has(m.ID) || has(m.Body) {
		return true
	}
	for k, a := range m.Attributes {
		if has(k) || has(a.StringValue) || has(a.DataType) {
			return true
		}
	}
	for k, v := range m.System {
		if has(k) || has(v) {
			return true
		}
	}
	return false
}

// containsFold reports whether s contains lower (a lower-case pattern),
// ignoring case. The filter runs it over every peeked body on each
// keystroke, so an ASCII pattern is matched in place, without the copy
// strings.ToLower makes of each (possibly 1 MiB) body; a pattern with other
// letters takes that exact, slower path.
func containsFold(s, lower string) bool {
	for i := 0; i < len(lower); i++ {
		if lower[i] >= utf8.RuneSelf {
			return strings.Contains(strings.ToLower(s), lower)
		}
	}
	if lower == "" {
		return true
	}
	first, firstUp := lower[0], lower[0]
	if 'a' <= first && first <= 'z' {
		firstUp -= 'a' - 'A'
	}
	// Candidates are where either case of the first byte occurs, found with
	// IndexByte (memchr speed); each next occurrence is looked up only once
	// the search has passed the previous one.
	starts := s[:max(len(s)-len(lower)+1, 0)]
	next := func(c byte, from int) int {
		if k := strings.IndexByte(starts[from:], c); k >= 0 {
			return from + k
		}
		return len(starts)
	}
	lo, up := -1, -1
	for i := 0; i < len(starts); {
		if lo < i {
			lo = next(first, i)
		}
		if up < i {
			up = next(firstUp, i)
		}
		j := min(lo, up)
		if j >= len(starts) {
			return false
		}
		if equalFoldASCII(s[j+1:j+len(lower)], lower[1:]) {
			return true
		}
		i = j + 1
	}
	return false
}

// equalFoldASCII compares s with the lower-case ASCII pattern lower.
func equalFoldASCII(s, lower string) bool {
	for i := 0; i < len(lower); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != lower[i] {
			return false
		}
	}
	return true
}

// updateFilter narrows the list as the text changes; enter keeps the
// filter, esc clears it.
func (p *Pane) updateFilter(msg tea.Msg) {
	keys := p.c.Keys.Input
	switch dialog.InputKeyOf(msg, keys) {
	case dialog.InputAccept:
		p.filtering = false
		p.input.Blur()
	case dialog.InputClear:
		p.ClearFilter()
	case dialog.InputUp:
		p.move(-1)
	case dialog.InputDown:
		p.move(1)
	default:
		if p.input.Update(msg, keys) {
			p.refilter()
		}
	}
}
