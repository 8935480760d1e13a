package ui

import (
	"strings"
	"unicode/utf8"

	tea "charm.land/bubbletea/v2"

	"github.com/sqscope/sqscope/model"
)

// The peek pane's filter: / narrows the messages read to those whose id,
// body or attributes contain the text, case-insensitively.

// Filter is the filter text; Filtering says the filter input has the keys.
func (p *peekPane) Filter() string  { return p.input.Value() }
func (p *peekPane) Filtering() bool { return p.filtering }

// ClearFilter shows every message again.
func (p *peekPane) ClearFilter() {
	p.filtering = false
	p.input.Blur()
	p.input.Reset()
	p.refilter()
}

// refilter recomputes the rows, keeping the cursor on the same message.
func (p *peekPane) refilter() {
	cur, ok := p.Current()
	pat := strings.ToLower(p.Filter())
	p.rows = p.rows[:0]
	for i := range p.msgs {
		if pat == "" || messageMatches(&p.msgs[i], pat) {
			p.rows = append(p.rows, i)
		}
	}
	p.cursor = min(p.cursor, max(len(p.rows)-1, 0))
	p.share()
	if ok {
		for i, r := range p.rows {
			if p.msgs[r].ID == cur.ID {
				p.cursor = i
			}
		}
	}
	p.scroll()
	if c, _ := p.Current(); c.ID != cur.ID {
		p.showCurrent()
	}
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
// filter, esc clears it (see filterKeyOf).
func (p peekPane) updateFilter(msg tea.Msg) (peekPane, tea.Cmd) {
	switch filterKeyOf(msg, p.keys.Back) {
	case filterEnter:
		p.filtering = false
		p.input.Blur()
	case filterBack:
		p.ClearFilter()
	case filterUp:
		p.move(-1)
	case filterDown:
		p.move(1)
	default:
		if p.input.Update(msg) {
			p.refilter()
		}
	}
	return p, nil
}
