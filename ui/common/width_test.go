package common

import (
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// The fast path must agree with ansi.StringWidth whenever it answers.
func TestWidthAgreesWithANSI(t *testing.T) {
	for _, s := range []string{
		"", "orders", "→ orders-dlq", "DLQ ← billing, shipping", "▁▂▃▄▅▆▇█", "───",
		"\x1b[1;36msqscope\x1b[m v1", "\x1b[38;2;1;2;3mx\x1b[0m", "café …·±", "✗ error",
		"日本語", "👍 ok", "e\u0301", "\x1b]8;;http://x\x07link\x1b]8;;\x07", "tab\there",
		"soft\u00adhyphen", "\x1b[", "a\x1b[12",
	} {
		if got, want := Width(s), ansi.StringWidth(s); got != want {
			t.Errorf("width(%q) = %d, ansi says %d", s, got, want)
		}
	}
	if _, ok := fastWidth("日本語"); ok {
		t.Error("wide characters must take the exact path")
	}
	if n, ok := fastWidth("\x1b[7m> orders\x1b[m ▂▅█"); !ok || n != 12 {
		t.Errorf("styled ASCII and blocks: %d, %v", n, ok)
	}
}
