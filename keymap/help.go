package keymap

import (
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
)

// Group is a titled set of bindings for the help overlay.
type Group struct {
	Title    string
	Bindings []key.Binding
	// Off are the group's bindings read-only mode disabled: help names
	// them in one line instead of offering them.
	Off []key.Binding
}

// Groups returns the bindings the help overlay lists, grouped. Disabled
// bindings (read-only mode) are left out, as k9s leaves out its dangerous
// actions; Disabled names them for the overlay's one-line note.
func (k KeyMap) Groups() []Group {
	// In this order the overlay's columns fill evenly enough for 80×24.
	groups := []Group{
		{Title: "Queues", Bindings: []key.Binding{k.List.Filter, k.List.Open, k.List.Details, k.Global.Back, k.List.Sort, k.List.Window, k.Global.Refresh}},
		{Title: "Messages", Bindings: []key.Binding{
			k.List.Peek, k.Peek.LoadMore, k.Peek.Select, k.Peek.Copy, k.Peek.CopyRaw, k.Peek.Pager, k.Peek.PagerRaw, k.Peek.Export,
			k.Peek.Raw, k.Peek.Decode, k.Peek.BinaryFmt,
		}},
		{Title: "Navigation", Bindings: []key.Binding{k.Nav.Up, k.Nav.Down, k.Nav.PageUp, k.Nav.PageDown, k.Nav.Top, k.Nav.Bottom}},
		{Title: "Dead-letter queues", Bindings: []key.Binding{k.DLQ.Grouping(), k.DLQ.Redrive, k.DLQ.MoveTo, k.DLQ.Rate, k.DLQ.Forget, k.DLQ.CancelMove}},
		{Title: "Changes (each asks first)", Bindings: []key.Binding{
			k.List.Send, k.List.SendFile, k.Peek.Resend, k.Peek.Delete, k.List.Purge, k.List.Create, k.List.Edit, k.List.DropQueue,
		}},
		{Title: "General", Bindings: []key.Binding{k.Global.Command, k.Global.NextPane, k.Global.PrevPane, k.Global.Audit, k.Global.Switch, k.Global.Help, k.Global.Quit}},
	}
	for i, g := range groups {
		groups[i].Bindings = Enabled(g.Bindings)
		for _, b := range g.Bindings {
			if !b.Enabled() && len(b.Keys()) > 0 {
				groups[i].Off = append(groups[i].Off, b)
			}
		}
	}
	return groups
}

// Enabled is bs without its disabled bindings: what hints and help offer.
// A Hint has no keys of its own and is always kept.
func Enabled(bs []key.Binding) []key.Binding {
	out := make([]key.Binding, 0, len(bs))
	for _, b := range bs {
		if b.Enabled() || len(b.Keys()) == 0 {
			out = append(out, b)
		}
	}
	return out
}

// ShortHelp is the queue list's hint line; it implements help.KeyMap. It
// is ordered by importance, help first, because a narrow terminal cuts it
// from the right; the descriptions are shortened copies so that the line
// fits in 80 columns.
func (k KeyMap) ShortHelp() []key.Binding {
	move := key.NewBinding(
		key.WithKeys(append(k.Nav.Up.Keys(), k.Nav.Down.Keys()...)...),
		key.WithHelp("↑↓/jk", "move"),
	)
	quit := ShortKey(k.Global.Quit, "q", "quit") // ctrl+c too, as help says
	return []key.Binding{
		k.Global.Help, quit, move, k.List.Filter, Short(k.List.Open, "peek"), Short(k.List.Details, "details"),
		Short(k.List.Sort, "sort"), Short(k.Global.Refresh, "refresh"), Short(k.Global.NextPane, "pane"),
		Short(k.List.Send, "send"), Short(k.List.SendFile, "send file"),
	}
}

// FullHelp lists every binding help shows, by group; it implements
// help.KeyMap.
func (k KeyMap) FullHelp() [][]key.Binding {
	groups := k.Groups()
	out := make([][]key.Binding, len(groups))
	for i, g := range groups {
		out[i] = g.Bindings
	}
	return out
}

// Short is b with a shorter description, for a hint line.
func Short(b key.Binding, desc string) key.Binding {
	b.SetHelp(b.Help().Key, desc)
	return b
}

// ShortKey is b shown as keys (one of its keys, say) and desc: the hint
// stays tied to b, so it disappears with it in read-only mode. When the
// configuration gave b other keys, keys would name none that works, so
// b's own help keys are shown instead. (One that works is enough: a
// confirmation's "n/esc/enter" names enter, which another binding has.)
func ShortKey(b key.Binding, keys, desc string) key.Binding {
	if !slices.ContainsFunc(strings.Split(keys, "/"), func(k string) bool { return slices.Contains(b.Keys(), k) }) {
		keys = b.Help().Key
	}
	b.SetHelp(keys, desc)
	return b
}

// Hint is a hint that is not a binding of its own ("type to filter").
func Hint(keys, desc string) key.Binding { return key.NewBinding(key.WithHelp(keys, desc)) }

// Grouping is the grouping keys (next, previous, pick) as one binding, for
// help and hints: they belong together, and help at 80×24 has no row to
// spare for three.
func (d DLQ) Grouping() key.Binding {
	keys := slices.Concat(d.GroupBy.Keys(), d.GroupPrev.Keys(), d.GroupPick.Keys())
	help := d.GroupBy.Help().Key + "/" + d.GroupPrev.Help().Key + "/" + d.GroupPick.Help().Key
	return key.NewBinding(key.WithKeys(keys...), key.WithHelp(help, "group by: next/prev/pick"))
}
