package ui

import (
	"fmt"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/sqscope/sqscope/ui/internal/uitest"
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

// The whole frame — the peek pane, the DLQ pane's breakdowns, the header,
// the status line and the hints — with every message of the hostile
// corpus, in every display mode, at both golden sizes: nothing from a
// message reaches the terminal as a control, and the frame fits.
func TestHostileMessagesReachNoFrame(t *testing.T) {
	msgs := uitest.HostileMessages(t)
	for _, size := range goldenSizes {
		a, f := peekApp(t, size.w, size.h)
		a.com.Styles = bareStyles()
		f.Messages[testQueue("orders-dlq", 0, 0, 0, "").URL] = msgs
		openPeek(t, a, "orders-dlq")
		for len(a.peek.Messages()) < len(msgs) {
			n := len(a.peek.Messages())
			drive(a, press(a, "n"))
			if len(a.peek.Messages()) == n {
				t.Fatalf("%d of %d messages read", n, len(msgs))
			}
		}
		frame := func(what string) {
			t.Helper()
			content := a.View().Content
			uitest.AssertSafe(t, fmt.Sprintf("%dx%d %s", size.w, size.h, what), content)
			assertFits(t, content, size.w, size.h)
		}
		for range 4 { // the breakdown grouped by several fields
			frame("breakdown " + byLine(screen(a)))
			press(a, "a")
		}
		press(a, "g")
		for i := range msgs {
			for _, mode := range []string{"", "tab", "v", "d", "b", "G"} {
				if mode != "" {
					press(a, mode)
				}
				frame(fmt.Sprintf("message %d %s", i, mode))
			}
			press(a, "v", "d", "b", "g", "tab", "j")
		}
	}
}
