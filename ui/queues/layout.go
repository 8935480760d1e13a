package queues

// layout is how the browser's rows are shared, computed on resize, when
// the detail pane opens or closes and when CloudWatch turns out to be
// unavailable — never per frame.
type layout struct {
	list int // rows of the list pane (title and column header included)
	side int // rows of the metrics or detail pane; 0 when collapsed
}

const (
	metricsMin = 5 // title, two sparklines, summary, DLQ
	listMin    = 5 // title, column header, three rows
	ruleRows   = 1 // the line between list and side pane
)

// computeLayout stacks the list above the side pane at every width: the
// list's columns already use the full width, and a full-width sparkline
// shows the most history. The metrics pane asks for metrics rows; when
// rows run out it gives up its last lines first (the list keeps listMin),
// and collapses below metricsMin; an open detail pane then takes the
// list's place.
func computeLayout(body int, detail bool, metrics int) layout {
	var l layout
	side := metrics
	if detail {
		side = body / 2
	}
	if !detail && body-side-ruleRows < listMin {
		side = max(body-ruleRows-listMin, 0)
	}
	if side < metricsMin || body-side-ruleRows < listMin {
		// Too short for both: one pane takes the whole body.
		l.list = body
		return l
	}
	l.side = side
	l.list = body - side - ruleRows
	return l
}
