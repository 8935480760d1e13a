package queues

import (
	"math"
	"strings"
)

// histSpark draws a history line in width cells: the past and the live
// part (from index live on) apart, so the view can style them apart. When
// there are more periods than cells, each cell stands for several periods
// — their maximum for a level, so a spike never disappears; their mean for
// a count of events, so a cell with periods not reported yet (the newest)
// does not look like a drop — grouped from the newest, so the last cell is
// always the latest. A period without data is a blank, an
// empty queue the floor bar; bars scale between the smallest and largest
// value drawn, as the polled sparkline's do. Fewer cells than width are
// right-aligned, so now is always in the last column.
func histSpark(values []float64, live, width int, summed bool) (past, recent string) {
	if width <= 0 || len(values) == 0 {
		return "", ""
	}
	per := (len(values) + width - 1) / width // periods per cell
	cells := (len(values) + per - 1) / per
	agg := make([]float64, cells)
	liveCell := cells
	for c := range cells {
		// Cell c ends (cells-1-c)*per periods before the newest.
		hi := len(values) - (cells-1-c)*per
		lo := max(hi-per, 0)
		agg[c] = combine(values[lo:hi], summed)
		if hi > live && liveCell == cells {
			liveCell = c
		}
	}
	lo, hi, any := math.Inf(1), math.Inf(-1), false
	for _, v := range agg {
		if !math.IsNaN(v) {
			lo, hi, any = min(lo, v), max(hi, v), true
		}
	}
	// Bars stand on zero, not on the window's minimum: 120 s and 123 s of
	// age are nearly the same height, as they are nearly the same age.
	lo = min(lo, 0)
	var a, b strings.Builder
	a.Grow(width * 3)
	a.WriteString(strings.Repeat(" ", width-cells))
	top := float64(len(sparkBars) - 1)
	for c, v := range agg {
		out := &a
		if c >= liveCell {
			out = &b
		}
		switch {
		case math.IsNaN(v) || !any:
			out.WriteByte(' ')
		case v <= 0:
			out.WriteRune(sparkBars[0])
		case hi == lo:
			out.WriteRune(sparkBars[int(top)/2])
		default:
			// 1..top for lo..hi: the floor bar stays reserved for zero.
			out.WriteRune(sparkBars[1+int(math.Round((v-lo)*(top-1)/(hi-lo)))])
		}
	}
	return a.String(), b.String()
}

// combine is one cell's value: NaN when no period has data.
func combine(vs []float64, summed bool) float64 {
	out, n := 0.0, 0
	for _, v := range vs {
		switch {
		case math.IsNaN(v):
			continue
		case n == 0:
			out = v
		case summed:
			out += v
		default:
			out = max(out, v)
		}
		n++
	}
	switch {
	case n == 0:
		return math.NaN()
	case summed:
		return out / float64(n)
	}
	return out
}
