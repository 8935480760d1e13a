// Package queues is the queue list pane: every queue with its counts, type
// and DLQ links, sorted and fuzzy-filtered, with the selected queue's
// metrics under it, or its details. Enter or p asks the root to peek the
// selected queue.
package queues

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/sqscope/sqscope/keymap"
	"github.com/sqscope/sqscope/model"
	"github.com/sqscope/sqscope/ui/common"
)

// PeekMsg asks the root to peek a queue (enter or p on the list or the
// details).
type PeekMsg struct{ Queue model.Queue }

// SortedMsg says the list is now sorted by By: sorting by depth needs
// every queue's count, which the root then reads.
type SortedMsg struct{ By model.SortKey }

// side identifies which pane of the browser has the keyboard.
type side int

const (
	onList side = iota
	onSide      // metrics, or details when open
)

// Browser is the queue list and the pane under it (metrics, or details
// when open), and which of the two has the keyboard.
type Browser struct {
	common.Outbox
	c   *common.Common
	cat *model.Catalog

	list       list
	metrics    metricsPane
	detail     detailPane
	focus      side
	showDetail bool
	active     bool // the browser has the keyboard (no peek pane over it)

	width, height int
	lay           layout

	cw cwState // CloudWatch: the history, the ages, the reads in flight
}

var _ common.Pane = (*Browser)(nil)

// New is an empty browser; SetCatalog fills it.
func New(c *common.Common) *Browser {
	b := &Browser{c: c, cat: model.NewCatalog(1), list: newList(c), metrics: newMetricsPane(c),
		detail: newDetailPane(c), active: true, cw: newCWState(CloudWatch{})}
	return b
}

// SetCatalog shows the queues of a refresh; the cursor stays on its queue.
func (b *Browser) SetCatalog(cat *model.Catalog) {
	b.cat = cat
	b.list.SetQueues(cat.Queues, cat.Graph)
	b.sync()
}

// SelectWhenListed puts the cursor on the queue at url as soon as a
// refresh lists it (a queue just created); "" does nothing.
func (b *Browser) SelectWhenListed(url string) {
	if url != "" {
		b.list.want = url
	}
}

// SetEmpty is what the list says while it has no rows: loading, the
// refresh failed, or there are no queues.
func (b *Browser) SetEmpty(text string) { b.list.empty = text }

// Selected is the queue under the cursor.
func (b *Browser) Selected() (model.Queue, bool) { return b.list.Selected() }

// Shown is how many queues pass the filter.
func (b *Browser) Shown() int { return len(b.list.rows) }

// OnScreen are the queues whose counts are on screen, which the root
// reads every tick (the rest only now and then): the rows the list draws,
// the selected one among them (its metrics are under the list); or only
// the selected queue while its details take the whole body.
func (b *Browser) OnScreen() []model.Queue {
	l := &b.list
	if b.showDetail && b.lay.side == 0 {
		if q, ok := l.Selected(); ok {
			return []model.Queue{q}
		}
		return nil
	}
	// The list keeps the cursor on screen, so the selected queue is a row.
	end := min(l.offset+l.pageSize(), len(l.rows))
	out := make([]model.Queue, 0, max(end-l.offset, 0))
	for i := l.offset; i < end; i++ {
		out = append(out, l.sorted[l.rows[i].Index])
	}
	return out
}

// ShownNames are the names of the queues that pass the filter, in order.
func (b *Browser) ShownNames() []string {
	out := make([]string, len(b.list.rows))
	for i, m := range b.list.rows {
		out[i] = b.list.sorted[m.Index].Name
	}
	return out
}

// Filter is the filter pattern.
func (b *Browser) Filter() string { return b.list.Filter() }

// Typing reports whether the filter input has the keyboard: keys are text.
func (b *Browser) Typing() bool { return b.list.filtering }

// sync points the metrics and detail panes at the selected queue.
func (b *Browser) sync() {
	q, ok := b.list.Selected()
	b.metrics.SetQueue(q, ok, b.cat.Series[q.URL], b.cat.Graph)
	b.metrics.SetDLQDepth(b.cat.DLQDepth(q))
	b.metrics.SetCloudWatch(b.cwView(q, ok))
	if b.showDetail && ok {
		b.detail.SetQueue(q, b.cat)
	}
}

// SetSize shares the body between the list and the pane under it.
func (b *Browser) SetSize(w, h int) {
	b.width, b.height = w, h
	b.lay = computeLayout(h, b.showDetail, b.metrics.Rows(b.cw.on()))
	b.list.SetSize(w, b.lay.list)
	b.metrics.SetSize(w, b.lay.side)
	if b.lay.side > 0 {
		b.detail.SetSize(w, b.lay.side)
	} else {
		b.detail.SetSize(w, h)
	}
	if b.lay.side == 0 && b.focus == onSide && !b.showDetail && b.active {
		b.setFocus(onList)
	}
}

// Focus gives the browser the keyboard back, to the pane that had it.
func (b *Browser) Focus() {
	b.active = true
	b.setFocus(b.focus)
}

