package keymap

import (
	"testing"

	tea "charm.land/bubbletea/v2"

	"charm.land/bubbles/v2/key"
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
		{"j moves down", press('j', "j"), k.Down},
		{"down arrow moves down", press(tea.KeyDown, ""), k.Down},
		{"k moves up", press('k', "k"), k.Up},
		{"G goes to bottom", tea.KeyPressMsg{Code: 'g', ShiftedCode: 'G', Text: "G", Mod: tea.ModShift}, k.Bottom},
		{"slash filters", press('/', "/"), k.Filter},
		{"enter opens", press(tea.KeyEnter, ""), k.Open},
		{"i shows details", press('i', "i"), k.Details},
		{"esc goes back", press(tea.KeyEscape, ""), k.Back},
		{"tab changes pane", press(tea.KeyTab, ""), k.NextPane},
		{"shift+tab changes pane back", tea.KeyPressMsg{Code: tea.KeyTab, Mod: tea.ModShift}, k.PrevPane},
		{"ctrl+c quits", tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl}, k.Quit},
		{"R redrives", tea.KeyPressMsg{Code: 'r', ShiftedCode: 'R', Text: "R", Mod: tea.ModShift}, k.Redrive},
	}
	for _, c := range cases {
		if !key.Matches(c.msg, c.b) {
			t.Errorf("%s: %q does not match %v", c.name, c.msg.String(), c.b.Keys())
		}
	}
	if key.Matches(press('r', "r"), k.Redrive) {
		t.Error("lower-case r must refresh, not redrive")
	}
}

func TestReadOnlyDisablesOnlyMutatingBindings(t *testing.T) {
	k := ReadOnly(Default())
	if !k.ReadOnly {
		t.Fatal("ReadOnly flag not set")
	}
	r := tea.KeyPressMsg{Code: 'r', ShiftedCode: 'R', Text: "R", Mod: tea.ModShift}
	if key.Matches(r, k.Redrive) {
		t.Error("redrive still matches in read-only mode")
	}
	for _, b := range []key.Binding{k.CancelMove, k.MoveTo, k.Rate} {
		if b.Enabled() {
			t.Errorf("%v still enabled in read-only mode", b.Keys())
		}
	}
	if !k.GroupBy.Enabled() {
		t.Error("grouping the DLQ breakdown only reads; it must stay enabled")
	}
	for _, b := range []key.Binding{k.Peek, k.Copy, k.Refresh, k.Quit, k.Filter} {
		if !b.Enabled() {
			t.Errorf("%v disabled in read-only mode but does not mutate", b.Keys())
		}
	}
	if !Default().Redrive.Enabled() {
		t.Error("ReadOnly changed the map it was given")
	}
}

// A key bound twice in the bindings that are live at the same time would
// make one of them unreachable.
func TestNoKeyBoundTwice(t *testing.T) {
	seen := map[string]string{}
	for _, g := range Default().Groups() {
		for _, b := range g.Bindings {
			for _, k := range b.Keys() {
				if prev, ok := seen[k]; ok {
					t.Errorf("key %q bound to both %q and %q", k, prev, b.Help().Desc)
				}
				seen[k] = b.Help().Desc
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
	// 30 bindings: 6 navigation, 6 queue, 4 general, 9 messages, 5 DLQ.
	if n != 30 {
		t.Errorf("full help lists %d bindings, want 30", n)
	}
	if len(k.ShortHelp()) == 0 {
		t.Error("empty short help")
	}
}
