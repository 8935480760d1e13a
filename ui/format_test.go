package ui

import (
	"errors"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/sqscope/sqscope/model"
)

func TestCommas(t *testing.T) {
	for in, want := range map[int64]string{
		0: "0", 7: "7", 999: "999", 1000: "1,000", 2000: "2,000", 123456: "123,456",
		1234567: "1,234,567", -1234: "-1,234",
	} {
		if got := commas(in); got != want {
			t.Errorf("commas(%d) = %q, want %q", in, got, want)
		}
	}
	if got := plural(2000, "queue"); got != "2,000 queues" {
		t.Errorf("plural = %q", got)
	}
	if got := plural(1, "queue"); got != "1 queue" {
		t.Errorf("plural = %q", got)
	}
}

func TestRate(t *testing.T) {
	for in, want := range map[float64]string{
		0: "±0/min", 12: "+12.0/min", -3.25: "-3.2/min", 12000: "+12,000/min", -150.4: "-150/min",
	} {
		if got := rate(in); got != want {
			t.Errorf("rate(%v) = %q, want %q", in, got, want)
		}
	}
}

func TestOneLineNeutralisesControlCharacters(t *testing.T) {
	// \u009b is the C1 CSI; a lone \x9b byte is invalid UTF-8 and becomes
	// U+FFFD, which is harmless.
	got := oneLine("api error\n\tThrottling:\x1b[2J rate \u009b31m \x9bexceeded\r\n")
	if got != "api error Throttling: [2J rate 31m \ufffdexceeded" {
		t.Errorf("oneLine = %q", got)
	}
}

func TestPadAndTruncUseCellWidth(t *testing.T) {
	if got := padRight("→ q", 5); got != "→ q  " || ansi.StringWidth(got) != 5 {
		t.Errorf("padRight = %q", got)
	}
	if got := padLeft("12", 5); got != "   12" {
		t.Errorf("padLeft = %q", got)
	}
	if got := padRight("orders-dlq", 6); got != "order…" {
		t.Errorf("padRight cut = %q", got)
	}
	if got := fit("abcdef\nxy\nz", 3, 2); got != "abc\nxy" {
		t.Errorf("fit = %q", got)
	}
}

func TestRelationBothWays(t *testing.T) {
	qs := []model.Queue{
		testQueue("orders", 1, 0, 0, "orders-dlq"),
		testQueue("orders-dlq", 0, 0, 0, ""),
		testQueue("billing", 1, 0, 0, "shared-dlq"),
		testQueue("shipping", 1, 0, 0, "shared-dlq"),
		testQueue("zeta", 1, 0, 0, "shared-dlq"),
		testQueue("shared-dlq", 3, 0, 0, ""),
		testQueue("chained-dlq", 0, 0, 0, "final-dlq"),
		testQueue("feeds-chain", 0, 0, 0, "chained-dlq"),
	}
	g := model.BuildDLQGraph(qs)
	cases := []struct {
		q     model.Queue
		width int
		want  string
	}{
		{qs[0], 40, "→ orders-dlq"},
		{qs[1], 40, "DLQ ← orders"},
		{qs[5], 40, "DLQ ← billing, shipping, zeta"},
		{qs[5], 20, "DLQ ← 3 sources"},
		{qs[6], 40, "DLQ ← feeds-chain → final-dlq"},
		{testQueue("lonely", 0, 0, 0, ""), 40, ""},
	}
	for _, c := range cases {
		if got := relation(c.q, g, c.width); got != c.want {
			t.Errorf("relation(%s, %d) = %q, want %q", c.q.Name, c.width, got, c.want)
		}
	}
	if !dlqWithMessages(qs[5], g) || dlqWithMessages(qs[1], g) || dlqWithMessages(qs[0], g) {
		t.Error("dlqWithMessages wrong")
	}
	broken := qs[5]
	broken.Err = errors.New("denied")
	if dlqWithMessages(broken, g) {
		t.Error("a row whose counts are unknown must not claim messages")
	}
}

func TestSparkline(t *testing.T) {
	cases := []struct {
		in    []int64
		width int
		want  string
	}{
		{nil, 4, "    "},
		{[]int64{0, 0, 0}, 3, "▁▁▁"},
		{[]int64{5, 5}, 3, " ▄▄"},
		{[]int64{0, 1, 8}, 3, "▁▃█"},
		{[]int64{100, 107, 114}, 3, "▂▅█"},
		{[]int64{1, 2, 3, 4, 5, 6, 7, 8}, 3, "▂▅█"},
		{[]int64{9}, 0, ""},
	}
	for _, c := range cases {
		got := sparkline(c.in, c.width)
		if got != c.want {
			t.Errorf("sparkline(%v, %d) = %q, want %q", c.in, c.width, got, c.want)
		}
		if n := ansi.StringWidth(got); n != c.width {
			t.Errorf("sparkline(%v, %d) is %d cells", c.in, c.width, n)
		}
	}
	if strings.ContainsRune(sparkline([]int64{3, 0, 3}, 3)[3:6], '▂') {
		t.Error("zero must draw the floor bar, not the lowest non-zero bar")
	}
}

func TestPreviewIsOneLine(t *testing.T) {
	tests := []struct{ body, want string }{
		{"{\n  \"a\": 1,\n  \"b\": [1, 2]\n}\n", `{"a":1,"b":[1,2]}`},
		{"<?xml version=\"1.0\"?>\r\n<a/>", `<?xml version="1.0"?> …`},
		{"one line", "one line"},
		{"trailing newline\n\n", "trailing newline"},
		{"{broken json\nsecond", "{broken json …"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := preview(tt.body); got != tt.want {
			t.Errorf("preview(%q) = %q, want %q", tt.body, got, tt.want)
		}
	}
}
