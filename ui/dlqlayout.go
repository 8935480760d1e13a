package ui

import (
	"strings"

	tea "charm.land/bubbletea/v2"

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

// sizePeek shares the body between the peek pane and, for a DLQ, the DLQ
// pane: a column on the right when wide, a strip on top when narrow, none
// when the body is too short to spare it.
func (a *App) sizePeek() {
	a.lay.dlqW, a.lay.dlqH = 0, 0
	body := a.lay.body
	if a.peekOpen() && a.graph.IsDLQ(a.peek.q.ARN) {
		switch {
		case a.width >= dlqBesideMin:
			a.lay.dlqW = min(max(a.width*36/100, 36), 50)
		case body >= 15:
			a.lay.dlqH = min(dlqStripRows, body/3)
		}
	}
	switch {
	case a.lay.dlqW > 0:
		a.peek.SetSize(a.width-a.lay.dlqW-1, body)
		a.dlq.SetSize(a.lay.dlqW, body, true)
	case a.lay.dlqH > 0:
		a.peek.SetSize(a.width, body-a.lay.dlqH-1)
		a.dlq.SetSize(a.width, a.lay.dlqH, false)
	default:
		a.peek.SetSize(a.width, body)
	}
}

// peekArea is the peek pane with the DLQ pane beside or above it.
func (a *App) peekArea() string {
	if !a.dlqShown() {
		return a.peek.View()
	}
	rule := a.st.Muted
	if a.lay.dlqH > 0 {
		return a.dlq.View() + "\n" + rule.Render(strings.Repeat("─", a.width)) + "\n" + a.peek.View()
	}
	left := strings.Split(a.peek.View(), "\n")
	right := strings.Split(a.dlq.View(), "\n")
	pw := a.width - a.lay.dlqW - 1
	rows := make([]string, a.lay.body)
	for i := range rows {
		l, r := "", ""
		if i < len(left) {
			l = left[i]
		}
		if i < len(right) {
			r = right[i]
		}
		rows[i] = padRight(l, pw) + rule.Render("│") + r
	}
	return strings.Join(rows, "\n")
}

// openDLQPane points the DLQ pane at q when it is a DLQ, and asks SQS for
// a move task already running there so it is shown, not duplicated.
func (a *App) openDLQPane(q model.Queue) tea.Cmd {
	if !a.graph.IsDLQ(q.ARN) {
		return nil
	}
	a.dlq.SetQueue(q, a.graph, a.byARN)
	a.dlq.SetMessages(nil, a.graph.Name)
	a.dlq.movedAway = 0
	if a.moves.running() {
		return nil
	}
	return moveTasksCmd(a.ctx, a.client, 0, 0, q.ARN)
}

// feedDLQ hands the peeked messages to the DLQ pane when the peeked queue
// is a DLQ and the pane has not seen them all. Grouping reads every body,
// which is wasted on any other queue and must not be repeated per refresh.
func (a *App) feedDLQ() {
	if a.graph.IsDLQ(a.peek.q.ARN) && len(a.dlq.peeked) != len(a.peek.msgs) {
		a.dlq.SetMessages(a.peek.msgs, a.graph.Name)
	}
}

// dlqDepth is the depth of q's DLQ, for the metrics pane; -1 when q has
// none or its depth is unknown.
func (a *App) dlqDepth(q model.Queue) int64 {
	arn, ok := a.graph.DLQOf(q.ARN)
	if !ok {
		return -1
	}
	d, ok := a.byARN[arn]
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
	if !a.graph.IsDLQ(q.ARN) {
		a.notice = oneLine(q.Name) + " is not a dead-letter queue: m moves a DLQ's messages to a queue you pick"
		return
	}
	a.picker = newQueuePicker(&a.st, &a.keys, q, a.queues)
	a.picker.SetSize(a.width, a.lay.body)
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
