package queues

import (
	"errors"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/sqscope/sqscope/model"
	"github.com/sqscope/sqscope/ui/internal/uitest"
)

func TestRelationBothWays(t *testing.T) {
	qs := []model.Queue{
		uitest.Queue("orders", 1, 0, 0, "orders-dlq"),
		uitest.Queue("orders-dlq", 0, 0, 0, ""),
		uitest.Queue("billing", 1, 0, 0, "shared-dlq"),
		uitest.Queue("shipping", 1, 0, 0, "shared-dlq"),
		uitest.Queue("zeta", 1, 0, 0, "shared-dlq"),
		uitest.Queue("shared-dlq", 3, 0, 0, ""),
		uitest.Queue("chained-dlq", 0, 0, 0, "final-dlq"),
		uitest.Queue("feeds-chain", 0, 0, 0, "chained-dlq"),
	}
	g := model.BuildDLQGraph(qs)
	cases := []struct {
		q     model.Queue
		width int
		want  string
	}{
		{qs[0], 40, "→ orders-dlq"},
		{qs[1], 40, "DLQ ← orders"},
		{qs[5], 40, "DLQ ← billing, shipping, zeta"},
		{qs[5], 20, "DLQ ← 3 sources"},
		{qs[6], 40, "DLQ ← feeds-chain → final-dlq"},
		{uitest.Queue("lonely", 0, 0, 0, ""), 40, ""},
	}
	for _, c := range cases {
		if got := relation(c.q, g, c.width); got != c.want {
			t.Errorf("relation(%s, %d) = %q, want %q", c.q.Name, c.width, got, c.want)
		}
	}
	if !dlqWithMessages(qs[5], g) || dlqWithMessages(qs[1], g) || dlqWithMessages(qs[0], g) {
		t.Error("dlqWithMessages wrong")
	}
	broken := qs[5]
	broken.Err = errors.New("denied")
	if dlqWithMessages(broken, g) {
		t.Error("a row whose counts are unknown must not claim messages")
	}
}

func TestSparkline(t *testing.T) {
	cases := []struct {
		in    []int64
		width int
		want  string
	}{
		{nil, 4, "    "},
		{[]int64{0, 0, 0}, 3, "▁▁▁"},
		{[]int64{5, 5}, 3, " ▄▄"},
		{[]int64{0, 1, 8}, 3, "▁▃█"},
		{[]int64{100, 107, 114}, 3, "▂▅█"},
		{[]int64{1, 2, 3, 4, 5, 6, 7, 8}, 3, "▂▅█"},
		{[]int64{9}, 0, ""},
	}
	for _, c := range cases {
		got := sparkline(c.in, c.width)
		if got != c.want {
			t.Errorf("sparkline(%v, %d) = %q, want %q", c.in, c.width, got, c.want)
		}
		if n := ansi.StringWidth(got); n != c.width {
			t.Errorf("sparkline(%v, %d) is %d cells", c.in, c.width, n)
		}
	}
	if strings.ContainsRune(sparkline([]int64{3, 0, 3}, 3)[3:6], '▂') {
		t.Error("zero must draw the floor bar, not the lowest non-zero bar")
	}
}
