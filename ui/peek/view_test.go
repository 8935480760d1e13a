package peek

import (
	"fmt"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/sqscope/sqscope/ui/internal/uitest"
)

// Every message of the hostile corpus, in every display mode, scrolled to
// its top, middle and bottom, at both golden widths (and beside the DLQ
// pane's column): nothing from it reaches the terminal as a control.
func TestRendersHostileMessagesSafely(t *testing.T) {
	msgs := uitest.HostileMessages(t)
	for _, size := range []struct{ w, h int }{{120, 33}, {76, 33}, {80, 21}} {
		p, f := newPane(t, size.w, size.h)
		p.c.Styles = uitest.BareStyles()
		f.Messages[queue("orders-dlq").URL] = msgs
		openAll(t, p, "orders-dlq", len(msgs))
		press(p, "g")
		for i := range p.Messages() {
			name := fmt.Sprintf("%dx%d message %d", size.w, size.h, i)
			uitest.AssertSafe(t, name+" list", p.View())
			press(p, "tab")
			for _, mode := range []string{"", "v", "v", "d", "b"} {
				if mode != "" {
					press(p, mode)
				}
				uitest.AssertSafe(t, name+" top "+mode, p.View())
				p.body.off = p.body.total() / 2
				uitest.AssertSafe(t, name+" middle "+mode, p.View())
				press(p, "G")
				uitest.AssertSafe(t, name+" bottom "+mode, p.View())
				assertFits(t, p.View(), size.w, size.h)
				press(p, "g")
			}
			press(p, "d", "b", "tab", "j")
		}
	}
}

// assertFits fails when any line is wider than w cells or there are more
// than h lines.
func assertFits(t *testing.T, content string, w, h int) {
	t.Helper()
	lines := ansi.Strip(content)
	n := 0
	for _, l := range splitLines(lines) {
		n++
		if cw := ansi.StringWidth(l); cw > w {
			t.Errorf("line %d is %d cells wide, the pane has %d: %q", n, cw, w, l)
		}
	}
	if n > h {
		t.Errorf("%d lines, the pane has %d", n, h)
	}
}

func splitLines(s string) []string {
	var out []string
	start := 0
	for i := range len(s) {
		if s[i] == '\n' {
			out = append(out, s[start:i])
			start = i + 1
		}
	}
	return append(out, s[start:])
}
