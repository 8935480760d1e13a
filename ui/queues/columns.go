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
	age                           int  // oldest message; 0: no column (no CloudWatch)
	shortKind                     bool // "Std" instead of "Standard"
}

// ageWidth fits "oldest" and "12h!".
const ageWidth = 6

const markerWidth = 2 // cursor ">" and DLQ "!"

// layoutColumns shares width among the columns: counts keep a fixed width,
// the name and the DLQ relation share the rest. The name comes first: it
// gets what the longest name needs (up to 48 cells, at least 12), leaving
// the relation what it needs up to relFloor cells ("→ orders-dlq", "DLQ ←
// 2 sources"); the relation gets the rest. A name or relation cut still
// keeps its distinguishing end (common.MiddleCut). The age of the oldest
// message has a column only with CloudWatch, which alone knows it.
func layoutColumns(width, longestName, longestRel int, age bool) columns {
	c := columns{kind: 8, num: 9, delayed: 7}
	if width < 100 {
		c.kind, c.shortKind = 4, true
	}
	fixed := markerWidth + c.kind + 2*c.num + c.delayed + 5 // 5 separating spaces
	if age {
		c.age = ageWidth
		fixed += c.age + 1
	}
	rest := max(width-fixed, 0)
	name := min(max(longestName, len("queue")), 48)
	rel := min(max(longestRel, len("DLQ")), relFloor)
	c.name = min(name, max(rest-rel, min(rest, 12)))
	c.rel = max(rest-c.name, 0)
	return c
}

// relFloor is what the relation keeps before the name gets more.
const relFloor = 16

// header is the column header row.
func (c columns) header() string {
	cols := []string{
		strings.Repeat(" ", markerWidth) + common.PadRight("queue", c.name),
		common.PadRight("type", c.kind),
		common.PadLeft("visible", c.num),
		common.PadLeft("in flight", c.num),
		common.PadLeft("delayed", c.delayed),
	}
	if c.age > 0 {
		cols = append(cols, common.PadLeft("oldest", c.age))
	}
	return strings.Join(append(cols, common.PadRight("DLQ", c.rel)), " ")
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
// the age of the oldest message and the DLQ relation, as plain text in
// three parts, so that the list can style the whole row or the age alone.
func (c columns) cells(q model.Queue, g model.DLQGraph, age string) (pre, ageCell, post string) {
	var b strings.Builder
	b.WriteString(common.PadRight(c.kindLabel(q), c.kind))
	b.WriteByte(' ')
	rel := relation(q, g, c.rel)
	if q.Err != nil {
		// The error takes the counts' and the age's room, and the
		// relation's too when there is none.
		w := 2*c.num + c.delayed + 2
		if c.age > 0 {
			w += c.age + 1
		}
		if rel == "" {
			b.WriteString(common.PadRight("error: "+common.ErrText(q.Err), w+1+c.rel))
			return b.String(), "", ""
		}
		b.WriteString(common.PadRight("error: "+common.ErrText(q.Err), w))
		b.WriteByte(' ')
		return b.String(), "", common.PadRight(rel, c.rel)
	}
	b.WriteString(common.PadLeft(common.Commas(q.Stats.Visible), c.num))
	b.WriteByte(' ')
	b.WriteString(common.PadLeft(common.Commas(q.Stats.InFlight), c.num))
	b.WriteByte(' ')
	b.WriteString(common.PadLeft(common.Commas(q.Stats.Delayed), c.delayed))
	b.WriteByte(' ')
	if c.age > 0 {
		ageCell = common.PadLeft(age, c.age) + " "
	}
	return b.String(), ageCell, common.PadRight(rel, c.rel)
}

// relation describes the queue's place in the DLQ graph both ways, in at
// most w cells: a DLQ names its sources ("DLQ ← orders, billing", or "DLQ
// ← 3 sources" when the names do not fit) and a source names its DLQ ("→
// orders-dlq"). A name that does not fit is cut in the middle, so that
// the DLQs of similar queues can still be told apart.
func relation(q model.Queue, g model.DLQGraph, w int) string {
	srcs := g.SourcesOf(q.ARN)
	dlq, hasDLQ := g.DLQOf(q.ARN)
	out := ""
	if len(srcs) > 0 {
		room := w
		if hasDLQ {
			room = (w - 1) / 2 // a chained DLQ: both halves
		}
		names := make([]string, len(srcs))
		for i, s := range srcs {
			names[i] = sanitize.Line(g.Name(s))
		}
		out = "DLQ ← " + strings.Join(names, ", ")
		switch {
		case common.Width(out) <= room:
		case len(srcs) > 1:
			out = "DLQ ← " + common.Plural(len(srcs), "source")
		default:
			out = "DLQ ← " + common.MiddleCut(names[0], room-6)
		}
	}
	if hasDLQ {
		room := w
		if out != "" {
			out += " "
			room -= common.Width(out)
		}
		out += "→ " + common.MiddleCut(sanitize.Line(g.Name(dlq)), room-2)
	}
	return out
}

// dlqWithMessages reports whether q is a dead-letter queue holding
// messages: the rows an on-call engineer must not miss.
func dlqWithMessages(q model.Queue, g model.DLQGraph) bool {
	return q.Err == nil && g.IsDLQ(q.ARN) && q.Stats.Total() > 0
}
