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

// View is the candidate rows, or why the last enter was refused, then the
// prompt, which takes the status line; the root lets the rows above it
// cover the bottom of the body.
func (l *Line) View() string {
	rows := l.candRows()
	if l.err != "" {
		rows = l.errRows()
	}
	return strings.Join(append(rows, l.prompt()), "\n")
}

// maxErrRows bounds the reason: the fix it names (":region eu-west-1")
// comes last and must not be cut at 80 columns.
const maxErrRows = 3

// errRows are the reason a line was refused, wrapped.
func (l *Line) errRows() []string {
	st := &l.c.Styles
	lines := common.Wrap("✗ "+common.OneLine(l.err), max(l.width-2, 1))
	lines = lines[:min(len(lines), maxErrRows, max(l.height/3, 1))]
	for i, s := range lines {
		lines[i] = "  " + st.StatusErr.Render(s)
	}
	return lines
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

// prompt is ":" and the text with a block cursor. A long text (a console
// link) shows its end, where the cursor is.
func (l *Line) prompt() string {
	st := &l.c.Styles
	text := sanitize.Line(l.input.Value())
	if room := l.width - 2; common.Width(text) > room && room > 1 {
		text = ansi.TruncateLeft(text, common.Width(text)-room+1, "…")
	}
	return common.Trunc(st.HintKey.Render(":")+text+st.Selected.Render(" "), l.width)
}
