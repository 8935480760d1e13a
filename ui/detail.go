package ui

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"

	"github.com/sqscope/sqscope/keymap"
	"github.com/sqscope/sqscope/model"
	"github.com/sqscope/sqscope/ui/sanitize"
)

// detailPane shows everything known about one queue: counts, settings,
// redrive policy, its DLQ and its sources, and every raw attribute. It is
// where enter on the list leads; enter again peeks the queue.
type detailPane struct {
	st            *Styles
	keys          *keymap.KeyMap
	width, height int
	focused       bool
	url           string // the queue shown, to keep the scroll on refresh
	vp            viewport.Model
}

func newDetailPane(st *Styles, keys *keymap.KeyMap) detailPane {
	return detailPane{st: st, keys: keys, vp: viewport.New()}
}

func (d *detailPane) SetSize(w, h int) {
	d.width, d.height = w, h
	d.vp.SetWidth(w)
	d.vp.SetHeight(max(h-1, 1))
}

func (d *detailPane) Focus() { d.focused = true }
func (d *detailPane) Blur()  { d.focused = false }

// SetQueue renders q's details; byARN resolves the DLQ and sources so their
// depths can be shown beside their names. The scroll position is kept when
// the same queue is refreshed.
func (d *detailPane) SetQueue(q model.Queue, g model.DLQGraph, byARN map[string]model.Queue) {
	if q.URL != d.url {
		d.vp.GotoTop()
	}
	d.url = q.URL
	d.vp.SetContentLines(detailLines(q, g, byARN, d.st))
}

// Update scrolls with the list's navigation keys.
func (d detailPane) Update(msg tea.Msg) (detailPane, tea.Cmd) {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return d, nil
	}
	if step, ok := navStep(k, d.keys, d.vp.Height()); ok {
		d.vp.SetYOffset(d.vp.YOffset() + step) // it clamps
	}
	return d, nil
}

func (d detailPane) View() string {
	title := d.st.PaneTitle
	if d.focused {
		title = d.st.PaneTitleFocused
	}
	head := title.Render("Detail") + d.st.Muted.Render(" · esc back")
	return block(append([]string{head}, strings.Split(d.vp.View(), "\n")...), d.width, d.height)
}

// detailLines is the pane's content. Names and attribute values come from
// the server and are sanitized, like everything else from outside.
func detailLines(q model.Queue, g model.DLQGraph, byARN map[string]model.Queue, st *Styles) []string {
	label := func(s string) string { return st.Label.Render(padRight(s, 20)) }
	lines := []string{
		st.PaneTitleFocused.Render(sanitize.Line(q.Name)) + st.Muted.Render("  "+q.Type.String()),
		label("URL") + oneLine(q.URL),
		label("ARN") + oneLine(q.ARN),
	}
	if q.Err != nil {
		lines = append(lines, st.StatusErr.Render("error: "+oneLine(q.Err.Error())))
	}
	lines = append(lines,
		label("messages")+fmt.Sprintf("%s visible · %s in flight · %s delayed",
			commas(q.Stats.Visible), commas(q.Stats.InFlight), commas(q.Stats.Delayed)),
		label("visibility timeout")+q.VisibilityTimeout.String(),
		label("retention")+days(q.RetentionPeriod),
		label("delivery delay")+q.DelaySeconds.String(),
	)
	if !q.CreatedAt.IsZero() {
		lines = append(lines, label("created")+q.CreatedAt.UTC().Format(time.RFC3339))
	}
	depth := func(arn string) string {
		if o, ok := byARN[arn]; ok && o.Err == nil {
			return fmt.Sprintf(" (%s messages)", commas(o.Stats.Total()))
		}
		return ""
	}
	if q.Redrive != nil {
		lines = append(lines, label("redrive policy")+fmt.Sprintf("after %d receives → %s%s",
			q.Redrive.MaxReceiveCount, sanitize.Line(g.Name(q.Redrive.DeadLetterTargetARN)), depth(q.Redrive.DeadLetterTargetARN)))
	} else {
		lines = append(lines, label("redrive policy")+"none")
	}
	if srcs := g.SourcesOf(q.ARN); len(srcs) > 0 {
		lines = append(lines, label("DLQ of"))
		for _, s := range srcs {
			lines = append(lines, "  ← "+sanitize.Line(g.Name(s))+depth(s))
		}
	}
	if len(q.Attrs) > 0 {
		lines = append(lines, "", st.HelpGroup.Render("Attributes"))
		w := 0
		for k := range q.Attrs {
			w = max(w, width(oneLine(k)))
		}
		for _, k := range slices.Sorted(maps.Keys(q.Attrs)) {
			lines = append(lines, "  "+st.Label.Render(padRight(oneLine(k), w+2))+oneLine(q.Attrs[k]))
		}
	}
	return lines
}

// days shows retention the way the console does, in days when whole.
func days(d time.Duration) string {
	if d > 0 && d%(24*time.Hour) == 0 {
		return plural(int(d/(24*time.Hour)), "day")
	}
	return d.String()
}
