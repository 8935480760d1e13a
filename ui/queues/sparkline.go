package queues

import "strings"

// sparkBars are the eight block heights, lowest first.
var sparkBars = []rune("▁▂▃▄▅▆▇█")

// sparkline draws the last width values as one row of block characters.
// Bars scale between the smallest and largest value shown, so a backlog of
// 2,500,000 that grows by 400 a minute still shows its trend; the rate
// beside the line gives the magnitude. Zero always draws the floor bar, and
// any non-zero value at least the second, so "empty" is never ambiguous. A
// flat non-zero series draws at mid height. Fewer values than width are
// right-aligned, so the newest value is always in the same column.
func sparkline(values []int64, width int) string {
	if width <= 0 {
		return ""
	}
	if len(values) > width {
		values = values[len(values)-width:]
	}
	lo, hi := int64(0), int64(0)
	for i, v := range values {
		if i == 0 || v < lo {
			lo = v
		}
		hi = max(hi, v)
	}
	var b strings.Builder
	b.Grow(width * 3)
	for range width - len(values) {
		b.WriteByte(' ')
	}
	top := int64(len(sparkBars) - 1)
	for _, v := range values {
		var i int64
		switch {
		case v <= 0:
			i = 0
		case hi == lo:
			i = top / 2
		default:
			// 1..top for lo..hi: the floor bar stays reserved for zero.
			i = 1 + ((v-lo)*(top-1)+(hi-lo)/2)/(hi-lo)
		}
		b.WriteRune(sparkBars[i])
	}
	return b.String()
}
