package peek

import (
	"strings"
	"testing"

	"github.com/sqscope/sqscope/ui/common"
)

// TestBinaryHexFitsNarrowPane: a full hex row is 78 cells. At 80 columns it
// keeps its offsets; beside the DLQ pane (76 columns) the offsets go rather
// than the printable column being cut.
func TestBinaryHexFitsNarrowPane(t *testing.T) {
	st := common.PlainStyles()
	v := []byte("0123456789abcdef\x1b[2J-more-bytes-")
	for _, c := range []struct {
		pane    int
		offsets bool
	}{{120, true}, {80, true}, {76, false}, {60, false}} {
		rows := binaryLines(v, false, c.pane-4, &st)
		if len(rows) != 2 {
			t.Fatalf("pane %d: %d rows, want 2", c.pane, len(rows))
		}
		for _, r := range rows {
			if c.pane >= 76 && common.Width(r) > c.pane {
				t.Errorf("pane %d: row of %d cells: %q", c.pane, common.Width(r), r)
			}
			if !strings.HasSuffix(r, "|") {
				t.Errorf("pane %d: the printable column is not whole: %q", c.pane, r)
			}
		}
		if got := strings.Contains(rows[1], "00000010"); got != c.offsets {
			t.Errorf("pane %d: offsets shown %v, want %v: %q", c.pane, got, c.offsets, rows[1])
		}
	}
}
