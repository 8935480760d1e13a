package ui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	"github.com/charmbracelet/x/ansi"

	"github.com/sqscope/sqscope/keymap"
	"github.com/sqscope/sqscope/ui/common"
)

// spread puts left and right on one line w cells wide, cutting left (but
// keeping its last keep cells, the badges) when they do not fit.
func spread(left, right string, w, keep int) string {
	rw := common.Width(right)
	room := w - rw - 1
	if lw := common.Width(left); lw > room {
		if keep > 0 && room > keep {
			left = common.Trunc(ansi.Cut(left, 0, lw-keep), room-keep) + ansi.Cut(left, lw-keep, lw)
		} else {
			left = common.Trunc(left, room)
		}
	}
	gap := max(w-common.Width(left)-rw, 1)
	return common.Trunc(left+strings.Repeat(" ", gap)+right, w)
}

// statusView is the bottom status line: the last error or notice on the
// left (one line), refresh state on the right; a prompt takes it whole.
func (a *App) statusView() string {
	if v, ok := a.dialogs.StatusLine(); ok {
		return v
	}
	st := &a.com.Styles
	right := st.Status.Render(a.poll.State() + " · every " + a.opts.Refresh.String())
	left := ""
	switch peekErr := a.peek.Err(); {
	case a.quitting:
		left = st.StatusErr.Render(common.OneLine(a.notice))
	case peekErr != nil && a.peek.Open():
		left = st.StatusErr.Render("✗ " + common.ErrText(peekErr))
	case a.poll.Err() != nil:
		text := "✗ " + common.ErrText(a.poll.Err())
		if a.notice != "" && a.notice == a.opts.Notice {
			// The start's warning (a misspelt region) often explains the
			// error: both stay until the first key.
			text += " · " + common.OneLine(a.notice)
		}
		left = st.StatusErr.Render(text)
	case peekErr != nil:
		left = st.StatusErr.Render("✗ " + common.ErrText(peekErr))
	case strings.HasPrefix(a.notice, "✗"):
		left = st.StatusErr.Render(common.OneLine(a.notice)) // a change that failed
	case a.notice != "":
		left = st.Status.Render(common.OneLine(a.notice))
	default:
		left = a.redrive.Status()
		if left == "" {
			left = a.compose.Status()
		}
		if left == "" && a.sess.problem != "" && !a.sess.emulator {
			// Why the header cannot say who we are, and the fix: it stays
			// while nothing else needs the line.
			left = st.StatusErr.Render("✗ " + common.OneLine(a.sess.problem))
		}
	}
	return spread(left, right, a.width, 0)
}

// hints are the key hints for the current state: what the keyboard does
// right now, not everything it can do (that is the help overlay). The top
// dialog names its own; a pane's hints get the DLQ keys in their slot.
func (a *App) hints() []key.Binding {
	if a.quitting {
		return []key.Binding{keymap.ShortKey(a.com.Keys.Global.Quit, "q", "quit without waiting")}
	}
	if hs, ok := a.dialogs.Hints(); ok {
		return hs
	}
	q, ok := a.currentQueue()
	onDLQ := ok && a.cat.Graph.IsDLQ(q.ARN)
	return common.FillDLQSlot(a.focused().Hints(), a.redrive.KeyHints(onDLQ, a.peek.Open()))
}

// hintsView is the one-line key hint of the status bar: as many hints as
// fit, never one that is disabled (read-only mode).
func hintsView(bindings []key.Binding, st *common.Styles, maxW int) string {
	var b strings.Builder
	w := 0
	for i, k := range keymap.Enabled(bindings) {
		h := k.Help()
		item := st.HintKey.Render(h.Key) + " " + st.HintDesc.Render(h.Desc)
		iw := common.Width(h.Key) + 1 + common.Width(h.Desc)
		sep := 0
		if i > 0 {
			sep = 3
		}
		if w+sep+iw > maxW {
			break
		}
		if i > 0 {
			b.WriteString(st.Muted.Render(" · "))
		}
		b.WriteString(item)
		w += sep + iw
	}
	return b.String()
}
