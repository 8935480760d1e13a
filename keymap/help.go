package keymap

import "charm.land/bubbles/v2/key"

// Group is a titled set of bindings for the help overlay.
type Group struct {
	Title    string
	Bindings []key.Binding
}

// Groups returns every binding, grouped as the help overlay shows them. It
// includes disabled bindings: the overlay marks them instead of hiding them,
// so read-only users learn the action exists.
func (k KeyMap) Groups() []Group {
	// In this order the overlay's columns fill evenly enough for 80×24.
	return []Group{
		{Title: "Queues", Bindings: []key.Binding{k.Filter, k.Open, k.Details, k.Back, k.Sort, k.Refresh}},
		{Title: "Messages", Bindings: []key.Binding{
			k.Peek, k.LoadMore, k.Select, k.Copy, k.Pager, k.Export, k.Raw, k.Decode, k.BinaryFmt,
		}},
		{Title: "Navigation", Bindings: []key.Binding{k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom}},
		{Title: "Dead-letter queues", Bindings: []key.Binding{k.GroupBy, k.Redrive, k.MoveTo, k.Rate, k.CancelMove}},
		{Title: "General", Bindings: []key.Binding{k.NextPane, k.PrevPane, k.Help, k.Quit}},
	}
}

// ShortHelp is the status-bar hint line; it implements help.KeyMap. It is
// ordered by importance, help first, because a narrow terminal cuts it from
// the right; the descriptions are shortened copies so that the line fits
// in 80 columns.
func (k KeyMap) ShortHelp() []key.Binding {
	short := func(b key.Binding, desc string) key.Binding {
		b.SetHelp(b.Help().Key, desc)
		return b
	}
	move := key.NewBinding(
		key.WithKeys(append(k.Up.Keys(), k.Down.Keys()...)...),
		key.WithHelp("↑↓/jk", "move"),
	)
	quit := k.Quit
	quit.SetHelp("q", "quit") // ctrl+c too, as help says
	return []key.Binding{
		k.Help, quit, move, k.Filter, short(k.Open, "peek"), short(k.Details, "details"),
		short(k.Sort, "sort"), short(k.Refresh, "refresh"), short(k.NextPane, "pane"),
	}
}

// FullHelp lists every binding by group; it implements help.KeyMap. The
// bubbles help component hides disabled bindings, so read-only mode drops
// the mutating ones here; the UI's own overlay (which uses Groups) shows
// them marked instead.
func (k KeyMap) FullHelp() [][]key.Binding {
	groups := k.Groups()
	out := make([][]key.Binding, len(groups))
	for i, g := range groups {
		out[i] = g.Bindings
	}
	return out
}
