package queueform

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
)

// limit is one numeric queue setting: its SQS attribute, its range, and
// how its values are written (seconds as 30s/5m/4d, sizes as KiB/MiB,
// counts bare).
type limit struct {
	attr     string // SQS attribute name
	what     string // for sentences: "visibility timeout"
	min, max int
	unit     unit
}

type unit int

const (
	seconds unit = iota
	bytes
	count
)

// The ranges SQS enforces (CreateQueue, SetQueueAttributes).
var (
	visibility  = limit{"VisibilityTimeout", "visibility timeout", 0, 43200, seconds}
	retention   = limit{"MessageRetentionPeriod", "retention", 60, 1209600, seconds}
	delay       = limit{"DelaySeconds", "delivery delay", 0, 900, seconds}
	receiveWait = limit{"ReceiveMessageWaitTimeSeconds", "receive wait", 0, 20, seconds}
	maxSize     = limit{"MaximumMessageSize", "maximum message size", 1024, 1 << 20, bytes}
	maxReceives = limit{"maxReceiveCount", "max receives", 1, 1000, count}
)

// rangeNote is the range, as the field's note shows it.
func (l limit) rangeNote() string { return l.format(l.min) + "–" + l.format(l.max) }

// parse reads a value as typed: a bare number is seconds (bytes, a
// count); a human unit may follow, and units add up ("1h30m"). Its error
// is shown beside the field, so it does not name the field.
func (l limit) parse(s string) (int, error) {
	s = strings.ToLower(strings.ReplaceAll(strings.TrimSpace(s), " ", ""))
	if s == "" {
		return 0, fmt.Errorf("needs a value, %s", l.rangeNote())
	}
	n, err := sum(s, unitTables[l.unit])
	if err != nil {
		return 0, err
	}
	if n < l.min || n > l.max {
		return n, fmt.Errorf("must be %s", l.rangeNote())
	}
	return n, nil
}

// unitTable is what a unit may be written as, and how to say so.
type unitTable struct {
	mul  map[string]int
	says string
}

var unitTables = map[unit]unitTable{
	seconds: {map[string]int{"": 1, "s": 1, "sec": 1, "m": 60, "min": 60, "h": 3600, "d": 86400}, "use s, m, h or d"},
	bytes:   {map[string]int{"": 1, "b": 1, "k": 1024, "kb": 1024, "kib": 1024, "m": 1 << 20, "mb": 1 << 20, "mib": 1 << 20}, "use b, k or m"},
	count:   {map[string]int{"": 1}, "type a whole number"},
}

// sum adds up number-and-unit pairs: "4d", "1h30m", "256k", "30".
func sum(s string, units unitTable) (int, error) {
	total := 0
	for s != "" {
		i := strings.IndexFunc(s, func(r rune) bool { return !unicode.IsDigit(r) })
		if i == 0 {
			return 0, fmt.Errorf("%q is not a number", s)
		}
		if i < 0 {
			i = len(s)
		}
		n, err := strconv.Atoi(s[:i])
		if err != nil || n > 1<<31 {
			return 0, fmt.Errorf("%q is too large", s[:i])
		}
		s = s[i:]
		j := strings.IndexFunc(s, unicode.IsDigit)
		if j < 0 {
			j = len(s)
		}
		mul, ok := units.mul[s[:j]]
		if !ok {
			return 0, fmt.Errorf("unknown unit %q: %s", s[:j], units.says)
		}
		total += n * mul
		if total > 1<<31 {
			return 0, fmt.Errorf("too large")
		}
		s = s[j:]
	}
	return total, nil
}

// format writes n the way the user would type it: seconds in units that
// add up ("1h30m"), bytes in the largest unit that divides them.
func (l limit) format(n int) string {
	switch l.unit {
	case seconds:
		if n == 0 {
			return "0s"
		}
		var b strings.Builder
		for _, u := range []struct {
			n    int
			name string
		}{{86400, "d"}, {3600, "h"}, {60, "m"}, {1, "s"}} {
			if n >= u.n {
				b.WriteString(strconv.Itoa(n/u.n) + u.name)
				n %= u.n
			}
		}
		return b.String()
	case bytes:
		switch {
		case n != 0 && n%(1<<20) == 0:
			return strconv.Itoa(n>>20) + " MiB"
		case n != 0 && n%1024 == 0:
			return strconv.Itoa(n>>10) + " KiB"
		}
		return strconv.Itoa(n) + " B"
	}
	return strconv.Itoa(n)
}

// formatAttr is an attribute's raw value as format writes it; a value
// that is not a whole number is shown as it is.
func (l limit) formatAttr(raw string) string {
	n, err := strconv.Atoi(strings.TrimSpace(raw))
	if err != nil {
		return raw
	}
	return l.format(n)
}
