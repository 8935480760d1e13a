package redrive

import (
	"fmt"
	"strings"

	"github.com/sqscope/sqscope/model"
	"github.com/sqscope/sqscope/ui/common"
	"github.com/sqscope/sqscope/ui/sanitize"
)

// maxSourceRows caps the source list, so a DLQ shared by many queues
// leaves room for the breakdowns and the move.
const maxSourceRows = 5

func (d *dlqView) title() string {
	return d.c.Styles.PaneTitle.Render("DLQ " + common.MiddleCut(common.OneLine(d.q.Name), max(d.width-4, 8)))
}

// facts are "17 visible · 20 in flight" and, once a message was peeked,
// "oldest peeked 1h 12m".
func (d *dlqView) facts() []string {
	s := common.Commas(d.q.Stats.Visible) + " visible"
	if d.q.Stats.InFlight > 0 {
		s += " · " + common.Commas(d.q.Stats.InFlight) + " in flight"
	}
	if d.oldest.IsZero() {
		return []string{s}
	}
	return []string{s, "oldest peeked " + common.Age(d.c.Now().Sub(d.oldest))}
}

func (d *dlqView) fieldName() string {
	if d.field < len(d.fields) {
		return d.fields[d.field].String()
	}
	return "field"
}

// fieldTitle is "By body.error.type · a/A step · f pick", the keys cut
// to "a/A/f" before the field's name is cut.
func (d *dlqView) fieldTitle(w int) string {
	name := sanitize.Line(d.fieldName())
	hint := " · " + d.groupHint(true)
	if 3+common.Width(name)+common.Width(hint) > w {
		hint = " · " + d.groupHint(false)
	}
	return d.c.Styles.HelpGroup.Render("By "+sanitize.Cut(d.fieldName(), max(w-3-common.Width(hint), 4))) +
		d.c.Styles.Muted.Render(hint)
}

func (d *dlqView) tallLines(block func(w int) []string) []string {
	w := d.width
	// One fact a line: the column is too narrow for both once a peek runs.
	lines := []string{d.title()}
	for _, f := range d.facts() {
		lines = append(lines, d.c.Styles.Muted.Render(f))
	}
	lines = append(lines, "", d.c.Styles.HelpGroup.Render("Sources"))
	for i, s := range d.sources {
		if i == maxSourceRows-1 && len(d.sources) > maxSourceRows {
			lines = append(lines, d.c.Styles.Muted.Render(fmt.Sprintf("  … %d more", len(d.sources)-i)))
			break
		}
		depth := "?"
		if s.known {
			depth = common.Commas(s.depth)
		}
		nameW := max(w-14, 4)
		lines = append(lines, "  ← "+common.PadRight(common.MiddleCut(common.OneLine(s.name), nameW), nameW)+common.PadLeft(depth, 8))
	}
	tail := block(w)
	// The breakdowns share what the sources and the move leave.
	room := d.height - len(lines) - len(tail) - 5
	if len(d.peeked) == 0 {
		empty := "no message peeked yet"
		if d.movedAway > 0 {
			empty = "every peeked message has gone (moved or deleted)"
		}
		lines = append(lines, "", d.c.Styles.Muted.Render(empty))
	} else {
		srcRows := min(len(d.bySource), max(room/3, 1))
		lines = append(lines, "", d.c.Styles.HelpGroup.Render(d.peekedTitle()+" · by source"))
		lines = append(lines, groupRows(d.bySource, srcRows, len(d.peeked), w, &d.c.Styles, cutName)...)
		lines = append(lines, "", d.fieldTitle(w))
		lines = append(lines, groupRows(d.byField, max(room-srcRows, 1), len(d.peeked), w, &d.c.Styles, sanitize.Cut)...)
	}
	return append(append(lines, ""), tail...)
}

// groupRows renders up to n groups as "value  count  ███", the bar scaled
// to the whole; a last row says how many groups did not fit.
// cut fits a raw value in: queue names lose their middle (cutName),
// other values their end (sanitize.Cut, which reads only what fits).
func groupRows(gs []model.Group, n, total, w int, st *common.Styles, cut func(string, int) string) []string {
	if len(gs) > n {
		n = max(n-1, 0)
	}
	barW := max(min(w/5, 12), 1)
	valW := max(w-2-2-6-barW, 4)
	var out []string
	for _, g := range gs[:min(n, len(gs))] {
		bar := strings.Repeat("█", max(g.Count*barW/max(total, 1), 1))
		out = append(out, "  "+common.PadRight(cut(g.Value, valW), valW)+common.PadLeft(common.Commas(int64(g.Count)), 6)+
			"  "+st.SparkVisible.Render(bar))
	}
	if rest := len(gs) - n; rest > 0 {
		out = append(out, st.Muted.Render(fmt.Sprintf("  … %s more", common.Plural(rest, "value"))))
	}
	return out
}

func (d *dlqView) shortLines(block func(w int) []string) []string {
	lines := []string{d.title() + d.c.Styles.Muted.Render(" · "+strings.Join(d.facts(), " · "))}
	var srcs []string
	for _, s := range d.sources {
		depth := ""
		if s.known {
			depth = " " + common.Commas(s.depth)
		}
		srcs = append(srcs, cutName(s.name, 24)+depth)
	}
	lines[0] += d.c.Styles.Muted.Render(" · ← ") + strings.Join(srcs, ", ")
	if len(d.peeked) > 0 {
		src := "by source "
		if d.sampled() {
			// "of" and the depth only: the tall layout's words do not fit.
			src = fmt.Sprintf("by source, %d of %s: ", len(d.peeked), common.Commas(d.q.Stats.Total()))
		}
		label := "by " + sanitize.Cut(d.fieldName(), 24) + " (" + d.groupHint(false) + ") "
		lines = append(lines,
			d.c.Styles.Label.Render(src)+inlineGroups(d.bySource, d.width-common.Width(src), cutName),
			d.c.Styles.Label.Render(label)+inlineGroups(d.byField, d.width-common.Width(label), sanitize.Cut))
	}
	mv := block(d.width)
	return append(lines, mv[:min(len(mv), 2)]...) // an error shows in the status bar too
}

// inlineGroups is "orders 4 · billing 1", cut to w cells; cut fits each
// value in, as in groupRows.
func inlineGroups(gs []model.Group, w int, cut func(string, int) string) string {
	var parts []string
	for _, g := range gs {
		parts = append(parts, cut(g.Value, 30)+" "+common.Commas(int64(g.Count)))
	}
	return common.Trunc(strings.Join(parts, " · "), max(w, 1))
}

// View renders the pane: tall and itemised beside the peek pane, or four
// dense lines above it on a narrow terminal; block is the move's lines.
func (d *dlqView) view(block func(w int) []string) string {
	if d.wide {
		return common.Block(d.tallLines(block), d.width, d.height)
	}
	return common.Block(d.shortLines(block), d.width, d.height)
}

// cutName is a queue name, safe and fitted to w cells by its middle.
func cutName(name string, w int) string { return common.MiddleCut(sanitize.Line(name), w) }

// peekedTitle says how many messages the breakdowns count, and that they
// are a sample whenever the queue holds more than were peeked.
func (d *dlqView) peekedTitle() string {
	if !d.sampled() {
		return fmt.Sprintf("Peeked %d", len(d.peeked))
	}
	return fmt.Sprintf("Peeked %d of %s (a sample)", len(d.peeked), common.Commas(d.q.Stats.Total()))
}

// sampled reports whether the queue holds more messages than were peeked.
func (d *dlqView) sampled() bool { return int64(len(d.peeked)) < d.q.Stats.Total() }
