// Package keymap declares every key binding of sqscope in one place, with its
// help text, so that the help overlay, the status-bar hints and the panes
// all agree on what a key does. It depends on bubbles only.
package keymap

import "charm.land/bubbles/v2/key"

// KeyMap holds every binding. The UI matches keys with key.Matches against
// these fields; a disabled binding never matches, which is how read-only mode
// removes mutating actions.
type KeyMap struct {
	// Navigation.
	Up       key.Binding
	Down     key.Binding
	PageUp   key.Binding
	PageDown key.Binding
	Top      key.Binding
	Bottom   key.Binding

	// Queue list.
	Filter  key.Binding
	Open    key.Binding // peek the selected queue (the same as Peek)
	Details key.Binding
	Back    key.Binding
	Sort    key.Binding
	Refresh key.Binding

	// Application.
	NextPane key.Binding
	PrevPane key.Binding
	Help     key.Binding
	Quit     key.Binding

	// Peek pane: read a queue's messages.
	Peek      key.Binding
	LoadMore  key.Binding
	Select    key.Binding
	Copy      key.Binding
	Pager     key.Binding
	Export    key.Binding
	Raw       key.Binding // pretty JSON / raw body
	Decode    key.Binding // base64 / gzip+base64 body
	BinaryFmt key.Binding // Binary attributes as hex / base64

	// DLQ pane and redrive.
	GroupBy    key.Binding // cycle the field the DLQ breakdown groups by
	Redrive    key.Binding
	MoveTo     key.Binding // client-side move to a queue the user picks
	Rate       key.Binding // in the redrive dialog: cycle the native rate
	CancelMove key.Binding

	// ReadOnly is set by ReadOnly; the help overlay uses it to explain why
	// mutating bindings are unavailable.
	ReadOnly bool
}

// Default returns the standard bindings.
func Default() KeyMap {
	b := func(help, desc string, keys ...string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(help, desc))
	}
	return KeyMap{
		Up:       b("↑/k", "up", "up", "k"),
		Down:     b("↓/j", "down", "down", "j"),
		PageUp:   b("pgup/ctrl+u", "page up", "pgup", "ctrl+u"),
		PageDown: b("pgdn/ctrl+d", "page down", "pgdown", "ctrl+d"),
		Top:      b("g/home", "top", "g", "home"),
		Bottom:   b("G/end", "bottom", "G", "end"),

		Filter:  b("/", "filter", "/"),
		Open:    b("enter", "open: peek messages", "enter"),
		Details: b("i", "queue details", "i"),
		Back:    b("esc", "clear / back", "esc"),
		Sort:    b("s", "sort name/depth", "s"),
		Refresh: b("r", "refresh now", "r"),

		NextPane: b("tab", "next pane", "tab"),
		PrevPane: b("shift+tab", "previous pane", "shift+tab"),
		Help:     b("?", "help", "?"),
		Quit:     b("q/ctrl+c", "quit", "q", "ctrl+c"),

		Peek:      b("p", "peek messages", "p"),
		LoadMore:  b("n", "load more messages", "n"),
		Select:    b("space", "select message", "space"),
		Copy:      b("y", "copy body", "y"),
		Pager:     b("o", "open body in $PAGER", "o"),
		Export:    b("e", "export as JSONL", "e"),
		Raw:       b("v", "pretty / raw body", "v"),
		Decode:    b("d", "decode base64/gzip", "d"),
		BinaryFmt: b("b", "binary as hex/base64", "b"),

		GroupBy:    b("a", "group DLQ by field", "a"),
		Redrive:    b("R", "redrive DLQ", "R"),
		MoveTo:     b("m", "move DLQ to…", "m"),
		Rate:       b("t", "redrive rate", "t"),
		CancelMove: b("c", "cancel move", "c"),
	}
}

// ReadOnly returns k with every binding that changes SQS state disabled, so
// that it neither matches a key nor can be mistaken for available.
func ReadOnly(k KeyMap) KeyMap {
	for _, b := range k.Mutating() {
		b.SetEnabled(false)
	}
	k.ReadOnly = true
	return k
}

// Mutating returns pointers to the bindings that change SQS state.
func (k *KeyMap) Mutating() []*key.Binding {
	return []*key.Binding{&k.Redrive, &k.MoveTo, &k.Rate, &k.CancelMove}
}
