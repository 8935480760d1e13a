package common

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/sqscope/sqscope/awsclient"
	"github.com/sqscope/sqscope/ui/sanitize"
)

// Commas formats n with thousands separators: 2000 -> "2,000".
func Commas(n int64) string {
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

// Plural is "1 queue", "2,000 queues".
func Plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return Commas(int64(n)) + " " + word + "s"
}

// OneOr is one when n is 1, else many: the words that agree with n
// ("its send", "their sends").
func OneOr(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// IsAre is the verb that agrees with n.
func IsAre(n int) string {
	if n == 1 {
		return "is"
	}
	return "are"
}

// Rate formats a change per minute with an explicit sign.
func Rate(perMin float64) string {
	sign := "+"
	if perMin < 0 {
		sign, perMin = "-", -perMin
	}
	switch {
	case perMin == 0:
		return "±0/min"
	case perMin >= 100:
		// Big rates read better as whole numbers with separators.
		return sign + Commas(int64(perMin+0.5)) + "/min"
	}
	return sign + fmt.Sprintf("%.1f/min", perMin)
}

// Age is a duration in its two largest units: 45s, 12m, 3h 5m, 2d 4h.
func Age(d time.Duration) string {
	d = max(d, 0)
	switch {
	case d < time.Minute:
		return fmt.Sprintf("%ds", int(d.Seconds()))
	case d < time.Hour:
		return fmt.Sprintf("%dm", int(d.Minutes()))
	case d < 24*time.Hour:
		return fmt.Sprintf("%dh %dm", int(d.Hours()), int(d.Minutes())%60)
	}
	return fmt.Sprintf("%dd %dh", int(d.Hours())/24, int(d.Hours())%24)
}

// OneLine makes prose from outside (errors, notices, attribute values) safe
// for one terminal row. Control characters, including ESC, become spaces and
// runs of whitespace collapse, because an SDK error spread over several lines
// reads best as one; whatever else sanitize escapes (bidi overrides,
// zero-width characters) is then shown visibly, as in a message body.
func OneLine(s string) string {
	s = strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) {
			return ' '
		}
		return r
	}, s)
	return sanitize.Line(strings.Join(strings.Fields(s), " "))
}

// ErrText is an error as one short, safe line: awsclient's description
// ("access denied: GetQueueAttributes on orders") rather than the SDK's
// several-line chain. The detail pane shows the full text instead.
func ErrText(err error) string { return OneLine(awsclient.Describe(err)) }

// Trunc cuts s (which may hold ANSI styling) to w cells, marking the cut.
func Trunc(s string, w int) string {
	if w <= 0 {
		return ""
	}
	if Width(s) <= w {
		return s
	}
	return ansi.Truncate(s, w, "…")
}

// PadRight truncates or pads s with spaces to exactly w cells.
func PadRight(s string, w int) string {
	n := Width(s)
	if n > w {
		return Trunc(s, w)
	}
	return s + strings.Repeat(" ", w-n)
}

// PadLeft is PadRight aligned right, for numbers.
func PadLeft(s string, w int) string {
	n := Width(s)
	if n > w {
		return Trunc(s, w)
	}
	return strings.Repeat(" ", w-n) + s
}

// Fit clips a rendered block to w×h so that no frame can ever overflow the
// terminal, whatever a component got wrong.
func Fit(s string, w, h int) string {
	lines := strings.Split(s, "\n")
	if len(lines) > h {
		lines = lines[:max(h, 0)]
	}
	for i, l := range lines {
		if Width(l) > w {
			lines[i] = ansi.Truncate(l, w, "")
		}
	}
	return strings.Join(lines, "\n")
}

// Block renders lines into exactly h rows (padding with empty rows), each
// clipped to w cells.
func Block(lines []string, w, h int) string {
	out := make([]string, h)
	for i := 0; i < h && i < len(lines); i++ {
		out[i] = Trunc(lines[i], w)
	}
	return strings.Join(out, "\n")
}

// Wrap breaks safe text into lines of at most w cells at spaces.
func Wrap(s string, w int) []string {
	return strings.Split(lipgloss.NewStyle().Width(max(w, 1)).Render(s), "\n")
}

// MiddleCut fits one row of safe text (a queue name) into w cells by
// cutting its middle: queue names share their beginnings
// (prod-order-fulfillment-…) and differ at the end (…-events-dlq,
// …-commands-dlq), so the end is kept, and more of it than of the start.
func MiddleCut(s string, w int) string {
	n := Width(s)
	if n <= w {
		return s
	}
	if w < 5 {
		return Trunc(s, w)
	}
	head := (w - 1) * 2 / 5
	tail := w - 1 - head
	return ansi.Truncate(s, head, "") + "…" + ansi.TruncateLeft(s, n-tail, "")
}
