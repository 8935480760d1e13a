package common

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/sqscope/sqscope/keymap"
)

// FarAway is a step past either end of any list; the caller clamps it.
const FarAway = 1 << 30

// NavStep is how far a navigation key moves a cursor or a scroll offset,
// page rows being one page; ok is false for any other key. Every pane
// moves by the same keys, so they are read in one place.
func NavStep(k tea.KeyPressMsg, nav keymap.Nav, page int) (step int, ok bool) {
	switch {
	case key.Matches(k, nav.Up):
		return -1, true
	case key.Matches(k, nav.Down):
		return 1, true
	case key.Matches(k, nav.PageUp):
		return -page, true
	case key.Matches(k, nav.PageDown):
		return page, true
	case key.Matches(k, nav.Top):
		return -FarAway, true
	case key.Matches(k, nav.Bottom):
		return FarAway, true
	}
	return 0, false
}

// Offset is the first row to show of n rows, page at a time, so that the
// cursor stays on screen and the window moves as little as it can.
func Offset(cursor, offset, page, n int) int {
	page = max(page, 1)
	if cursor < offset {
		offset = cursor
	}
	if cursor >= offset+page {
		offset = cursor - page + 1
	}
	return min(max(offset, 0), max(n-page, 0))
}

// FilterHints are the hints while a filter is typed: what typing does,
// then the input's keys.
func FilterHints(keys keymap.Input, typing string) []key.Binding {
	return []key.Binding{keymap.Hint("type", typing), keymap.Short(keys.Accept, "keep filter"),
		keymap.Short(keys.Clear, "clear filter"), keymap.Hint("↑/↓", "move")}
}
