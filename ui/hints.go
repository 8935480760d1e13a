package ui

import (
	"charm.land/bubbles/v2/key"

	"github.com/sqscope/sqscope/keymap"
)

// hint is a key hint that is not a binding of its own.
func hint(k, desc string) key.Binding { return key.NewBinding(key.WithHelp(k, desc)) }

// hints are the key hints for the current state: what the keyboard does
// right now, not everything it can do (that is the help overlay).
func (a *App) hints() []key.Binding {
	switch {
	case a.quitting:
		return []key.Binding{hint("q", "quit without waiting")}
	case a.confirm != nil:
		return a.confirm.hints(a.confirm.tag == "redrive" && a.moves.pending.native())
	case a.picker != nil:
		return []key.Binding{hint("type", "to narrow"), hint("↑/↓", "choose"), hint("enter", "pick"), hint("esc", "cancel")}
	case a.prompt != nil:
		return []key.Binding{hint("enter", "export"), hint("esc", "cancel"), hint("ctrl+u", "clear")}
	case a.showHelp:
		return []key.Binding{hint("?/esc", "close help"), a.keys.Quit}
	case a.peekOpen() && a.peek.Filtering():
		return filterHints("to filter")
	case a.peekOpen():
		return a.redriveHints(peekHints(a.peek.bodyFocus, &a.keys))
	case a.browse.list.Filtering():
		return filterHints("to narrow")
	case a.browse.showDetail && a.browse.focus == paneSide:
		return []key.Binding{hint("↑/↓", "scroll"), hint("enter", "peek"), hint("esc", "back"), hint("tab", "to list"),
			a.keys.Refresh, a.keys.Help, a.keys.Quit}
	case a.browse.list.Filter() != "":
		return append([]key.Binding{hint("esc", "clear filter")}, a.redriveHints(a.keys.ShortHelp())...)
	}
	return a.redriveHints(a.keys.ShortHelp())
}

// hints are the dialog's; rate says the rate key applies.
func (d *confirmDialog) hints(rate bool) []key.Binding {
	switch {
	case rate:
		return []key.Binding{hint("y/enter", "yes"), hint("t", "rate"), hint("any other key", "no")}
	case d.enterYes:
		return []key.Binding{hint("y/enter", "yes"), hint("any other key", "no")}
	}
	return []key.Binding{hint("y", "yes"), hint("n/esc/any key", "no")}
}

// filterHints are the hints while a filter is being typed.
func filterHints(typing string) []key.Binding {
	return []key.Binding{hint("type", typing), hint("enter", "keep filter"), hint("esc", "clear filter"), hint("↑/↓", "move")}
}

// redriveHints adds the redrive hints that apply to the current queue.
func (a *App) redriveHints(hs []key.Binding) []key.Binding {
	q, ok := a.currentQueue()
	return withRedrive(hs, &a.keys, a.moves.running(), ok && a.graph.IsDLQ(q.ARN), a.peekOpen())
}

// withRedrive puts R (and c while a move runs) after the first two hints
// when they apply: on a DLQ, outside read-only mode.
func withRedrive(hs []key.Binding, keys *keymap.KeyMap, moving, onDLQ, peeking bool) []key.Binding {
	var extra []key.Binding
	if moving && keys.CancelMove.Enabled() {
		extra = append(extra, hint("c", "cancel move"))
	}
	if onDLQ && keys.Redrive.Enabled() {
		extra = append(extra, hint("R", "redrive"))
		if peeking {
			extra = append(extra, hint("a", "group"))
		}
	}
	if len(extra) == 0 || len(hs) < 2 {
		return append(extra, hs...)
	}
	return append(append(append([]key.Binding{}, hs[:2]...), extra...), hs[2:]...)
}

// peekHints are the peek pane's hints, most useful first; bodyFocus says
// the arrows scroll the body.
func peekHints(bodyFocus bool, keys *keymap.KeyMap) []key.Binding {
	move := hint("↑↓", "message")
	if bodyFocus {
		move = hint("↑↓/pgdn", "scroll")
	}
	short := func(b key.Binding, desc string) key.Binding {
		b.SetHelp(b.Help().Key, desc)
		return b
	}
	// Short words, so that at 120 columns the line reaches export.
	return []key.Binding{
		hint("esc", "close"), move, short(keys.LoadMore, "more"), keys.Help, keys.Filter,
		short(keys.Select, "select"), short(keys.Export, "export"), short(keys.Copy, "copy"),
		short(keys.Pager, "pager"), short(keys.Raw, "raw"), short(keys.Decode, "decode"),
		hint("tab", "list/body"), short(keys.BinaryFmt, "hex/b64"), hint("q", "quit"),
	}
}
