package keymap

import (
	"slices"
	"testing"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

func press(code rune, text string) tea.KeyPressMsg {
	return tea.KeyPressMsg{Code: code, Text: text}
}

func TestDefaultMatchesDocumentedKeys(t *testing.T) {
	k := Default()
	cases := []struct {
		name string
		msg  tea.KeyPressMsg
		b    key.Binding
	}{
		{"j moves down", press('j', "j"), k.Nav.Down},
		{"down arrow moves down", press(tea.KeyDown, ""), k.Nav.Down},
		{"k moves up", press('k', "k"), k.Nav.Up},
		{"G goes to bottom", tea.KeyPressMsg{Code: 'g', ShiftedCode: 'G', Text: "G", Mod: tea.ModShift}, k.Nav.Bottom},
		{"slash filters", press('/', "/"), k.List.Filter},
		{"enter opens", press(tea.KeyEnter, ""), k.List.Open},
		{"i shows details", press('i', "i"), k.List.Details},
		{"esc goes back", press(tea.KeyEscape, ""), k.Global.Back},
		{"tab changes pane", press(tea.KeyTab, ""), k.Global.NextPane},
		{"shift+tab changes pane back", tea.KeyPressMsg{Code: tea.KeyTab, Mod: tea.ModShift}, k.Global.PrevPane},
		{"ctrl+c quits", tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl}, k.Global.Quit},
		{"ctrl+c interrupts", tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl}, k.Global.Interrupt},
		{"a groups by the next field", press('a', "a"), k.DLQ.GroupBy},
		{"A groups by the previous field", tea.KeyPressMsg{Code: 'a', ShiftedCode: 'A', Text: "A", Mod: tea.ModShift}, k.DLQ.GroupPrev},
		{"f picks the field", press('f', "f"), k.DLQ.GroupPick},
		{"R redrives", tea.KeyPressMsg{Code: 'r', ShiftedCode: 'R', Text: "R", Mod: tea.ModShift}, k.DLQ.Redrive},
		{"y confirms", press('y', "y"), k.Dialog.Yes},
		{"Y confirms", tea.KeyPressMsg{Code: 'y', ShiftedCode: 'Y', Text: "Y", Mod: tea.ModShift}, k.Dialog.Yes},
		{"enter keeps a filter", press(tea.KeyEnter, ""), k.Input.Accept},
		{"n declines", press('n', "n"), k.Dialog.No},
		{"esc declines", press(tea.KeyEscape, ""), k.Dialog.No},
		{"enter takes the default", press(tea.KeyEnter, ""), k.Dialog.Default},
		{"the up arrow moves while typing", press(tea.KeyUp, ""), k.Input.Up},
	}
	for _, c := range cases {
		if !key.Matches(c.msg, c.b) {
			t.Errorf("%s: %q does not match %v", c.name, c.msg.String(), c.b.Keys())
		}
	}
	if key.Matches(press('r', "r"), k.DLQ.Redrive) {
		t.Error("lower-case r must refresh, not redrive")
	}
	if key.Matches(press('k', "k"), k.Input.Up) {
		t.Error("k is a letter of a filter, not a move, while typing")
	}
}

func TestReadOnlyDisablesOnlyMutatingBindings(t *testing.T) {
	k := ReadOnly(Default())
	if !k.ReadOnly {
		t.Fatal("ReadOnly flag not set")
	}
	r := tea.KeyPressMsg{Code: 'r', ShiftedCode: 'R', Text: "R", Mod: tea.ModShift}
	if key.Matches(r, k.DLQ.Redrive) {
		t.Error("redrive still matches in read-only mode")
	}
	for _, b := range []key.Binding{k.DLQ.CancelMove, k.DLQ.MoveTo, k.DLQ.Rate, k.DLQ.Forget} {
		if b.Enabled() {
			t.Errorf("%v still enabled in read-only mode", b.Keys())
		}
	}
	for _, b := range []key.Binding{k.DLQ.GroupBy, k.DLQ.GroupPrev, k.DLQ.GroupPick, k.DLQ.Grouping()} {
		if !b.Enabled() {
			t.Errorf("grouping the DLQ breakdown only reads; %v must stay enabled", b.Keys())
		}
	}
	for _, b := range []key.Binding{k.List.Peek, k.Peek.Copy, k.Global.Refresh, k.Global.Quit, k.List.Filter} {
		if !b.Enabled() {
			t.Errorf("%v disabled in read-only mode but does not mutate", b.Keys())
		}
	}
	if !Default().DLQ.Redrive.Enabled() {
		t.Error("ReadOnly changed the map it was given")
	}
}

// Read-only mode hides what it disabled from help (k9s's dangerous
// actions) and names it once instead; hints drop it too.
func TestReadOnlyHidesMutatingBindingsFromHelp(t *testing.T) {
	k := ReadOnly(Default())
	for _, g := range k.Groups() {
		for _, b := range g.Bindings {
			for _, m := range k.Mutating() {
				if b.Help() == m.Help() {
					t.Errorf("help group %q lists %q in read-only mode", g.Title, b.Help().Desc)
				}
			}
		}
	}
	off := 0
	for _, g := range k.Groups() {
		off += len(g.Off)
	}
	if off != len(k.Mutating()) {
		t.Errorf("help names %d disabled bindings, want %d", off, len(k.Mutating()))
	}
	for _, g := range Default().Groups() {
		if len(g.Off) != 0 {
			t.Errorf("group %q has disabled bindings outside read-only mode", g.Title)
		}
	}
	hs := Enabled([]key.Binding{k.DLQ.Redrive, Hint("type", "to filter"), k.Global.Help})
	if len(hs) != 2 || hs[0].Help().Key != "type" {
		t.Errorf("Enabled kept %v: want the hint and help, not the disabled redrive", hs)
	}
}

