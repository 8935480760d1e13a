package queues

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"

	"github.com/sqscope/sqscope/model"
	"github.com/sqscope/sqscope/ui/common"
	"github.com/sqscope/sqscope/ui/sanitize"
)

// detailPane shows everything known about one queue: counts, settings,
// redrive policy, its DLQ and its sources, and every raw attribute. It is
// where enter on the list leads; enter again peeks the queue.
type detailPane struct {
	c             *common.Common
	width, height int
	focused       bool
	url           string // the queue shown, to keep the scroll on refresh
	vp            viewport.Model
}

func newDetailPane(c *common.Common) detailPane {
	return detailPane{c: c, vp: viewport.New()}
}

func (d *detailPane) SetSize(w, h int) {
	d.width, d.height = w, h
	d.vp.SetWidth(w)
	d.vp.SetHeight(max(h-1, 1))
}

func (d *detailPane) Focus() { d.focused = true }
func (d *detailPane) Blur()  { d.focused = false }

// SetQueue renders q's details; the catalog resolves the DLQ and sources
// so their depths can be shown beside their names. The scroll position is
// kept when the same queue is refreshed.
func (d *detailPane) SetQueue(q model.Queue, cat *model.Catalog) {
	if q.URL != d.url {
		d.vp.GotoTop()
	}
	d.url = q.URL
	d.vp.SetContentLines(detailLines(q, cat, &d.c.Styles, d.width))
}

// Update scrolls with the list's navigation keys.
func (d *detailPane) Update(msg tea.Msg) {
	if k, ok := msg.(tea.KeyPressMsg); ok {
		if step, ok := common.NavStep(k, d.c.Keys.Nav, d.vp.Height()); ok {
			d.vp.SetYOffset(d.vp.YOffset() + step) // it clamps
		}
	}
}

func (d *detailPane) View() string {
	st := &d.c.Styles
	title := st.PaneTitle
	if d.focused {
		title = st.PaneTitleFocused
	}
	head := title.Render("Detail") + st.Muted.Render(" · esc back")
	return common.Block(append([]string{head}, strings.Split(d.vp.View(), "\n")...), d.width, d.height)
}

// detailLines is the pane's content. Names and attribute values come from
// the server and are sanitized, like everything else from outside.
func detailLines(q model.Queue, cat *model.Catalog, st *common.Styles, w int) []string {
	g := cat.Graph
	label := func(s string) string { return st.Label.Render(common.PadRight(s, 20)) }
	lines := []string{
		st.PaneTitleFocused.Render(common.MiddleCut(sanitize.Line(q.Name), w-len("  Standard"))) + st.Muted.Render("  "+q.Type.String()),
		label("URL") + common.OneLine(q.URL),
		label("ARN") + common.OneLine(q.ARN),
	}
	if q.Err != nil {
		lines = append(lines, st.StatusErr.Render("error: "+common.OneLine(q.Err.Error())))
	}
	lines = append(lines,
		label("messages")+fmt.Sprintf("%s visible · %s in flight · %s delayed",
			common.Commas(q.Stats.Visible), common.Commas(q.Stats.InFlight), common.Commas(q.Stats.Delayed)),
		label("visibility timeout")+q.VisibilityTimeout.String(),
		label("retention")+days(q.RetentionPeriod),
		label("delivery delay")+q.DelaySeconds.String(),
	)
	if !q.CreatedAt.IsZero() {
		lines = append(lines, label("created")+q.CreatedAt.UTC().Format(time.RFC3339))
	}
	depth := func(arn string) string {
		if n, ok := cat.Depth(arn); ok {
			return fmt.Sprintf(" (%s messages)", common.Commas(n))
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
			w = max(w, common.Width(common.OneLine(k)))
		}
		for _, k := range slices.Sorted(maps.Keys(q.Attrs)) {
			lines = append(lines, "  "+st.Label.Render(common.PadRight(common.OneLine(k), w+2))+common.OneLine(q.Attrs[k]))
		}
	}
	return lines
}

// days shows retention the way the console does, in days when whole.
func days(d time.Duration) string {
	if d > 0 && d%(24*time.Hour) == 0 {
		return common.Plural(int(d/(24*time.Hour)), "day")
	}
	return d.String()
}
