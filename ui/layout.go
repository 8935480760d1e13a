package ui

// layout is how the screen's rows are shared, computed on resize and when
// the detail pane opens or closes, never per frame.
type layout struct {
	body int // rows between header and status bar
	list int // rows of the list pane (title and column header included)
	side int // rows of the metrics or detail pane; 0 when collapsed
	dlqW int // columns of the DLQ pane beside the peek pane; 0 when not
	dlqH int // rows of the DLQ strip above the peek pane; 0 when not
}

const (
	headerRows = 1
	footerRows = 2 // status line and key hints
	metricsMin = 5 // title, two sparklines, summary, DLQ
	ruleRows   = 1 // the line between list and side pane
)

// computeLayout stacks the list above the side pane at every width: the
// list's columns already use the full width, and a full-width sparkline
// shows the most history. The side pane collapses first when rows run out;
// an open detail pane then takes the list's place.
func computeLayout(height int, detail bool) layout {
	l := layout{body: max(height-headerRows-footerRows, 0)}
	side := metricsMin
	if l.body >= 30 {
		side = metricsMin + 1
	}
	if detail {
		side = l.body / 2
	}
	if l.body-side-ruleRows < 5 {
		// Too short for both: one pane takes the whole body.
		l.list = l.body
		if detail {
			l.side = 0
		}
		return l
	}
	l.side = side
	l.list = l.body - side - ruleRows
	return l
}

// relayout applies the layout to every pane.
func (a *App) relayout() {
	a.lay = computeLayout(a.height, a.browse.showDetail)
	a.browse.setSize(a.width, a.lay)
	a.lay.sharePeek(a.width, a.peekOpen() && a.graph.IsDLQ(a.peek.q.ARN), &a.peek, &a.dlq)
	if a.confirm != nil {
		a.confirm.SetSize(a.width, a.lay.body)
	}
	if a.picker != nil {
		a.picker.SetSize(a.width, a.lay.body)
	}
	if a.lay.side == 0 && a.browse.focus == paneSide && !a.browse.showDetail && !a.peekOpen() {
		a.setFocus(paneList)
	}
}
