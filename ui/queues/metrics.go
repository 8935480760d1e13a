package queues

import (
	"fmt"
	"time"

	"charm.land/lipgloss/v2"

	"github.com/sqscope/sqscope/model"
	"github.com/sqscope/sqscope/ui/common"
	"github.com/sqscope/sqscope/ui/sanitize"
)

// metricsPane shows the selected queue's metrics, which answer "since
// when, and is it getting better?": with CloudWatch, its seven metrics
// over a window of hours or days (history.go); without, its depth over
// the polls so far — sparklines of visible and in-flight messages, the
// current counts and the rate of change — and one line saying why.
type metricsPane struct {
	c             *common.Common
	width, height int
	focused       bool

	q      model.Queue
	ok     bool
	series *model.Series // nil until the queue has been sampled
	rel    string        // DLQ relation, as in the list
	dlqN   int64         // depth of the queue's DLQ; -1 when none or unknown

	cw     cwView                        // CloudWatch's state for this queue
	lines  [model.MetricCount]model.Line // drawn from cw and series on change
	sparks [model.MetricCount][2]string  // lines as sparklines: past, live
}

func newMetricsPane(c *common.Common) metricsPane { return metricsPane{c: c} }

func (m *metricsPane) SetSize(w, h int) {
	m.width, m.height = w, h
	m.drawSparks()
}

func (m *metricsPane) Focus() { m.focused = true }
func (m *metricsPane) Blur()  { m.focused = false }

// SetQueue points the pane at a queue and its history.
func (m *metricsPane) SetQueue(q model.Queue, ok bool, s *model.Series, g model.DLQGraph) {
	m.q, m.ok, m.series = q, ok, s
	m.rel = relation(q, g, 1<<10)
}

// SetDLQDepth sets the depth of the queue's DLQ (-1: none or unknown), so
// a source queue shows how much of it has failed.
func (m *metricsPane) SetDLQDepth(n int64) { m.dlqN = n }

const (
	metricsLabelW = 10 // "in flight "
	metricsNumW   = 9
	metricsRateW  = 12
)

// View renders a title line, one line per sparkline, then a summary.
func (m *metricsPane) View() string {
	st := &m.c.Styles
	title := st.PaneTitle
	if m.focused {
		title = st.PaneTitleFocused
	}
	if m.ok && m.q.Err == nil && m.cw.off == "" {
		return common.Block(append(m.historyView(), m.redriveLine()...), m.width, m.height)
	}
	lines := []string{title.Render("Metrics") + st.Muted.Render(m.subtitle())}
	switch {
	case !m.ok:
		lines = append(lines, st.Muted.Render("no queue selected"))
	case m.q.Err != nil:
		lines = append(lines, st.RowErr.Render("error: "+common.ErrText(m.q.Err)))
	case m.series == nil || m.series.Len() == 0:
		lines = append(lines, st.Muted.Render("waiting for the first poll"))
	default:
		lines = append(lines,
			m.seriesLine("visible", st.SparkVisible, func(s model.QueueStats) int64 { return s.Visible }),
			m.seriesLine("in flight", st.SparkInFlight, func(s model.QueueStats) int64 { return s.InFlight }),
			m.summary(),
		)
	}
	if m.cw.off != "" {
		lines = append(lines, st.Note.Render(m.cw.off+" · polled counts only"))
	}
	lines = append(lines, m.redriveLine()...)
	return common.Block(lines, m.width, m.height)
}

// redriveLine names the queue's DLQ and its depth, or its sources.
func (m *metricsPane) redriveLine() []string {
	if m.rel == "" {
		return nil
	}
	rel := m.rel
	if m.dlqN >= 0 {
		rel += " (" + common.Plural(int(m.dlqN), "message") + ")"
	}
	return []string{m.c.Styles.Label.Render("redrive   ") + rel}
}

func (m *metricsPane) subtitle() string {
	if !m.ok {
		return ""
	}
	return " · " + common.MiddleCut(sanitize.Line(m.q.Name), m.width-len("Metrics · "))
}

// seriesLine is "label  ▁▂▃▅  1,234  +12.0/min".
func (m *metricsPane) seriesLine(label string, style lipgloss.Style, f func(model.QueueStats) int64) string {
	st := &m.c.Styles
	pts := m.series.Points()
	vals := make([]int64, len(pts))
	for i, p := range pts {
		vals[i] = f(p.Stats)
	}
	last := vals[len(vals)-1]
	w := max(m.width-metricsLabelW-metricsNumW-metricsRateW-2, 1)
	r := "rate n/a"
	if m.series.Len() >= 2 {
		r = common.Rate(m.series.RatePerMinute(f))
	}
	return st.Label.Render(common.PadRight(label, metricsLabelW)) +
		style.Render(common.PadRight(sparkline(vals, w), w)) + " " +
		common.PadLeft(common.Commas(last), metricsNumW) + " " +
		st.Muted.Render(common.PadLeft(r, metricsRateW))
}

// summary gives the counts the sparklines leave out and the time span the
// rate covers.
func (m *metricsPane) summary() string {
	st := &m.c.Styles
	newest, _ := m.series.Last()
	span := time.Duration(0)
	if m.series.Len() > 1 {
		span = newest.At.Sub(m.series.At(0).At).Round(time.Second)
	}
	return st.Label.Render(common.PadRight("delayed", metricsLabelW)) +
		fmt.Sprintf("%s · total %s · %s over %s",
			common.Commas(m.q.Stats.Delayed), common.Commas(m.q.Stats.Total()),
			common.Plural(m.series.Len(), "poll"), span)
}
