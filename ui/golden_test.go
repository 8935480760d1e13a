package ui

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
)

// The golden views: every screen state at the two sizes the issue names.
// Regenerate with: go test ./ui -run TestGolden -update
var goldenStates = []struct {
	name string
	keys []string
	text string // typed after keys
}{
	{name: "list"},
	{name: "by_depth", keys: []string{"s", "g", "j"}},
	{name: "filtering", keys: []string{"/"}, text: "ord"},
	{name: "filter_kept", keys: []string{"/"}, text: "dlq"},
	{name: "detail", keys: []string{"j", "j", "j", "j", "j", "j", "j", "i"}},
	{name: "help", keys: []string{"?"}},
}

var goldenSizes = []struct{ w, h int }{{120, 36}, {80, 24}}

func TestGolden(t *testing.T) {
	for _, size := range goldenSizes {
		for _, st := range goldenStates {
			t.Run(fmt.Sprintf("%dx%d/%s", size.w, size.h, st.name), func(t *testing.T) {
				a, _ := loadedApp(t, size.w, size.h)
				press(a, st.keys...)
				typeText(a, st.text)
				if st.name == "filter_kept" {
					press(a, "enter")
				}
				content := a.View().Content
				assertFits(t, content, size.w, size.h)
				golden.RequireEqual(t, ansi.Strip(content))
			})
		}
	}
}

// assertFits fails when any line is wider than w cells or there are more
// than h lines: the frame would wrap or scroll the terminal.
func assertFits(t *testing.T, content string, w, h int) {
	t.Helper()
	lines := strings.Split(content, "\n")
	if len(lines) > h {
		t.Errorf("%d lines, terminal has %d", len(lines), h)
	}
	for i, l := range lines {
		if n := ansi.StringWidth(l); n > w {
			t.Errorf("line %d is %d cells wide, terminal has %d: %q", i, n, w, ansi.Strip(l))
		}
	}
}

// Every size from tiny to huge, in every state, must fit.
func TestNothingOverflowsAtAnySize(t *testing.T) {
	for _, size := range []struct{ w, h int }{
		{80, 24}, {100, 30}, {120, 36}, {200, 60}, {60, 15}, {40, 10}, {20, 5}, {1, 1},
	} {
		for _, st := range goldenStates {
			a, _ := loadedApp(t, size.w, size.h)
			press(a, st.keys...)
			typeText(a, st.text)
			t.Run(fmt.Sprintf("%dx%d/%s", size.w, size.h, st.name), func(t *testing.T) {
				assertFits(t, a.View().Content, size.w, size.h)
			})
		}
	}
}

func TestViewUsesAltScreen(t *testing.T) {
	a, _ := loadedApp(t, 80, 24)
	if !a.View().AltScreen {
		t.Error("view does not ask for the alternate screen")
	}
}

var sgr = regexp.MustCompile("\x1b\\[([0-9;:]*)m")

// colourParams reports the SGR colour parameters (foreground, background,
// extended) found in s.
func colourParams(s string) []string {
	var found []string
	for _, m := range sgr.FindAllStringSubmatch(s, -1) {
		for p := range strings.SplitSeq(m[1], ";") {
			p, _, _ = strings.Cut(p, ":")
			n, err := strconv.Atoi(p)
			if err != nil {
				continue
			}
			if (n >= 30 && n <= 49) || (n >= 90 && n <= 107) {
				found = append(found, p)
			}
		}
	}
	return found
}

func TestNoColor(t *testing.T) {
	render := func() string {
		a, _ := loadedApp(t, 120, 36)
		a.Update(tea.KeyPressMsg{Code: 's', Text: "s"})
		return a.View().Content
	}
	t.Setenv("NO_COLOR", "")
	if len(colourParams(render())) == 0 {
		t.Fatal("the default theme renders no colour at all; this test could not fail")
	}
	// no-color.org: any non-empty value, not only what ParseBool accepts.
	t.Setenv("NO_COLOR", "yes")
	out := render()
	if c := colourParams(out); len(c) > 0 {
		t.Errorf("NO_COLOR set but colour parameters %v rendered", c)
	}
	plain := ansi.Strip(out)
	// Meaning survives without colour: the cursor and the DLQ alert marker.
	if !strings.Contains(plain, "> audit-log") {
		t.Errorf("no cursor marker without colour:\n%s", plain)
	}
	if !strings.Contains(plain, " !orders-dlq") {
		t.Errorf("no marker on the non-empty DLQ without colour:\n%s", plain)
	}
}
