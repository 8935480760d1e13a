package dialog

import (
	"cmp"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/sqscope/sqscope/keymap"
	"github.com/sqscope/sqscope/ui/common"
)

// Input is the one-line text input of the filters, the picker and the
// export prompt. bubbles' textinput would pull in a clipboard module that
// shells out to xclip for ctrl+v, which is useless over SSH; these need
// only typing, bracketed paste, backspace, ctrl+w and ctrl+u, and an
// append-only cursor.
type Input struct {
	value   []rune
	focused bool
	// Limit is the longest value in runes; 0 means maxPattern.
	Limit int
}

// maxPattern bounds a filter; queue names are at most 80 characters.
const maxPattern = 80

func (f *Input) Value() string { return string(f.value) }
func (f *Input) Focused() bool { return f.focused }
func (f *Input) Focus()        { f.focused = true }
func (f *Input) Blur()         { f.focused = false }
func (f *Input) Reset()        { f.value = f.value[:0] }

// SetValue replaces the text, keeping only what typing could have entered.
func (f *Input) SetValue(s string) {
	f.Reset()
	f.insert(s)
}

// Update edits the text with a key or a paste; it reports whether the
// text changed.
func (f *Input) Update(msg tea.Msg, keys keymap.Input) bool {
	before := len(f.value)
	switch msg := msg.(type) {
	case tea.PasteMsg:
		f.insert(msg.Content)
	case tea.KeyPressMsg:
		switch {
		case key.Matches(msg, keys.DeleteChar):
			if len(f.value) > 0 {
				f.value = f.value[:len(f.value)-1]
				return true
			}
		case key.Matches(msg, keys.DeleteWord):
			s := strings.TrimRight(string(f.value), " ")
			if i := strings.LastIndexByte(s, ' '); i >= 0 {
				s = s[:i+1]
			} else {
				s = ""
			}
			changed := len(s) != len(string(f.value))
			f.value = []rune(s)
			return changed
		case key.Matches(msg, keys.ClearLine):
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
// not reach the terminal through the echo of the text.
func (f *Input) insert(s string) {
	for _, r := range s {
		if len(f.value) >= cmp.Or(f.Limit, maxPattern) {
			return
		}
		if r >= 0x20 && r != 0x7f && (r < 0x80 || r >= 0xa0) {
			f.value = append(f.value, r)
		}
	}
}

// View is "/pattern" with a block cursor while focused.
func (f *Input) View(st *common.Styles) string {
	v := "/" + string(f.value)
	if f.focused {
		v += st.Selected.Render(" ")
	}
	return v
}

// InputKey is what a key means while an input has the keyboard. The queue
// list, the peek list and the queue picker share these rules, so a filter
// behaves the same wherever it is typed.
type InputKey int

const (
	InputEdit   InputKey = iota // anything else: it edits the text
	InputAccept                 // enter: keep the filter (or pick)
	InputClear                  // esc: clear the filter (or cancel)
	InputUp                     // the arrows still move the cursor, since
	InputDown                   // j and k are letters of the text here
)

// InputKeyOf classifies msg.
func InputKeyOf(msg tea.Msg, keys keymap.Input) InputKey {
	k, ok := msg.(tea.KeyPressMsg)
	switch {
	case !ok:
		return InputEdit
	case key.Matches(k, keys.Accept):
		return InputAccept
	case key.Matches(k, keys.Clear):
		return InputClear
	case key.Matches(k, keys.Up):
		return InputUp
	case key.Matches(k, keys.Down):
		return InputDown
	}
	return InputEdit
}
