package ui

import (
	"strings"

	"charm.land/bubbles/v2/key"

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
		return a.promptView()
	}
	var right string
	switch {
	case a.inFlight && a.lastRefresh.IsZero():
		right = "loading…"
	case a.inFlight:
		right = "refreshing… · last " + a.lastRefresh.Format("15:04:05")
	case !a.lastRefresh.IsZero():
		right = "refreshed " + a.lastRefresh.Format("15:04:05")
	}
	right = st.Status.Render(right + " · every " + a.opts.Refresh.String())
	left := ""
	switch {
	case a.quitting:
		left = st.StatusErr.Render(oneLine(a.notice))
	case a.pk.err != nil && a.peekOpen():
		left = st.StatusErr.Render("✗ " + errText(a.pk.err))
	case a.lastErr != nil:
		left = st.StatusErr.Render("✗ " + errText(a.lastErr))
	case a.pk.err != nil:
		left = st.StatusErr.Render("✗ " + errText(a.pk.err))
	case a.notice != "":
		left = st.Status.Render(oneLine(a.notice))
	case a.moves.running() && a.moves.cur.err != nil:
		left = st.StatusErr.Render("✗ " + oneLine(a.moves.cur.plan.dlq.Name) + ": " + errText(a.moves.cur.err))
	case a.moves.running():
		left = st.Status.Render(moveStatus(a.moves.cur))
	}
	return spread(left, right, a.width, 0)
}

// hints are the key hints for the current state: what the keyboard does
// right now, not everything it can do (that is the help overlay).
func (a *App) hints() []key.Binding {
	hint := func(k, desc string) key.Binding { return key.NewBinding(key.WithHelp(k, desc)) }
	switch {
	case a.quitting:
		return []key.Binding{hint("q", "quit without waiting")}
	case a.confirm != nil && a.confirm.tag == "redrive" && a.moves.pending.native():
		return []key.Binding{hint("y/enter", "yes"), hint("t", "rate"), hint("any other key", "no")}
	case a.confirm != nil && a.confirm.enterYes:
		return []key.Binding{hint("y/enter", "yes"), hint("any other key", "no")}
	case a.confirm != nil:
		return []key.Binding{hint("y", "yes"), hint("n/esc/any key", "no")}
	case a.picker != nil:
		return []key.Binding{hint("type", "to narrow"), hint("↑/↓", "choose"), hint("enter", "pick"), hint("esc", "cancel")}
	case a.prompt != nil:
		return []key.Binding{hint("enter", "export"), hint("esc", "cancel"), hint("ctrl+u", "clear")}
	case a.showHelp:
		return []key.Binding{hint("?/esc", "close help"), a.keys.Quit}
	case a.peekOpen():
		return a.peekHints(hint)
	case a.list.Filtering():
		return []key.Binding{hint("type", "to narrow"), hint("enter", "keep filter"),
			hint("esc", "clear filter"), hint("↑/↓", "move")}
	case a.showDetail && a.focus == paneSide:
		return []key.Binding{hint("↑/↓", "scroll"), hint("enter", "peek"), hint("esc", "back"), hint("tab", "to list"),
			a.keys.Refresh, a.keys.Help, a.keys.Quit}
	case a.list.Filter() != "":
		return append([]key.Binding{hint("esc", "clear filter")}, a.redriveHints(a.keys.ShortHelp())...)
	}
	return a.redriveHints(a.keys.ShortHelp())
}

// redriveHints puts R (and c while a move runs) after the first two hints
// when they apply: on a DLQ, outside read-only mode.
func (a *App) redriveHints(hs []key.Binding) []key.Binding {
	q, ok := a.currentQueue()
	var extra []key.Binding
	if a.moves.running() && a.keys.CancelMove.Enabled() {
		extra = append(extra, key.NewBinding(key.WithHelp("c", "cancel move")))
	}
	if ok && a.graph.IsDLQ(q.ARN) && a.keys.Redrive.Enabled() {
		extra = append(extra, key.NewBinding(key.WithHelp("R", "redrive")))
		if a.peekOpen() {
			extra = append(extra, key.NewBinding(key.WithHelp("a", "group")))
		}
	}
	if len(extra) == 0 || len(hs) < 2 {
		return append(extra, hs...)
	}
	return append(append(append([]key.Binding{}, hs[:2]...), extra...), hs[2:]...)
}

// peekHints are the peek pane's hints, most useful first.
func (a *App) peekHints(hint func(k, desc string) key.Binding) []key.Binding {
	if a.peek.Filtering() {
		return []key.Binding{hint("type", "to filter"), hint("enter", "keep filter"),
			hint("esc", "clear filter"), hint("↑/↓", "move")}
	}
	move := hint("↑↓", "message")
	if a.peek.bodyFocus {
		move = hint("↑↓/pgdn", "scroll")
	}
	short := func(b key.Binding, desc string) key.Binding {
		b.SetHelp(b.Help().Key, desc)
		return b
	}
	// Short words, so that at 120 columns the line reaches export.
	return a.redriveHints([]key.Binding{
		hint("esc", "close"), move, short(a.keys.LoadMore, "more"), a.keys.Help, a.keys.Filter,
		short(a.keys.Select, "select"), short(a.keys.Export, "export"), short(a.keys.Copy, "copy"),
		short(a.keys.Pager, "pager"), short(a.keys.Raw, "raw"), short(a.keys.Decode, "decode"),
		hint("tab", "list/body"), short(a.keys.BinaryFmt, "hex/b64"), hint("q", "quit"),
	})
}
