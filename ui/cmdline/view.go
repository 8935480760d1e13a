package cmdline

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/sqscope/sqscope/ui/common"
	"github.com/sqscope/sqscope/ui/sanitize"
)

// shownCands is how many candidate rows sit above the prompt at most: a
// short list, like k9s's, that leaves the screen readable.
const shownCands = 5

// View is the candidate rows, then the prompt, which takes the status
// line; the root lets the rows cover the bottom of the body.
func (l *Line) View() string {
	rows := l.candRows()
	if l.err != "" && len(l.cands) == 1 && l.cands[0].info {
		rows = nil // the reason beside the prompt says it already
	}
	return strings.Join(append(rows, l.prompt()), "\n")
}

// candRows are the candidates around the highlighted one, as many as the
// body spares (a third of it, at most shownCands), each one line.
func (l *Line) candRows() []string {
	st := &l.c.Styles
	n := min(len(l.cands), shownCands, max(l.height/3, 0))
	if n == 0 {
		return nil
	}
	start := min(max(l.pick-n/2, 0), len(l.cands)-n)
	labelW := 0
	for _, c := range l.cands[start : start+n] {
		labelW = max(labelW, common.Width(common.OneLine(c.label)))
	}
	labelW = min(labelW, max(l.width*2/3, 10))
	rows := make([]string, 0, n+1)
	for i := start; i < start+n; i++ {
		c := l.cands[i]
		label := common.PadRight(common.MiddleCut(sanitize.Line(c.label), labelW), labelW)
		row := "  " + label
		if c.note != "" {
			row += "  " + st.Muted.Render(sanitize.Line(c.note))
		}
		switch {
		case c.info && strings.HasPrefix(c.label, "✗"):
			row = "  " + st.StatusErr.Render(common.Trunc(sanitize.Line(c.label), l.width-2))
		case i == l.pick && !c.info:
			row = st.Selected.Render(common.PadRight("> "+label+"  "+sanitize.Line(c.note), l.width))
		}
		rows = append(rows, common.Trunc(row, l.width))
	}
	if more := fmt.Sprintf("+%d more · tab: next", len(l.cands)-n); len(l.cands) > n && l.width >= common.Width(more)+12 {
		rows[len(rows)-1] = common.Trunc(rows[len(rows)-1], l.width-common.Width(more)-2)
		rows[len(rows)-1] = common.PadRight(rows[len(rows)-1], l.width-common.Width(more)) + st.Muted.Render(more)
	}
	return rows
}

// prompt is ":" and the text with a block cursor, then why the last enter
// was refused. A long text (a console link) shows its end, where the
// cursor is.
func (l *Line) prompt() string {
	st := &l.c.Styles
	text := sanitize.Line(l.input.Value())
	errText := ""
	if l.err != "" {
		errText = "  " + st.StatusErr.Render("✗ "+common.OneLine(l.err))
	}
	// The text keeps at least half the line; the reason gets the rest.
	room := l.width - 2
	if w := common.Width(errText); w > 0 {
		room = max(l.width-2-w, l.width/2)
	}
	if tw := common.Width(text); tw > room && room > 1 {
		text = ansi.TruncateLeft(text, tw-room+1, "…")
	}
	return common.Trunc(st.HintKey.Render(":")+text+st.Selected.Render(" ")+errText, l.width)
}
