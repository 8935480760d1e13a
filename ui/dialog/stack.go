package dialog

import (
	"slices"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// Stack is the one overlay stack: the top dialog alone gets the keys, is
// drawn and names the hints; the ones under it wait their turn.
type Stack struct {
	ds            []Dialog
	width, height int
}

// Push opens d on top.
func (s *Stack) Push(d Dialog) {
	d.SetSize(s.width, s.height)
	s.ds = append(s.ds, d)
}

// Close takes d off the stack wherever it is; false when it was not open.
func (s *Stack) Close(d Dialog) bool {
	i := slices.Index(s.ds, d)
	if i < 0 {
		return false
	}
	s.ds = slices.Delete(s.ds, i, i+1)
	return true
}

// Clear takes every dialog off, unanswered: quitting, nothing is asked
// any more.
func (s *Stack) Clear() { s.ds = nil }

// Top is the dialog that has the keyboard; nil when none is open.
func (s *Stack) Top() Dialog {
	if len(s.ds) == 0 {
		return nil
	}
	return s.ds[len(s.ds)-1]
}

// Len is how many dialogs are open.
func (s *Stack) Len() int { return len(s.ds) }

// SetSize gives every dialog the body's size.
func (s *Stack) SetSize(w, h int) {
	s.width, s.height = w, h
	for _, d := range s.ds {
		d.SetSize(w, h)
	}
}

// Update gives a key or a paste to the top dialog. handled is false when
// no dialog is open or msg is not input: then it is the panes'. A dialog
// that ended is taken off, and its result returned for the root to route.
func (s *Stack) Update(msg tea.Msg) (result tea.Msg, handled bool) {
	top := s.Top()
	if top == nil {
		return nil, false
	}
	switch msg.(type) {
	case tea.KeyPressMsg, tea.PasteMsg:
	default:
		return nil, false
	}
	done, result := top.Update(msg)
	if done {
		s.Close(top)
	}
	return result, true
}

// Body is the top dialog drawn over the body; ok is false when none
// covers it.
func (s *Stack) Body() (view string, ok bool) {
	if top := s.Top(); top != nil && !top.OnStatusLine() {
		return top.View(), true
	}
	return "", false
}

// StatusLine is the top dialog's status line, when it takes it.
func (s *Stack) StatusLine() (view string, ok bool) {
	if top := s.Top(); top != nil && top.OnStatusLine() {
		return top.View(), true
	}
	return "", false
}

// Hints are the top dialog's; ok is false when none is open.
func (s *Stack) Hints() (hints []key.Binding, ok bool) {
	if top := s.Top(); top != nil {
		return top.Hints(), true
	}
	return nil, false
}
