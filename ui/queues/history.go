package queues

import (
	"fmt"
	"math"
	"time"

	"charm.land/lipgloss/v2"

	"github.com/sqscope/sqscope/model"
	"github.com/sqscope/sqscope/ui/common"
	"github.com/sqscope/sqscope/ui/sanitize"
)

// The metrics pane with CloudWatch: the selected queue's seven metrics
// over the window, each line running from the window's start to now (the
// polled counts continue the levels past CloudWatch's latest minute),
// with the latest value, the range and the change over the window beside.

// cwView is what the metrics pane shows of CloudWatch.
type cwView struct {
	off     string // why CloudWatch is not used; "" while it is
	err     error  // the last read's error, when the next may work
	window  model.Window
	h       *model.History // nil until read
	loading bool           // a read of it is in flight
}

// cwView is the CloudWatch state of queue q, for the metrics pane.
func (b *Browser) cwView(q model.Queue, ok bool) cwView {
	v := cwView{off: b.cw.off, err: b.cw.err, window: b.cw.window}
	if ok && v.off == "" {
		v.h, _ = b.cw.history(q.Name)
		v.loading = b.cw.histBusy == histKey{queue: q.Name, window: b.cw.window}
	}
	return v
}

const (
	histNowW    = 9  // "1,234,567"
	histRangeW  = 13 // "12.3k…45.6k"
	histChangeW = 8  // "+12.3k"
	histRows    = 1 + int(model.MetricCount) + 1
)

// SetCloudWatch updates what the pane shows of CloudWatch and draws the
// lines again: on each poll, answer and key that changes them, never per
// frame.
func (m *metricsPane) SetCloudWatch(v cwView) {
	m.cw = v
	if v.off != "" || !m.ok {
		return
	}
	now := m.c.Now()
	for i := range model.MetricCount {
		m.lines[i] = model.LineOf(v.h, i, v.window, m.series, now)
	}
	m.drawSparks()
}

// sparkW is the sparklines' width.
func (m *metricsPane) sparkW() int {
	return max(m.width-metricsLabelW-histNowW-histRangeW-histChangeW-4, 1)
}

// drawSparks draws the lines as sparklines, on change and on resize, so
// that a frame only joins strings: a 1,440-period window is not folded
// into cells on every frame.
func (m *metricsPane) drawSparks() {
	for i, l := range m.lines {
		past, recent := histSpark(l.Values, l.Live, m.sparkW(), model.Metric(i).Summed())
		m.sparks[i] = [2]string{past, recent}
	}
}

// Rows is how many rows the pane would like: a title, the seven lines and
// the redrive line with CloudWatch; without it the polled view and the
// line that says why.
func (m *metricsPane) Rows(cloudWatch bool) int {
	if cloudWatch {
		return histRows
	}
	return metricsMin + 1
}

// historyView renders the pane with CloudWatch on.
func (m *metricsPane) historyView() []string {
	st := &m.c.Styles
	w := m.cw.window
	sub := " · " + w.String() + " by " + shortAge(w.Period())
	switch {
	case m.cw.err != nil:
		sub += " · CloudWatch: " + common.ErrText(m.cw.err)
	case m.cw.loading && m.cw.h == nil:
		sub += " · loading…"
	}
	title := st.PaneTitle
	if m.focused {
		title = st.PaneTitleFocused
	}
	name := common.MiddleCut(sanitize.Line(m.q.Name), max(m.width-common.Width("Metrics · "+sub)-histNowW-histRangeW-histChangeW-4, 12))
	left := title.Render("Metrics") + st.Muted.Render(" · "+name+sub)
	head := common.PadLeft("now", histNowW) + " " + common.PadLeft("min…max", histRangeW) + " " +
		common.PadLeft("Δ "+w.String(), histChangeW)
	if gap := m.width - common.Width(left) - common.Width(head); gap >= 1 {
		left += fmt.Sprintf("%*s", gap, "") + st.Muted.Render(head)
	}
	lines := []string{left}
	for i := range model.MetricCount {
		lines = append(lines, m.historyLine(i))
	}
	return lines
}

// historyLine is "label  ▁▂▃▅▆▇  1,234  0…2,310  +1,200".
func (m *metricsPane) historyLine(metric model.Metric) string {
	st := &m.c.Styles
	l := m.lines[metric]
	past, recent := m.sparks[metric][0], m.sparks[metric][1]
	style := lipgloss.NewStyle()
	switch metric {
	case model.MetricVisible:
		style = st.SparkVisible
	case model.MetricInFlight:
		style = st.SparkInFlight
	}
	out := st.Label.Render(common.PadRight(metric.Label(), metricsLabelW)) +
		style.Render(past) + style.Bold(true).Render(recent) + " "
	if !l.OK {
		why := "no data"
		if m.cw.h == nil && (m.cw.loading || m.cw.err == nil) {
			why = "loading…"
		}
		return out + st.Muted.Render(common.PadLeft(why, histNowW+histRangeW+histChangeW+2))
	}
	f := func(v float64) string { return metricValue(metric, v) }
	return out + common.PadLeft(f(l.Now), histNowW) + " " +
		st.Muted.Render(common.PadLeft(f(l.Min)+"…"+f(l.Max), histRangeW)) + " " +
		common.PadLeft(signed(metric, l.Change), histChangeW)
}

// metricValue is a value beside a line: an age in its two largest units
// (2h 58m: the list's "2h" would hide an hour's change), a count compact
// past 10,000.
func metricValue(m model.Metric, v float64) string {
	if m == model.MetricOldestAge {
		return common.Age(time.Duration(v * float64(time.Second)))
	}
	return compact(v)
}

// signed is a change with its sign; ±0 for none.
func signed(m model.Metric, v float64) string {
	switch {
	case v > 0:
		return "+" + metricValue(m, v)
	case v < 0:
		return "-" + metricValue(m, -v)
	}
	return "±0"
}

// compact is a count in at most six cells: 9,999, 12.3k, 4.5M.
func compact(v float64) string {
	switch a := math.Abs(v); {
	case a < 10_000:
		return common.Commas(int64(math.Round(v)))
	case a < 999_500:
		return fmt.Sprintf("%.1fk", v/1e3)
	case a < 999_500_000:
		return fmt.Sprintf("%.1fM", v/1e6)
	}
	return fmt.Sprintf("%.1fG", v/1e9)
}

// shortAge is a duration in its largest unit, rounded down: 45s, 2m, 3h,
// 4d — what the on-call engineer reads at a glance.
func shortAge(d time.Duration) string {
	switch d = max(d, 0); {
	case d < time.Minute:
		return fmt.Sprintf("%ds", int(d/time.Second))
	case d < time.Hour:
		return fmt.Sprintf("%dm", int(d/time.Minute))
	case d < 24*time.Hour:
		return fmt.Sprintf("%dh", int(d/time.Hour))
	}
	return fmt.Sprintf("%dd", int(d/(24*time.Hour)))
}
