package ui

import (
	"fmt"
	"strings"
	"time"

	"github.com/sqscope/sqscope/model"
	"github.com/sqscope/sqscope/ui/sanitize"
)

// maxSourceRows caps the source list, so a DLQ shared by many queues
// leaves room for the breakdowns and the move.
const maxSourceRows = 5

// View renders the pane: tall and itemised beside the peek pane, or four
// dense lines above it on a narrow terminal.
func (d dlqPane) View() string {
	if d.wide {
		return block(d.tallLines(), d.width, d.height)
	}
	return block(d.shortLines(), d.width, d.height)
}

func (d dlqPane) title() string {
	return d.st.PaneTitle.Render("DLQ " + oneLine(d.q.Name))
}

// facts are "17 visible · 20 in flight" and, once a message was peeked,
// "oldest peeked 1h 12m".
func (d dlqPane) facts() []string {
	s := commas(d.q.Stats.Visible) + " visible"
	if d.q.Stats.InFlight > 0 {
		s += " · " + commas(d.q.Stats.InFlight) + " in flight"
	}
	if d.oldest.IsZero() {
		return []string{s}
	}
	return []string{s, "oldest peeked " + age(d.now().Sub(d.oldest))}
}

func (d dlqPane) fieldName() string {
	if d.field < len(d.fields) {
		return d.fields[d.field].String()
	}
	return "field"
}

func (d dlqPane) tallLines() []string {
	w := d.width
	// One fact a line: the column is too narrow for both once a peek runs.
	lines := []string{d.title()}
	for _, f := range d.facts() {
		lines = append(lines, d.st.Muted.Render(f))
	}
	lines = append(lines, "", d.st.HelpGroup.Render("Sources"))
	for i, s := range d.sources {
		if i == maxSourceRows-1 && len(d.sources) > maxSourceRows {
			lines = append(lines, d.st.Muted.Render(fmt.Sprintf("  … %d more", len(d.sources)-i)))
			break
		}
		depth := "?"
		if s.known {
			depth = commas(s.depth)
		}
		lines = append(lines, "  ← "+padRight(oneLine(s.name), max(w-14, 4))+padLeft(depth, 8))
	}
	tail := d.moveBlock(w)
	// The breakdowns share what the sources and the move leave.
	room := d.height - len(lines) - len(tail) - 5
	if len(d.peeked) == 0 {
		empty := "no message peeked yet"
		if d.movedAway > 0 {
			empty = "every peeked message has moved away"
		}
		lines = append(lines, "", d.st.Muted.Render(empty))
	} else {
		srcRows := min(len(d.bySource), max(room/3, 1))
		lines = append(lines, "", d.st.HelpGroup.Render(fmt.Sprintf("Peeked %d · by source", len(d.peeked))))
		lines = append(lines, groupRows(d.bySource, srcRows, len(d.peeked), w, d.st)...)
		lines = append(lines, "", d.st.HelpGroup.Render("By "+sanitize.Cut(d.fieldName(), max(w-16, 4)))+
			d.st.Muted.Render(" · a next"))
		lines = append(lines, groupRows(d.byField, max(room-srcRows, 1), len(d.peeked), w, d.st)...)
	}
	return append(append(lines, ""), tail...)
}

// groupRows renders up to n groups as "value  count  ███", the bar scaled
// to the whole; a last row says how many groups did not fit.
func groupRows(gs []model.Group, n, total, w int, st *Styles) []string {
	if len(gs) > n {
		n = max(n-1, 0)
	}
	barW := max(min(w/5, 12), 1)
	valW := max(w-2-2-6-barW, 4)
	var out []string
	for _, g := range gs[:min(n, len(gs))] {
		bar := strings.Repeat("█", max(g.Count*barW/max(total, 1), 1))
		out = append(out, "  "+padRight(sanitize.Cut(g.Value, valW), valW)+padLeft(commas(int64(g.Count)), 6)+
			"  "+st.SparkVisible.Render(bar))
	}
	if rest := len(gs) - n; rest > 0 {
		out = append(out, st.Muted.Render(fmt.Sprintf("  … %s more", plural(rest, "value"))))
	}
	return out
}

func (d dlqPane) shortLines() []string {
	lines := []string{d.title() + d.st.Muted.Render(" · "+strings.Join(d.facts(), " · "))}
	var srcs []string
	for _, s := range d.sources {
		depth := ""
		if s.known {
			depth = " " + commas(s.depth)
		}
		srcs = append(srcs, oneLine(s.name)+depth)
	}
	lines[0] += d.st.Muted.Render(" · ← ") + strings.Join(srcs, ", ")
	if len(d.peeked) > 0 {
		lines = append(lines,
			d.st.Label.Render("by source ")+inlineGroups(d.bySource, d.width-10),
			d.st.Label.Render("by "+sanitize.Cut(d.fieldName(), 24)+" (a) ")+inlineGroups(d.byField, d.width-30))
	}
	mv := d.moveBlock(d.width)
	return append(lines, mv[:min(len(mv), 2)]...) // an error shows in the status bar too
}

// inlineGroups is "orders 4 · billing 1", cut to w cells.
func inlineGroups(gs []model.Group, w int) string {
	var parts []string
	for _, g := range gs {
		parts = append(parts, sanitize.Cut(g.Value, 30)+" "+commas(int64(g.Count)))
	}
	return trunc(strings.Join(parts, " · "), max(w, 1))
}

// moveBlock is the move's progress and outcome, or what R would do.
func (d dlqPane) moveBlock(w int) []string {
	mv := d.mv
	if mv == nil || mv.plan.dlq.URL != d.q.URL {
		if d.readOnly {
			return []string{d.st.Muted.Render("read-only: redrive and move are disabled")}
		}
		return []string{d.st.Muted.Render("R redrive to sources · m move to a queue…")}
	}
	return moveLines(mv, d.st, w)
}

// age is a duration in its two largest units: 45s, 12m, 3h 5m, 2d 4h.
func age(d time.Duration) string {
	d = max(d, 0)
	switch {
	case d < time.Minute:
		return fmt.Sprintf("%ds", int(d.Seconds()))
	case d < time.Hour:
		return fmt.Sprintf("%dm", int(d.Minutes()))
	case d < 24*time.Hour:
		return fmt.Sprintf("%dh %dm", int(d.Hours()), int(d.Minutes())%60)
	}
	return fmt.Sprintf("%dd %dh", int(d.Hours())/24, int(d.Hours())%24)
}
