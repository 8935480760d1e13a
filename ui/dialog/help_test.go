package dialog_test

import (
	"strings"
	"testing"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/sqscope/sqscope/ui/dialog"
	"github.com/sqscope/sqscope/ui/internal/uitest"
)

// Help taller than the screen scrolls: every binding can be reached, the
// title says which rows show, and the hints offer the scroll.
func TestHelpScrollsOnASmallScreen(t *testing.T) {
	h := dialog.NewHelp(com(), nil)
	h.SetSize(80, 20)
	first := ansi.Strip(h.View())
	if !strings.Contains(first, "rows 1–19 of") || strings.Contains(first, "q/ctrl+c") {
		t.Fatalf("top of a help too tall for 20 rows:\n%s", first)
	}
	if !strings.Contains(hintText(h), "scroll") {
		t.Errorf("hints do not offer the scroll: %q", hintText(h))
	}
	h.Update(uitest.Key("end"))
	last := ansi.Strip(h.View())
	if !strings.Contains(last, "q/ctrl+c") || strings.Contains(last, "rows 1–") {
		t.Errorf("end does not reach the last binding:\n%s", last)
	}
	if n := lipgloss.Height(h.View()); n != 20 {
		t.Errorf("help is %d rows, want 20", n)
	}
	h.SetSize(200, 60)
	if tall := ansi.Strip(h.View()); strings.Contains(tall, "scroll") || strings.Contains(hintText(h), "scroll") {
		t.Errorf("a screen that fits everything still offers a scroll:\n%s", tall)
	}
}

func hintText(h *dialog.Help) string {
	var b strings.Builder
	for _, k := range h.Hints() {
		b.WriteString(k.Help().Key + " " + k.Help().Desc + " ")
	}
	return b.String()
}