// Blur takes the keyboard away (a peek pane opened over the browser); the
// pane that had it gets it back on Focus.
func (b *Browser) Blur() {
	b.active = false
	b.list.Blur()
	b.metrics.Blur()
	b.detail.Blur()
}

// setFocus gives s the keyboard.
func (b *Browser) setFocus(s side) {
	b.focus = s
	b.list.Blur()
	b.metrics.Blur()
	b.detail.Blur()
	switch {
	case !b.active:
	case s == onList:
		b.list.Focus()
	case b.showDetail:
		b.detail.Focus()
	default:
		b.metrics.Focus()
	}
}

// Update handles the keys the root routes here (a paste goes to the filter
// while it is typed) and the answers of its CloudWatch reads. Its only
// I/O is those reads, as Cmds.
func (b *Browser) Update(msg tea.Msg) tea.Cmd {
	if cmd, ok := b.updateCW(msg); ok {
		return cmd
	}
	if b.list.filtering {
		switch msg.(type) {
		case tea.KeyPressMsg, tea.PasteMsg:
			b.list.Update(msg)
			b.sync()
			return b.watch()
		}
		return nil
	}
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil
	}
	b.updateKey(k)
	// What the key put on screen is read once the keys stop.
	return b.watch()
}

// updateKey handles a key while the filter is not being typed.
func (b *Browser) updateKey(k tea.KeyPressMsg) {
	keys := b.c.Keys
	switch {
	case key.Matches(k, keys.List.Open, keys.List.Peek):
		if q, ok := b.list.Selected(); ok {
			b.Send(PeekMsg{Queue: q})
		}
	case key.Matches(k, keys.List.Details):
		b.openDetail()
	case key.Matches(k, keys.Global.Back):
		b.back()
	case key.Matches(k, keys.List.Sort):
		b.list.SetSort(b.nextSort())
		b.sync()
		b.Send(SortedMsg{By: b.list.sortKey})
	case key.Matches(k, keys.List.Window):
		b.cycleWindow()
	case key.Matches(k, keys.List.Filter):
		b.setFocus(onList)
		b.list.StartFilter()
	case key.Matches(k, keys.Global.NextPane, keys.Global.PrevPane):
		// A single pane (no side rows) keeps the keyboard.
		if b.lay.side > 0 {
			b.setFocus(1 - b.focus)
		}
	case b.focus == onList:
		b.list.Update(k)
		b.sync()
	case b.showDetail:
		b.detail.Update(k)
	}
}

// openDetail shows the selected queue's attributes, redrive policy and
// DLQ links, and gives it the keyboard.
func (b *Browser) openDetail() {
	q, ok := b.list.Selected()
	if !ok {
		return
	}
	b.showDetail = true
	b.SetSize(b.width, b.height)
	b.detail.SetQueue(q, b.cat)
	b.setFocus(onSide)
}

// back closes the detail pane, else clears the filter, else shows every
// queue again after :dlq.
func (b *Browser) back() {
	switch {
	case b.showDetail:
		b.showDetail = false
		b.SetSize(b.width, b.height)
		b.setFocus(onList)
	case b.list.Filter() != "":
		b.list.ClearFilter()
		b.sync()
	case b.list.dlqOnly:
		b.SetDLQOnly(false)
	}
}

// Hints are what the keyboard does right now.
func (b *Browser) Hints() []key.Binding {
	keys := b.c.Keys
	switch {
	case b.list.filtering:
		return common.FilterHints(keys.Input, "to narrow")
	case b.showDetail && b.focus == onSide:
		return []key.Binding{keymap.Hint("↑/↓", "scroll"), keymap.Short(keys.List.Open, "peek"),
			keymap.Short(keys.Global.Back, "back"), keymap.Short(keys.Global.NextPane, "to list"),
			keys.Global.Refresh, keys.Global.Help, keys.Global.Quit}
	case b.list.Filter() != "":
		return append([]key.Binding{keymap.Short(keys.Global.Back, "clear filter")}, withSlot(keys.ShortHelp())...)
	case b.list.dlqOnly:
		return append([]key.Binding{keymap.Short(keys.Global.Back, "all queues")}, withSlot(keys.ShortHelp())...)
	case b.focus == onSide && b.cw.on():
		return append([]key.Binding{keymap.Short(keys.List.Window, "window")}, withSlot(keys.ShortHelp())...)
	}
	return withSlot(keys.ShortHelp())
}

// withSlot puts the DLQ keys' place after help and quit.
func withSlot(hs []key.Binding) []key.Binding {
	return append(append(append([]key.Binding{}, hs[:2]...), common.DLQSlot()), hs[2:]...)
}

// View is the list with the side pane under it, or the detail pane alone
// when there is no room for both.
func (b *Browser) View() string {
	if b.showDetail && b.lay.side == 0 {
		return b.detail.View()
	}
	parts := []string{b.list.View()}
	if b.lay.side > 0 {
		parts = append(parts, b.c.Styles.Muted.Render(strings.Repeat("─", b.width)))
		if b.showDetail {
			parts = append(parts, b.detail.View())
		} else {
			parts = append(parts, b.metrics.View())
		}
	}
	return strings.Join(parts, "\n")
}