// Every binding that matches the same key while the same area has the
// keyboard would make one of them unreachable. The list and the peek pane
// are different areas: X deletes the queue in one and the messages in the
// other, E edits the queue or resends the message.
func TestNoKeyBoundTwice(t *testing.T) {
	k := Default()
	shared := []key.Binding{k.Global.Quit, k.Global.Help, k.Global.Refresh, k.Global.NextPane, k.Global.PrevPane,
		k.Global.Back, k.Global.Audit, k.Nav.Up, k.Nav.Down, k.Nav.PageUp, k.Nav.PageDown, k.Nav.Top, k.Nav.Bottom,
		k.DLQ.Grouping(), k.DLQ.Redrive, k.DLQ.MoveTo, k.DLQ.CancelMove,
		k.List.Purge} // the root routes P in both: the list's queue, the peeked one
	areas := map[string][]key.Binding{
		"list": {k.List.Filter, k.List.Open, k.List.Peek, k.List.Details, k.List.Sort,
			k.List.Send, k.List.SendFile, k.List.Create, k.List.Edit, k.List.DropQueue},
		"peek": {k.Peek.Filter, k.Peek.LoadMore, k.Peek.Select, k.Peek.Copy, k.Peek.CopyRaw, k.Peek.Pager,
			k.Peek.PagerRaw, k.Peek.Export, k.Peek.Raw, k.Peek.Decode, k.Peek.BinaryFmt, k.Peek.Delete, k.Peek.Resend},
	}
	for area, bs := range areas {
		seen := map[string]string{}
		for _, b := range append(slices.Clone(shared), bs...) {
			for _, k := range b.Keys() {
				if prev, ok := seen[k]; ok {
					t.Errorf("%s: key %q bound to both %q and %q", area, k, prev, b.Help().Desc)
				}
				seen[k] = b.Help().Desc
			}
		}
	}
	// The peek pane's own keys must not take a global, navigation or DLQ
	// key, which the root routes before the pane.
	outer := []key.Binding{k.Global.Quit, k.Global.Help, k.Global.Refresh, k.Global.NextPane, k.Global.PrevPane,
		k.Global.Back, k.Nav.Up, k.Nav.Down, k.Nav.PageUp, k.Nav.PageDown, k.Nav.Top, k.Nav.Bottom,
		k.DLQ.GroupBy, k.DLQ.GroupPrev, k.DLQ.GroupPick, k.DLQ.Redrive, k.DLQ.MoveTo, k.DLQ.CancelMove, k.Global.Command}
	taken := map[string]string{}
	for _, b := range outer {
		for _, key := range b.Keys() {
			taken[key] = b.Help().Desc
		}
	}
	for _, b := range []key.Binding{k.Peek.Filter, k.Peek.Body, k.Peek.LoadMore, k.Peek.Select, k.Peek.Copy,
		k.Peek.CopyRaw, k.Peek.Pager, k.Peek.PagerRaw, k.Peek.Export, k.Peek.Raw, k.Peek.Decode, k.Peek.BinaryFmt, k.List.Sort, k.List.Details,
		k.List.Peek, k.List.Filter} {
		for _, key := range b.Keys() {
			if d, ok := taken[key]; ok {
				t.Errorf("%q: %q would shadow %q", key, b.Help().Desc, d)
			}
		}
	}
}

func TestHelpListsEveryBinding(t *testing.T) {
	k := Default()
	n := 0
	for _, g := range k.FullHelp() {
		for _, b := range g {
			if b.Help().Key == "" || b.Help().Desc == "" {
				t.Errorf("binding %v has no help text", b.Keys())
			}
			n++
		}
	}
	// 45 bindings: 6 navigation, 7 queue, 7 general (: and ctrl+p), 11 messages, 6 DLQ,
	// 8 changes.
	if n != 45 {
		t.Errorf("full help lists %d bindings, want 45", n)
	}
	if len(k.ShortHelp()) == 0 {
		t.Error("empty short help")
	}
}

// The grouping keys share one help row and hint, which names each of them
// and matches each of them, so neither can drift from the bindings.
func TestGroupingNamesEveryGroupingKey(t *testing.T) {
	k := Default()
	g := k.DLQ.Grouping()
	if got := g.Help().Key; got != "a/A/f" {
		t.Errorf("grouping help key %q, want a/A/f", got)
	}
	for _, b := range []key.Binding{k.DLQ.GroupBy, k.DLQ.GroupPrev, k.DLQ.GroupPick} {
		for _, key := range b.Keys() {
			if !slices.Contains(g.Keys(), key) {
				t.Errorf("the grouping row leaves out %q (%s)", key, b.Help().Desc)
			}
		}
	}
}
