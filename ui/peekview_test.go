package ui

import (
	"fmt"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
)

// peekGoldenStates are the peek pane's screens at each golden size.
var peekGoldenStates = []struct {
	name  string
	queue string
	keys  []string
}{
	{name: "peek_confirm", queue: "orders"},
	{name: "peek_json", queue: "orders-dlq"},
	{name: "peek_attributes", queue: "orders-dlq", keys: []string{"tab", "G"}},
	{name: "peek_fifo", queue: "payments.fifo", keys: []string{"space", "tab", "j", "j", "j", "j", "j"}},
	{name: "peek_filter", queue: "orders-dlq", keys: []string{"/", "o", "r", "d", "-", "1", "0", "0", "3", "enter"}},
	{name: "peek_export", queue: "orders-dlq", keys: []string{"space", "e"}},
}

func TestGoldenPeek(t *testing.T) {
	for _, size := range goldenSizes {
		for _, st := range peekGoldenStates {
			t.Run(fmt.Sprintf("%dx%d/%s", size.w, size.h, st.name), func(t *testing.T) {
				a, _ := peekApp(t, size.w, size.h)
				if st.name == "peek_confirm" {
					selectQueue(t, a, st.queue)
					press(a, "p")
				} else {
					openPeek(t, a, st.queue)
				}
				press(a, st.keys...)
				content := a.View().Content
				assertFits(t, content, size.w, size.h)
				golden.RequireEqual(t, ansi.Strip(content))
			})
		}
	}
}

// Every peek screen fits every size, tiny ones included.
func TestPeekNothingOverflowsAtAnySize(t *testing.T) {
	for _, size := range []struct{ w, h int }{
		{80, 24}, {100, 30}, {120, 36}, {200, 60}, {60, 15}, {40, 10}, {20, 5}, {1, 1},
	} {
		for _, st := range peekGoldenStates {
			t.Run(fmt.Sprintf("%dx%d/%s", size.w, size.h, st.name), func(t *testing.T) {
				a, _ := peekApp(t, 120, 36)
				if st.name == "peek_confirm" {
					selectQueue(t, a, st.queue)
					press(a, "p")
				} else {
					openPeek(t, a, st.queue)
				}
				press(a, st.keys...)
				a.Update(tea.WindowSizeMsg{Width: size.w, Height: size.h})
				assertFits(t, a.View().Content, size.w, size.h)
			})
		}
	}
}

// JSON is highlighted in colour, and not at all under NO_COLOR.
func TestPeekNoColor(t *testing.T) {
	render := func() string {
		a, _ := peekApp(t, 120, 36)
		openPeek(t, a, "orders-dlq")
		return a.View().Content
	}
	t.Setenv("NO_COLOR", "")
	if !strings.Contains(render(), "\x1b[32m\"ORD-1001\"") {
		t.Fatal("JSON strings not coloured in the default theme; this test could not fail")
	}
	t.Setenv("NO_COLOR", "1")
	out := render()
	if c := colourParams(out); len(c) > 0 {
		t.Errorf("NO_COLOR set but colour parameters %v rendered", c)
	}
	if !strings.Contains(ansi.Strip(out), `"orderId": "ORD-1001"`) {
		t.Error("the body is not shown without colour")
	}
}
