package ui

import (
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/sqscope/sqscope/keymap"
	"github.com/sqscope/sqscope/model"
)

const (
	// dlqBesideMin is the narrowest terminal that gets the DLQ pane beside
	// the peek pane; below it the pane is a short strip above.
	dlqBesideMin = 110
	dlqStripRows = 5
)

// dlqShown reports whether the DLQ pane is on screen: the peeked queue is
// a dead-letter queue and there is room.
func (a *App) dlqShown() bool {
	return a.peekOpen() && a.graph.IsDLQ(a.peek.q.ARN) && (a.lay.dlqW > 0 || a.lay.dlqH > 0)
}

// sharePeek shares the body between the peek pane and, for a DLQ, the DLQ
// pane: a column on the right when wide, a strip on top when narrow, none
// when the body is too short to spare it.
func (l *layout) sharePeek(w int, isDLQ bool, pk *peekPane, d *dlqPane) {
	l.dlqW, l.dlqH = 0, 0
	body := l.body
	if isDLQ {
		switch {
		case w >= dlqBesideMin:
			l.dlqW = min(max(w*36/100, 36), 50)
		case body >= 15:
			l.dlqH = min(dlqStripRows, body/3)
		}
	}
	switch {
	case l.dlqW > 0:
		pk.SetSize(w-l.dlqW-1, body)
		d.SetSize(l.dlqW, body, true)
	case l.dlqH > 0:
		pk.SetSize(w, body-l.dlqH-1)
		d.SetSize(w, l.dlqH, false)
	default:
		pk.SetSize(w, body)
	}
}

// peekArea is the peek pane with, when shown, the DLQ pane beside or
// above it.
func (l layout) peekArea(w int, showDLQ bool, st *Styles, pk *peekPane, d *dlqPane) string {
	if !showDLQ {
		return pk.View()
	}
	rule := st.Muted
	if l.dlqH > 0 {
		return d.View() + "\n" + rule.Render(strings.Repeat("─", w)) + "\n" + pk.View()
	}
	left := strings.Split(pk.View(), "\n")
	right := strings.Split(d.View(), "\n")
	pw := w - l.dlqW - 1
	rows := make([]string, l.body)
	for i := range rows {
		lt, r := "", ""
		if i < len(left) {
			lt = left[i]
		}
		if i < len(right) {
			r = right[i]
		}
		rows[i] = padRight(lt, pw) + rule.Render("│") + r
	}
	return strings.Join(rows, "\n")
}

// openPane points the DLQ pane at q when it is a DLQ, and asks SQS for
// a move task already running there so it is shown, not duplicated.
func (c *moveCtl) openPane(e moveEnv, q model.Queue) tea.Cmd {
	if !e.graph.IsDLQ(q.ARN) {
		return nil
	}
	e.dlq.SetQueue(q, e.graph, e.byARN)
	e.dlq.SetMessages(nil, e.graph.Name)
	e.dlq.movedAway = 0
	if c.running() {
		return nil
	}
	return moveTasksCmd(e.ctx, e.client, 0, 0, q.ARN)
}

// feed hands the peeked messages to the pane when the peeked queue is a
// DLQ and the pane has not seen them all. Grouping reads every body,
// which is wasted on any other queue and must not be repeated per refresh.
func (d *dlqPane) feed(pk *peekPane, g model.DLQGraph) {
	if g.IsDLQ(pk.q.ARN) && len(d.peeked) != len(pk.msgs) {
		d.SetMessages(pk.msgs, g.Name)
	}
}

// dlqDepth is the depth of q's DLQ, for the metrics pane; -1 when q has
// none or its depth is unknown.
func dlqDepth(g model.DLQGraph, byARN map[string]model.Queue, q model.Queue) int64 {
	arn, ok := g.DLQOf(q.ARN)
	if !ok {
		return -1
	}
	d, ok := byARN[arn]
	if !ok || d.Err != nil {
		return -1
	}
	return d.Stats.Total()
}

// openPicker is m: choose where the current DLQ's messages go.
func (a *App) openPicker() {
	q, ok := a.currentQueue()
	if !ok {
		return
	}
	if a.picker, a.notice = movePicker(&a.st, &a.keys, q, a.graph, a.queues); a.picker != nil {
		a.picker.SetSize(a.width, a.lay.body)
	}
}

// movePicker is the picker of where dlq's messages go; nil, and why, when
// dlq is not a dead-letter queue.
func movePicker(st *Styles, keys *keymap.KeyMap, dlq model.Queue, g model.DLQGraph, qs []model.Queue) (*queuePicker, string) {
	if !g.IsDLQ(dlq.ARN) {
		return nil, oneLine(dlq.Name) + " is not a dead-letter queue: m moves a DLQ's messages to a queue you pick"
	}
	return newQueuePicker(st, keys, dlq, qs), ""
}

// pickerKey routes a key to the picker; a pick opens the move dialog.
func (a *App) pickerKey(msg tea.Msg) tea.Cmd {
	q, done := a.picker.Update(msg)
	if !done {
		return nil
	}
	a.picker = nil
	if q == nil {
		a.notice = "move cancelled"
		return nil
	}
	return a.requestRedrive(q)
}
