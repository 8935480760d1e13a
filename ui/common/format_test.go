package common

import (
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
)

func TestCommas(t *testing.T) {
	for in, want := range map[int64]string{
		0: "0", 7: "7", 999: "999", 1000: "1,000", 2000: "2,000", 123456: "123,456",
		1234567: "1,234,567", -1234: "-1,234",
	} {
		if got := Commas(in); got != want {
			t.Errorf("Commas(%d) = %q, want %q", in, got, want)
		}
	}
	if got := Plural(2000, "queue"); got != "2,000 queues" {
		t.Errorf("Plural = %q", got)
	}
	if got := Plural(1, "queue"); got != "1 queue" {
		t.Errorf("Plural = %q", got)
	}
}

func TestRate(t *testing.T) {
	for in, want := range map[float64]string{
		0: "±0/min", 12: "+12.0/min", -3.25: "-3.2/min", 12000: "+12,000/min", -150.4: "-150/min",
	} {
		if got := Rate(in); got != want {
			t.Errorf("Rate(%v) = %q, want %q", in, got, want)
		}
	}
}

func TestAge(t *testing.T) {
	for in, want := range map[time.Duration]string{
		-time.Second: "0s", 45 * time.Second: "45s", 12 * time.Minute: "12m",
		3*time.Hour + 5*time.Minute: "3h 5m", 52 * time.Hour: "2d 4h",
	} {
		if got := Age(in); got != want {
			t.Errorf("Age(%v) = %q, want %q", in, got, want)
		}
	}
}

func TestOneLineNeutralisesControlCharacters(t *testing.T) {
	// \u009b is the C1 CSI; a lone \x9b byte is invalid UTF-8 and becomes
	// U+FFFD, which is harmless.
	got := OneLine("api error\n\tThrottling:\x1b[2J rate \u009b31m \x9bexceeded\r\n")
	if got != "api error Throttling: [2J rate 31m \ufffdexceeded" {
		t.Errorf("OneLine = %q", got)
	}
}

func TestPadAndTruncUseCellWidth(t *testing.T) {
	if got := PadRight("→ q", 5); got != "→ q  " || ansi.StringWidth(got) != 5 {
		t.Errorf("PadRight = %q", got)
	}
	if got := PadLeft("12", 5); got != "   12" {
		t.Errorf("PadLeft = %q", got)
	}
	if got := PadRight("orders-dlq", 6); got != "order…" {
		t.Errorf("PadRight cut = %q", got)
	}
	if got := Fit("abcdef\nxy\nz", 3, 2); got != "abc\nxy" {
		t.Errorf("Fit = %q", got)
	}
	if got := Block([]string{"abcdef", "x"}, 3, 3); got != "ab…\nx\n" {
		t.Errorf("Block = %q", got)
	}
}

func TestMiddleCutKeepsTheEnds(t *testing.T) {
	for _, tt := range []struct {
		in   string
		w    int
		want string
	}{
		{"orders", 10, "orders"},
		{"prod-order-fulfillment-service-events-dlq", 24, "prod-orde…ice-events-dlq"},
		{"prod-order-fulfillment-service-commands-dlq", 24, "prod-orde…e-commands-dlq"},
		{"notifications-email", 14, "notif…ns-email"},
		{"notifications-sms", 14, "notif…ions-sms"},
		{"abcdefgh", 4, "abc…"},
		{"日本語のキュー名です", 9, "日…名です"}, // wide characters are never split
	} {
		got := MiddleCut(tt.in, tt.w)
		if got != tt.want || Width(got) > tt.w {
			t.Errorf("MiddleCut(%q, %d) = %q (%d cells), want %q", tt.in, tt.w, got, Width(got), tt.want)
		}
	}
}
