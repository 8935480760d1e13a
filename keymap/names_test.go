package keymap

import (
	"slices"
	"testing"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// Every binding has a name a config file can use, and the name leads back
// to that binding.
func TestEveryBindingHasAName(t *testing.T) {
	k := Default()
	all := All()
	if len(all) < 60 {
		t.Fatalf("only %d names: the reflection walk misses bindings", len(all))
	}
	for _, n := range all {
		b := k.Lookup(n)
		if b == nil || len(b.Keys()) == 0 {
			t.Errorf("%s: no binding or no keys", n)
		}
	}
	for _, want := range []string{"peek.delete", "list.drop-queue", "nav.page-up", "dlq.cancel-move", "global.quit", "peek.binary-fmt"} {
		if !slices.ContainsFunc(all, func(n Name) bool { return n.String() == want }) {
			t.Errorf("no binding named %s in %v", want, all)
		}
	}
	if got := Areas(); !slices.Equal(got, []string{"nav", "global", "list", "peek", "dlq", "dialog", "input", "form", "editor"}) {
		t.Errorf("areas %v", got)
	}
	if k.Lookup(Name{"peek", "nope"}) != nil || k.Lookup(Name{"nope", "quit"}) != nil {
		t.Error("an unknown name found a binding")
	}
}

func TestKebab(t *testing.T) {
	for in, want := range map[string]string{"DropQueue": "drop-queue", "DLQ": "dlq", "DLQFull": "dlq-full", "PageUp": "page-up",
		"Up": "up", "JSONKey": "json-key", "SparkInFlight": "spark-in-flight"} {
		if got := kebab(in); got != want {
			t.Errorf("kebab(%q) = %q, want %q", in, got, want)
		}
	}
}

// An override replaces the keys: the old one stops matching, the new ones
// match, help shows them, and read-only still disables a changed
// mutating binding.
func TestOverride(t *testing.T) {
	k := Default()
	if !k.Override(Name{"peek", "delete"}, []string{"D", "delete"}) {
		t.Fatal("override refused")
	}
	if key.Matches(press('x', "X"), k.Peek.Delete) {
		t.Error("X still deletes after the override")
	}
	if !key.Matches(tea.KeyPressMsg{Code: tea.KeyDelete}, k.Peek.Delete) || !key.Matches(press('d', "D"), k.Peek.Delete) {
		t.Error("the new keys do not delete")
	}
	if h := k.Peek.Delete.Help(); h.Key != "D/delete" || h.Desc != "peek: delete messages" {
		t.Errorf("help %+v", h)
	}
	ro := ReadOnly(k)
	if ro.Peek.Delete.Enabled() || key.Matches(press('d', "D"), ro.Peek.Delete) {
		t.Error("read-only does not disable an overridden mutating binding")
	}
	if k.Override(Name{"peek", "nope"}, []string{"x"}) {
		t.Error("an unknown binding took an override")
	}
}

// The defaults conflict nowhere but where they mean to (ctrl+c quits and
// interrupts; in a form the arrows move between fields, not in a list); a
// change that collides is reported with both bindings.
func TestConflicts(t *testing.T) {
	k := Default()
	if got := k.Conflicts(All()); len(got) != 0 {
		t.Errorf("the defaults conflict: %v", got)
	}
	k.Override(Name{"global", "quit"}, []string{"Q", "ctrl+c"})
	if got := k.Conflicts([]Name{{"global", "quit"}}); len(got) != 0 {
		t.Errorf("quit keeps the ctrl+c it shared with interrupt by default, yet: %v", got)
	}
	if got := k.Conflicts(nil); len(got) != 0 {
		t.Errorf("nothing changed, conflicts %v", got)
	}
	k.Override(Name{"peek", "copy"}, []string{"X"})
	k.Override(Name{"list", "sort"}, []string{"r"})
	k.Override(Name{"dialog", "yes"}, []string{"enter"})
	got := k.Conflicts([]Name{{"peek", "copy"}, {"list", "sort"}, {"dialog", "yes"}})
	var want []string
	for _, c := range got {
		want = append(want, c.String())
	}
	if !slices.Equal(want, []string{
		`"r" is bound to both global.refresh and list.sort`,
		`"X" is bound to both peek.copy and peek.delete`,
		`"enter" is bound to both dialog.yes and dialog.default`,
	}) {
		t.Errorf("conflicts:\n%q", want)
	}
}

// A hint that names a key the configuration took away shows the new keys.
func TestShortKeyFollowsOverrides(t *testing.T) {
	k := Default()
	if h := ShortKey(k.Global.Quit, "q", "quit").Help().Key; h != "q" {
		t.Errorf("default hint %q", h)
	}
	k.Override(Name{"global", "quit"}, []string{"Q", "ctrl+q"})
	if h := ShortKey(k.Global.Quit, "q", "quit").Help().Key; h != "Q/ctrl+q" {
		t.Errorf("hint after the override %q", h)
	}
	if h := ShortKey(k.Dialog.No, "n/esc/enter", "cancel").Help().Key; h != "n/esc/enter" {
		t.Errorf("confirmation hint %q", h)
	}
}
