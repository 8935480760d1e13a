package ui

import (
	"strings"
	"testing"
)

// A served session (Options.Confined) runs on the server's host: S edits
// in the app whatever $EDITOR says (the host's vi would hand a key holder
// its shell), and the pager, the export to a file and send from a file
// neither act nor show, help saying why.
func TestConfinedSessionReachesNoHostProgramOrFile(t *testing.T) {
	t.Setenv("EDITOR", "vi")
	t.Setenv("VISUAL", "vi")
	a, _ := peekApp(t, 120, 36)
	a.com.Confined = true // as New does for Options.Confined
	a.applyKeys(a.ep.ReadOnly)

	selectQueue(t, a, "orders")
	drive(a, press(a, "S"))
	if !editing(a) {
		t.Fatalf("S in a served session did not open the in-app editor:\n%s", screen(a))
	}
	press(a, "esc")
	for a.dialogs.Top() != nil {
		press(a, "esc")
	}
	if cmd := press(a, "F"); cmd != nil || a.dialogs.Top() != nil {
		t.Error("F (send from a host file) acted in a served session")
	}
	openPeek(t, a, "orders-dlq")
	for _, k := range []string{"e", "o", "O"} {
		if cmd := press(a, k); cmd != nil || a.dialogs.Top() != nil {
			t.Errorf("%s (a host file or program) acted in a served session", k)
		}
	}
	if h := hintText(a); strings.Contains(h, "e export") {
		t.Errorf("hints offer the export: %q", h)
	}
	press(a, "P")
	if s := flat(screen(a)); !strings.Contains(s, "A served session cannot export to a file") || strings.Contains(s, "ctrl+e") {
		t.Errorf("the purge question offers an export to a host file:\n%s", screen(a))
	}
	press(a, "esc")
	press(a, "?")
	s := screen(a)
	if !strings.Contains(s, "off in a served session:") || !strings.Contains(s, "open body in $PAGER (o)") {
		t.Errorf("help does not say what a served session turns off:\n%s", s)
	}
}
