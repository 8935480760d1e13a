package ui

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/sqscope/sqscope/awsclient"
	"github.com/sqscope/sqscope/ui/sanitize"
)

// commas formats n with thousands separators: 2000 -> "2,000".
func commas(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	if neg {
		s = s[1:]
	}
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

// plural is "1 queue", "2,000 queues".
func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return commas(int64(n)) + " " + word + "s"
}

// rate formats a change per minute with an explicit sign.
func rate(perMin float64) string {
	sign := "+"
	if perMin < 0 {
		sign, perMin = "-", -perMin
	}
	switch {
	case perMin == 0:
		return "±0/min"
	case perMin >= 100:
		// Big rates read better as whole numbers with separators.
		return sign + commas(int64(perMin+0.5)) + "/min"
	}
	return sign + fmt.Sprintf("%.1f/min", perMin)
}

// oneLine makes prose from outside (errors, notices, attribute values) safe
// for one terminal row. Control characters, including ESC, become spaces and
// runs of whitespace collapse, because an SDK error spread over several lines
// reads best as one; whatever else sanitize escapes (bidi overrides,
// zero-width characters) is then shown visibly, as in a message body.
func oneLine(s string) string {
	s = strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) {
			return ' '
		}
		return r
	}, s)
	return sanitize.Line(strings.Join(strings.Fields(s), " "))
}

// trunc cuts s (which may hold ANSI styling) to w cells, marking the cut.
func trunc(s string, w int) string {
	if w <= 0 {
		return ""
	}
	if width(s) <= w {
		return s
	}
	return ansi.Truncate(s, w, "…")
}

// padRight truncates or pads s with spaces to exactly w cells.
func padRight(s string, w int) string {
	n := width(s)
	if n > w {
		return trunc(s, w)
	}
	return s + strings.Repeat(" ", w-n)
}

// padLeft is padRight aligned right, for numbers.
func padLeft(s string, w int) string {
	n := width(s)
	if n > w {
		return trunc(s, w)
	}
	return strings.Repeat(" ", w-n) + s
}

// fit clips a rendered block to w×h so that no frame can ever overflow the
// terminal, whatever a component got wrong.
func fit(s string, w, h int) string {
	lines := strings.Split(s, "\n")
	if len(lines) > h {
		lines = lines[:max(h, 0)]
	}
	for i, l := range lines {
		if width(l) > w {
			lines[i] = ansi.Truncate(l, w, "")
		}
	}
	return strings.Join(lines, "\n")
}

// block renders lines into exactly h rows (padding with empty rows), each
// clipped to w cells.
func block(lines []string, w, h int) string {
	out := make([]string, h)
	for i := 0; i < h && i < len(lines); i++ {
		out[i] = trunc(lines[i], w)
	}
	return strings.Join(out, "\n")
}

// errText is an error as one short, safe line: awsclient's description
// ("access denied: GetQueueAttributes on orders") rather than the SDK's
// several-line chain. The detail pane shows the full text instead.
func errText(err error) string { return oneLine(awsclient.Describe(err)) }
