package ui

import (
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/sqscope/sqscope/awsclient"
)

// headerView is the top line: product, where we are connected, mode
// badges on the left; the queue count (and how many the filter shows) on
// the right, which wins when the line is too narrow for both.
func headerView(st *Styles, version string, ep awsclient.Endpoint, total, shown int, filtered bool, w int) string {
	name := "sqscope"
	if version != "" {
		name += " " + version
	}
	where := []string{}
	if ep.URL != "" {
		where = append(where, oneLine(ep.URL))
	}
	if ep.Region != "" {
		where = append(where, oneLine(ep.Region))
	}
	if ep.Profile != "" {
		where = append(where, "profile "+oneLine(ep.Profile))
	}
	left := st.App.Render(name)
	if len(where) > 0 {
		left += st.Header.Render(" · " + strings.Join(where, " · "))
	}
	badges := ""
	if ep.Demo {
		badges += " " + st.Badge.Render(" DEMO ")
	}
	if ep.ReadOnly {
		badges += " " + st.ReadOnly.Render(" READ-ONLY ")
	}
	right := plural(total, "queue")
	if filtered {
		right += " · " + commas(int64(shown)) + " shown"
	}
	return spread(left+badges, st.Header.Render(right), w, width(badges))
}

// spread puts left and right on one line w cells wide, cutting left (but
// keeping its last keep cells, the badges) when they do not fit.
func spread(left, right string, w, keep int) string {
	rw := width(right)
	room := w - rw - 1
	if lw := width(left); lw > room {
		if keep > 0 && room > keep {
			left = trunc(ansi.Cut(left, 0, lw-keep), room-keep) + ansi.Cut(left, lw-keep, lw)
		} else {
			left = trunc(left, room)
		}
	}
	gap := max(w-width(left)-rw, 1)
	return trunc(left+strings.Repeat(" ", gap)+right, w)
}

// statusView is the bottom status line: the last error on the left (one
// line, trimmed), refresh state on the right.
func (a *App) statusView() string {
	st := &a.st
	if a.prompt != nil {
		return a.prompt.View(st, a.width)
	}
	right := st.Status.Render(a.rf.state() + " · every " + a.opts.Refresh.String())
	left := ""
	switch {
	case a.quitting:
		left = st.StatusErr.Render(oneLine(a.notice))
	case a.pk.err != nil && a.peekOpen():
		left = st.StatusErr.Render("✗ " + errText(a.pk.err))
	case a.rf.lastErr != nil:
		left = st.StatusErr.Render("✗ " + errText(a.rf.lastErr))
	case a.pk.err != nil:
		left = st.StatusErr.Render("✗ " + errText(a.pk.err))
	case a.notice != "":
		left = st.Status.Render(oneLine(a.notice))
	default:
		left = a.moves.status(st)
	}
	return spread(left, right, a.width, 0)
}

// status is the running move on the status line; empty when none runs.
func (c *moveCtl) status(st *Styles) string {
	switch {
	case c.running() && c.cur.err != nil:
		return st.StatusErr.Render("✗ " + oneLine(c.cur.plan.dlq.Name) + ": " + errText(c.cur.err))
	case c.running():
		return st.Status.Render(moveStatus(c.cur))
	}
	return ""
}
