package queues

// layout is how the browser's rows are shared, computed on resize and when
// the detail pane opens or closes, never per frame.
type layout struct {
	list int // rows of the list pane (title and column header included)
	side int // rows of the metrics or detail pane; 0 when collapsed
}

const (
	metricsMin = 5 // title, two sparklines, summary, DLQ
	ruleRows   = 1 // the line between list and side pane
)

// computeLayout stacks the list above the side pane at every width: the
// list's columns already use the full width, and a full-width sparkline
// shows the most history. The side pane collapses first when rows run out;
// an open detail pane then takes the list's place.
func computeLayout(body int, detail bool) layout {
	var l layout
	side := metricsMin
	if body >= 30 {
		side = metricsMin + 1
	}
	if detail {
		side = body / 2
	}
	if body-side-ruleRows < 5 {
		// Too short for both: one pane takes the whole body.
		l.list = body
		return l
	}
	l.side = side
	l.list = body - side - ruleRows
	return l
}
