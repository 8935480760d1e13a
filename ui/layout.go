package ui

import (
	"strings"

	"github.com/sqscope/sqscope/ui/common"
)

// layout is how the screen's rows are shared, computed on resize and when
// a pane opens or closes, never per frame. The queue browser shares its
// own rows between the list and the pane under it.
type layout struct {
	body int // rows between header and status bar
	dlqW int // columns of the DLQ pane beside the peek pane; 0 when not
	dlqH int // rows of the DLQ strip above the peek pane; 0 when not
}

const (
	headerRows = 1
	footerRows = 2 // status line and key hints

	// dlqBesideMin is the narrowest terminal that gets the DLQ pane beside
	// the peek pane; below it the pane is a short strip above.
	dlqBesideMin = 110
	dlqStripRows = 5
)

// relayout gives every pane and the dialogs their size.
func (a *App) relayout() {
	w := a.width
	l := layout{body: max(a.height-headerRows-footerRows, 0)}
	a.queues.SetSize(w, l.body)
	a.dialogs.SetSize(w, l.body)
	// The DLQ pane shares the peek pane's body: a column on the right when
	// wide, a strip on top when narrow, none when the body is too short.
	if a.peek.Open() && a.cat.Graph.IsDLQ(a.peek.Queue().ARN) {
		switch {
		case w >= dlqBesideMin:
			l.dlqW = min(max(w*36/100, 36), 50)
		case l.body >= 15:
			l.dlqH = min(dlqStripRows, l.body/3)
		}
	}
	switch {
	case l.dlqW > 0:
		a.peek.SetSize(w-l.dlqW-1, l.body)
		a.redrive.SetSize(l.dlqW, l.body)
	case l.dlqH > 0:
		a.peek.SetSize(w, l.body-l.dlqH-1)
		a.redrive.SetSize(w, l.dlqH)
	default:
		a.peek.SetSize(w, l.body)
		a.redrive.SetSize(0, 0)
	}
	a.redrive.SetWide(l.dlqW > 0)
	a.lay = l
}

// peekArea is the peek pane with, when shown, the DLQ pane beside or
// above it.
func (a *App) peekArea() string {
	l, w := a.lay, a.width
	rule := a.com.Styles.Muted
	switch {
	case l.dlqH > 0:
		return a.redrive.View() + "\n" + rule.Render(strings.Repeat("─", w)) + "\n" + a.peek.View()
	case l.dlqW == 0:
		return a.peek.View()
	}
	left := strings.Split(a.peek.View(), "\n")
	right := strings.Split(a.redrive.View(), "\n")
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
		rows[i] = common.PadRight(lt, pw) + rule.Render("│") + r
	}
	return strings.Join(rows, "\n")
}
