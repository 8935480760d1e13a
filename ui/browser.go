package ui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/sqscope/sqscope/keymap"
	"github.com/sqscope/sqscope/model"
)

// pane identifies which pane of the browser has the keyboard.
type pane int

const (
	paneList pane = iota
	paneSide      // metrics, or detail when open
)

// browser is the queue list and the pane under it (metrics, or details
// when open), and which of the two has the keyboard. The App feeds it the
// queues and routes it the keys that no overlay, the peek pane or a global
// binding took; opening the detail pane stays with the App, which owns
// the layout it changes.
type browser struct {
	list       queueList
	metrics    metricsPane
	detail     detailPane
	focus      pane
	showDetail bool
}

func newBrowser(st *Styles, keys *keymap.KeyMap) browser {
	b := browser{list: newQueueList(st, keys), metrics: newMetricsPane(st), detail: newDetailPane(st, keys)}
	b.list.empty = "loading queues…"
	return b
}

// sync points the metrics and detail panes at the selected queue.
func (b *browser) sync(series map[string]*model.Series, g model.DLQGraph, byARN map[string]model.Queue) {
	q, ok := b.list.Selected()
	b.metrics.SetQueue(q, ok, series[q.URL], g)
	b.metrics.SetDLQDepth(dlqDepth(g, byARN, q))
	if b.showDetail && ok {
		b.detail.SetQueue(q, g, byARN)
	}
}

// setSize gives each pane its rows of the layout.
func (b *browser) setSize(w int, l layout) {
	b.list.SetSize(w, l.list)
	b.metrics.SetSize(w, l.side)
	if l.side > 0 {
		b.detail.SetSize(w, l.side)
	} else {
		b.detail.SetSize(w, l.body)
	}
}

// setFocus gives p the keyboard; neither pane has it while peeking.
func (b *browser) setFocus(p pane, peeking bool) {
	b.focus = p
	b.list.Blur()
	b.metrics.Blur()
	b.detail.Blur()
	switch {
	case peeking:
	case p == paneList:
		b.list.Focus()
	case b.showDetail:
		b.detail.Focus()
	default:
		b.metrics.Focus()
	}
}

// key handles sort, filter and switching panes, then hands any other key
// to the focused pane; moved says the selection may have changed. A
// single pane (no side rows) keeps the keyboard.
func (b *browser) key(k tea.KeyPressMsg, keys *keymap.KeyMap, sideRows bool) (cmd tea.Cmd, moved bool) {
	switch {
	case key.Matches(k, keys.Sort):
		b.list.SetSort(b.list.sortKey.Next())
		return nil, true
	case key.Matches(k, keys.Filter):
		b.setFocus(paneList, false)
		return b.list.StartFilter(), false
	case key.Matches(k, keys.NextPane, keys.PrevPane):
		if sideRows {
			b.setFocus(1-b.focus, false)
		}
		return nil, false
	case b.focus == paneList:
		b.list, cmd = b.list.Update(k)
		return cmd, true
	case b.showDetail:
		b.detail, cmd = b.detail.Update(k)
	default:
		b.metrics, cmd = b.metrics.Update(k)
	}
	return cmd, false
}

// back closes the detail pane, else clears the filter, and says which.
func (b *browser) back() (closed, cleared bool) {
	switch {
	case b.showDetail:
		b.showDetail = false
		return true, false
	case b.list.Filter() != "":
		b.list.ClearFilter()
		return false, true
	}
	return false, false
}

// View is the list with the side pane under it, or the detail pane alone
// when there is no room for both.
func (b *browser) View(st *Styles, w int, l layout) string {
	if b.showDetail && l.side == 0 {
		return b.detail.View()
	}
	parts := []string{b.list.View()}
	if l.side > 0 {
		parts = append(parts, st.Muted.Render(strings.Repeat("─", w)))
		if b.showDetail {
			parts = append(parts, b.detail.View())
		} else {
			parts = append(parts, b.metrics.View())
		}
	}
	return strings.Join(parts, "\n")
}
