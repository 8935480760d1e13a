package ui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/sqscope/sqscope/awsclient"
	"github.com/sqscope/sqscope/keymap"
)

// configuredKeys are keymap.Default() with the overrides a configuration
// file would give.
func configuredKeys(overrides map[keymap.Name][]string) *keymap.KeyMap {
	k := keymap.Default()
	for n, keys := range overrides {
		k.Override(n, keys)
	}
	return &k
}

// The configuration's keys are the App's: the new key works, the old one
// does nothing, and help and the hints show the new one.
func TestConfiguredKeys(t *testing.T) {
	f := &fakeClient{List: testDataset(0), EP: awsclient.Endpoint{Region: "eu-west-1"}}
	a, _ := newTestApp(t, f, Options{Keys: configuredKeys(map[keymap.Name][]string{
		{Area: "global", Binding: "quit"}: {"Q", "ctrl+c"},
		{Area: "list", Binding: "sort"}:   {"o"},
	})})
	a.Update(tea.WindowSizeMsg{Width: 120, Height: 36})
	poll(a)
	if s := screen(a); !strings.Contains(s, "Q/ctrl+c quit") || !strings.Contains(s, "o sort") {
		t.Errorf("the hints do not show the configured keys:\n%s", s)
	}
	press(a, "?")
	if s := screen(a); !helpLine(s, "o", "sort name/depth/age") || !helpLine(s, "Q/ctrl+c", "quit") || helpLine(s, "s", "sort name/depth/age") {
		t.Errorf("help does not show the configured keys:\n%s", s)
	}
	press(a, "esc")
	if cmd := press(a, "q"); cmd != nil {
		if _, quit := cmd().(tea.QuitMsg); quit {
			t.Error("q still quits after quit moved to Q")
		}
	}
	cmd := press(a, "Q")
	if cmd == nil {
		t.Fatal("Q does nothing")
	}
	if _, quit := cmd().(tea.QuitMsg); !quit {
		t.Error("Q does not quit")
	}
}

// Read-only mode still hides a changing action moved to another key:
// help names the new key among those read-only mode turned off.
func TestConfiguredKeysReadOnly(t *testing.T) {
	f := &fakeClient{List: testDataset(0), EP: awsclient.Endpoint{Region: "eu-west-1"}}
	a, _ := newTestApp(t, f, Options{ReadOnly: true, Keys: configuredKeys(map[keymap.Name][]string{
		{Area: "dlq", Binding: "redrive"}: {"ctrl+r"},
	})})
	a.Update(tea.WindowSizeMsg{Width: 120, Height: 36})
	poll(a)
	press(a, "?")
	s := screen(a)
	if !strings.Contains(s, "off in read-only mode:") || !strings.Contains(s, "redrive DLQ (ctrl+r)") || helpLine(s, "ctrl+r", "redrive DLQ") {
		t.Errorf("help in read-only mode:\n%s", s)
	}
	if a.com.Keys.DLQ.Redrive.Enabled() {
		t.Error("the moved redrive is enabled in read-only mode")
	}
}

// helpLine reports whether some line of s shows key followed by desc, as
// help's columns do.
func helpLine(s, key, desc string) bool {
	for _, l := range strings.Split(s, "\n") {
		f := strings.Fields(l)
		for i := range f {
			if f[i] == key && i+1 < len(f) && strings.HasPrefix(strings.Join(f[i+1:], " "), desc) {
				return true
			}
		}
	}
	return false
}
