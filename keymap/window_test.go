package keymap

import (
	"testing"

	"charm.land/bubbles/v2/key"
)

// w cycles the metrics pane's history window: no other binding may match
// it, or one of the two would be unreachable; it only reads, so read-only
// mode keeps it.
func TestWindowKeyIsFree(t *testing.T) {
	k := Default()
	if !key.Matches(press('w', "w"), k.List.Window) {
		t.Fatal("w does not cycle the window")
	}
	for _, g := range k.Groups() {
		for _, b := range g.Bindings {
			if b.Help().Desc != k.List.Window.Help().Desc && key.Matches(press('w', "w"), b) {
				t.Errorf("w is also %q", b.Help().Desc)
			}
		}
	}
	if ro := ReadOnly(Default()); !ro.List.Window.Enabled() {
		t.Error("read-only mode disabled the history window, which only reads")
	}
}
