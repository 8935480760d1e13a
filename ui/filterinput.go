package ui

import (
	"cmp"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// filterInput is the one-line filter pattern editor. bubbles' textinput
// would pull in a clipboard module that shells out to xclip for ctrl+v,
// which is useless over SSH; a filter needs only typing, bracketed paste,
// backspace, ctrl+w and ctrl+u, and an append-only cursor.
type filterInput struct {
	value   []rune
	focused bool
	limit   int // longest value in runes; 0 means maxPattern
}

// maxPattern bounds the pattern; queue names are at most 80 characters.
const maxPattern = 80

func (f *filterInput) Value() string { return string(f.value) }
func (f *filterInput) Focus()        { f.focused = true }
func (f *filterInput) Blur()         { f.focused = false }
func (f *filterInput) Reset()        { f.value = f.value[:0] }

// Update edits the pattern; it reports whether the value changed.
func (f *filterInput) Update(msg tea.Msg) bool {
	before := len(f.value)
	switch msg := msg.(type) {
	case tea.PasteMsg:
		f.insert(msg.Content)
	case tea.KeyPressMsg:
		switch msg.String() {
		case "backspace", "ctrl+h":
			if len(f.value) > 0 {
				f.value = f.value[:len(f.value)-1]
				return true
			}
		case "ctrl+w":
			s := strings.TrimRight(string(f.value), " ")
			if i := strings.LastIndexByte(s, ' '); i >= 0 {
				s = s[:i+1]
			} else {
				s = ""
			}
			changed := len(s) != len(string(f.value))
			f.value = []rune(s)
			return changed
		case "ctrl+u":
			f.value = f.value[:0]
			return before > 0
		default:
			if msg.Mod&^tea.ModShift == 0 {
				f.insert(msg.Text)
			}
		}
	}
	return len(f.value) != before
}

// insert appends printable characters only: a pasted escape sequence must
// not reach the terminal through the echo of the pattern.
func (f *filterInput) insert(s string) {
	for _, r := range s {
		if len(f.value) >= cmp.Or(f.limit, maxPattern) {
			return
		}
		if r >= 0x20 && r != 0x7f && (r < 0x80 || r >= 0xa0) {
			f.value = append(f.value, r)
		}
	}
}

// filterKey is what a key means while a filter input has the keyboard. The
// queue list, the peek list and the queue picker share these rules, so a
// filter behaves the same wherever it is typed.
type filterKey int

const (
	filterEdit  filterKey = iota // anything else: it edits the pattern
	filterEnter                  // enter: keep the pattern (or pick)
	filterBack                   // esc: clear the pattern (or cancel)
	filterUp                     // the arrows still move the cursor, since
	filterDown                   // j and k are letters of the pattern here
)

// filterKeyOf classifies msg; back is the keymap's Back binding.
func filterKeyOf(msg tea.Msg, back key.Binding) filterKey {
	k, ok := msg.(tea.KeyPressMsg)
	switch {
	case !ok:
		return filterEdit
	case k.Code == tea.KeyEnter:
		return filterEnter
	case key.Matches(k, back):
		return filterBack
	case k.Code == tea.KeyUp:
		return filterUp
	case k.Code == tea.KeyDown:
		return filterDown
	}
	return filterEdit
}

// View is "/pattern" with a block cursor while focused.
func (f *filterInput) View(st *Styles) string {
	v := "/" + string(f.value)
	if f.focused {
		v += st.Selected.Render(" ")
	}
	return v
}
