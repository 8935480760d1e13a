package queues

import (
	"strings"

	"github.com/sqscope/sqscope/model"
	"github.com/sqscope/sqscope/ui/common"
	"github.com/sqscope/sqscope/ui/sanitize"
)

// columns are the queue list's column widths, computed once per resize.
type columns struct {
	name, kind, num, delayed, rel int
	shortKind                     bool // "Std" instead of "Standard"
}

const markerWidth = 2 // cursor ">" and DLQ "!"

// layoutColumns shares width among the columns: counts keep a fixed width,
// the name and DLQ relation share the rest, the name getting more but never
// more than the longest name needs.
func layoutColumns(width, longestName int) columns {
	c := columns{kind: 8, num: 9, delayed: 7}
	if width < 100 {
		c.kind, c.shortKind = 4, true
	}
	fixed := markerWidth + c.kind + 2*c.num + c.delayed + 5 // 5 separating spaces
	rest := max(width-fixed, 0)
	c.name = max(rest*3/5, min(rest, 12))
	c.name = min(c.name, 48, max(longestName, len("queue")))
	c.rel = max(rest-c.name, 0)
	return c
}

// header is the column header row.
func (c columns) header() string {
	return strings.Join([]string{
		strings.Repeat(" ", markerWidth) + common.PadRight("queue", c.name),
		common.PadRight("type", c.kind),
		common.PadLeft("visible", c.num),
		common.PadLeft("in flight", c.num),
		common.PadLeft("delayed", c.delayed),
		common.PadRight("DLQ", c.rel),
	}, " ")
}

// kindLabel is Standard/FIFO, abbreviated on narrow screens.
func (c columns) kindLabel(q model.Queue) string {
	if q.IsFIFO() {
		return "FIFO"
	}
	if c.shortKind {
		return "Std"
	}
	return "Standard"
}

// cells renders a row's text after the name: type, counts (or the error),
// and the DLQ relation. It is plain text; the list styles the whole row.
func (c columns) cells(q model.Queue, g model.DLQGraph) string {
	var b strings.Builder
	b.WriteString(common.PadRight(c.kindLabel(q), c.kind))
	b.WriteByte(' ')
	rel := relation(q, g, c.rel)
	if q.Err != nil {
		// The error may use the relation column too when there is none.
		w := 2*c.num + c.delayed + 2
		if rel == "" {
			b.WriteString(common.PadRight("error: "+common.ErrText(q.Err), w+1+c.rel))
			return b.String()
		}
		b.WriteString(common.PadRight("error: "+common.ErrText(q.Err), w))
	} else {
		b.WriteString(common.PadLeft(common.Commas(q.Stats.Visible), c.num))
		b.WriteByte(' ')
		b.WriteString(common.PadLeft(common.Commas(q.Stats.InFlight), c.num))
		b.WriteByte(' ')
		b.WriteString(common.PadLeft(common.Commas(q.Stats.Delayed), c.delayed))
	}
	b.WriteByte(' ')
	b.WriteString(common.PadRight(rel, c.rel))
	return b.String()
}

// relation describes the queue's place in the DLQ graph both ways: a DLQ
// names its sources ("DLQ ← orders, billing", or "DLQ ← 3 sources" when the
// names do not fit) and a source names its DLQ ("→ orders-dlq").
func relation(q model.Queue, g model.DLQGraph, w int) string {
	var parts []string
	if srcs := g.SourcesOf(q.ARN); len(srcs) > 0 {
		names := make([]string, len(srcs))
		for i, s := range srcs {
			names[i] = sanitize.Line(g.Name(s))
		}
		s := "DLQ ← " + strings.Join(names, ", ")
		if len(srcs) > 1 && common.Width(s) > w {
			s = "DLQ ← " + common.Plural(len(srcs), "source")
		}
		parts = append(parts, s)
	}
	if dlq, ok := g.DLQOf(q.ARN); ok {
		parts = append(parts, "→ "+sanitize.Line(g.Name(dlq)))
	}
	return strings.Join(parts, " ")
}

// dlqWithMessages reports whether q is a dead-letter queue holding
// messages: the rows an on-call engineer must not miss.
func dlqWithMessages(q model.Queue, g model.DLQGraph) bool {
	return q.Err == nil && g.IsDLQ(q.ARN) && q.Stats.Total() > 0
}
