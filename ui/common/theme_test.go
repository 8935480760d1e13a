package common

import (
	"context"
	"slices"
	"testing"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/sqscope/sqscope/keymap"
)

func TestParseColour(t *testing.T) {
	for _, good := range []string{"#ff0000", "#F00", "0", "255", "red", "Bright-Blue", "gray"} {
		if _, err := ParseColour(good); err != nil {
			t.Errorf("%q: %v", good, err)
		}
	}
	for _, bad := range []string{"", "#ff00", "256", "-1", "reddish", "ff0000", "#gg0000"} {
		if _, err := ParseColour(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

// Every style role can be themed, by its kebab-case name.
func TestThemeRoles(t *testing.T) {
	roles := ThemeRoles()
	for _, want := range []string{"app", "status-err", "dlq-full", "spark-in-flight", "json-key", "dialog", "read-only"} {
		if !slices.Contains(roles, want) {
			t.Errorf("no role %s in %v", want, roles)
		}
	}
}

// A theme colours what it names and keeps the attributes; NO_COLOR wins
// over it.
func TestThemeAndNoColor(t *testing.T) {
	theme := Theme{"status-err": "#ff0000", "dialog": "blue", "app": "5"}
	t.Setenv("NO_COLOR", "")
	s := StylesFor(theme)
	if s.StatusErr.GetForeground() != lipgloss.Color("#ff0000") || !s.StatusErr.GetBold() {
		t.Errorf("status-err: %v bold %v", s.StatusErr.GetForeground(), s.StatusErr.GetBold())
	}
	if s.Dialog.GetBorderTopForeground() != lipgloss.Color("4") || s.App.GetForeground() != lipgloss.Color("5") {
		t.Error("dialog border or app not themed")
	}
	if s.Muted.GetForeground() != DefaultStyles().Muted.GetForeground() {
		t.Error("a role the theme leaves out changed")
	}
	t.Setenv("NO_COLOR", "yes")
	s = StylesFor(theme)
	if _, none := s.StatusErr.GetForeground().(lipgloss.NoColor); !none || !s.StatusErr.GetBold() {
		t.Errorf("NO_COLOR: status-err foreground %v, want none (bold kept)", s.StatusErr.GetForeground())
	}
}

// The configuration's keys reach the panes, and read-only mode still hides
// a mutating binding that was moved to another key.
func TestNewWithKeys(t *testing.T) {
	keys := keymap.Default()
	keys.Override(keymap.Name{Area: "peek", Binding: "delete"}, []string{"D"})
	c := NewWith(context.Background(), keys, nil, false)
	if !key.Matches(tea.KeyPressMsg{Code: 'd', Text: "D"}, c.Keys.Peek.Delete) {
		t.Error("the override does not reach Common")
	}
	c = NewWith(context.Background(), keys, nil, true)
	if c.Keys.Peek.Delete.Enabled() || !c.Keys.ReadOnly {
		t.Error("read-only does not disable the overridden delete")
	}
}
