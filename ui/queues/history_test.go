package queues

import (
	"math"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/sqscope/sqscope/model"
)

var nan = math.NaN()

func TestHistSpark(t *testing.T) {
	cases := []struct {
		name         string
		in           []float64
		live, width  int
		summed       bool
		past, recent string
	}{
		{"gaps are blanks, zero the floor", []float64{0, nan, 4, 8}, 4, 4, false, "▁ ▅█", ""},
		{"right-aligned, live apart", []float64{1, 2, 3}, 2, 5, false, "  ▄▆", "█"},
		{"levels keep the peak of a cell", []float64{0, 8, 0, 0, 4, 4}, 6, 3, false, "█▁▅", ""},
		// Summed: the mean, so the newest cell, half reported, is no drop.
		{"sums average a cell", []float64{4, 4, 8, 8, 8, nan}, 6, 3, true, "▅██", ""},
		// Grouped from the newest: the oldest cell is the short one.
		{"grouped from the newest", []float64{9, 1, 1, 2, 2}, 5, 2, false, "█▃", ""},
		// Bars stand on zero: a line between 120 and 123 is nearly flat.
		{"bars stand on zero", []float64{120, 121, 123}, 3, 3, false, "███", ""},
		{"no data at all", []float64{nan, nan}, 2, 3, false, "   ", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			past, recent := histSpark(c.in, c.live, c.width, c.summed)
			if past != c.past || recent != c.recent {
				t.Errorf("histSpark(%v) = %q + %q, want %q + %q", c.in, past, recent, c.past, c.recent)
			}
			if n := ansi.StringWidth(past + recent); n != c.width {
				t.Errorf("%d cells, want %d", n, c.width)
			}
		})
	}
}

func TestHistSparkFitsEveryWindow(t *testing.T) {
	for _, w := range model.Windows() {
		vals := make([]float64, w.Points())
		for i := range vals {
			vals[i] = float64(i % 17)
		}
		for _, width := range []int{1, 34, 74, 200} {
			past, recent := histSpark(vals, len(vals)-3, width, w == model.Window1w)
			if n := ansi.StringWidth(past + recent); n != width {
				t.Errorf("%v at %d cells: %d drawn", w, width, n)
			}
			if recent == "" {
				t.Errorf("%v at %d cells: the live part vanished", w, width)
			}
		}
	}
}

func TestNumbersBesideTheLines(t *testing.T) {
	for _, c := range []struct{ got, want string }{
		{shortAge(45 * time.Second), "45s"},
		{shortAge(2*time.Minute + 59*time.Second), "2m"},
		{shortAge(3*time.Hour + 5*time.Minute), "3h"},
		{shortAge(100 * time.Hour), "4d"},
		{compact(1234), "1,234"},
		{compact(12_345), "12.3k"},
		{compact(2_500_000), "2.5M"},
		{signed(model.MetricVisible, 1260), "+1,260"},
		{signed(model.MetricOldestAge, -300), "-5m"},
		{metricValue(model.MetricOldestAge, 3*3600+58*60), "3h 58m"},
		{signed(model.MetricSent, 0), "±0"},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}

func TestLayoutGivesTheMetricsWhatFits(t *testing.T) {
	for _, c := range []struct {
		body, want int
		detail     bool
		list, side int
	}{
		{33, histRows, false, 23, 9},
		{21, histRows, false, 11, 9},
		{12, histRows, false, 5, 6},  // the last lines give way
		{10, histRows, false, 10, 0}, // too short: the list alone
		{21, metricsMin + 1, false, 14, 6},
		{21, histRows, true, 10, 10},
	} {
		l := computeLayout(c.body, c.detail, c.want)
		if l.list != c.list || l.side != c.side {
			t.Errorf("computeLayout(%d, %v, %d) = %+v, want list %d side %d", c.body, c.detail, c.want, l, c.list, c.side)
		}
	}
}

func TestAgeCell(t *testing.T) {
	b := newBrowser(t, 120, 36)
	l := &b.list
	l.SetAges(model.Ages{"orders": {Oldest: 4 * time.Minute}, "orders-dlq": {Oldest: 3 * time.Hour}}, time.Hour, true)
	for name, want := range map[string]string{"orders": "4m ", "orders-dlq": "3h!", "billing": "- "} {
		got, old := l.ageOf(model.Queue{Name: name})
		if got != want || old != (name == "orders-dlq") {
			t.Errorf("%s: %q, %v; want %q", name, got, old, want)
		}
	}
	if h := l.cols.header(); !strings.Contains(h, "delayed oldest DLQ") {
		t.Errorf("header %q", h)
	}
}
