package demo

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// invalidSQSRune returns the byte offset of the first character outside
// the set SQS accepts in a body (#x9 #xA #xD #x20-#xD7FF #xE000-#xFFFD
// #x10000-#x10FFFF, valid UTF-8), or -1.
func invalidSQSRune(s string) int {
	for i, r := range s {
		ok := r == 0x9 || r == 0xA || r == 0xD ||
			(r >= 0x20 && r <= 0xD7FF) || (r >= 0xE000 && r <= 0xFFFD) || (r >= 0x10000 && r <= 0x10FFFF)
		if r == utf8.RuneError {
			_, size := utf8.DecodeRuneInString(s[i:])
			ok = size == 3 // a literal U+FFFD, not a decoding error
		}
		if !ok {
			return i
		}
	}
	return -1
}

func TestInvalidSQSRune(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want int
	}{
		{"plain", -1}, {"tab\tcr\rlf\n", -1}, {"Zoë 🚀 \uFFFD", -1},
		{"esc\x1b[0m", 3}, {"nul\x00", 3}, {"bad\xff", 3}, {"\uFFFE", 0},
	} {
		if got := invalidSQSRune(tc.in); got != tc.want {
			t.Errorf("invalidSQSRune(%q) = %d, want %d", tc.in, got, tc.want)
		}
	}
}

// everyBody generates what Seed and a few hundred ticks of traffic send.
func everyBody(seed int64) []sendEntry {
	g := newGen(seed, 0)
	at := seedEpoch
	var out []sendEntry
	for range 40 {
		out = append(out, g.failedOrder(at), g.payment(at, true), g.payment(at, false),
			g.notification(at, "email", true), g.notification(at, "sms", false),
			g.analyticsEvent(at), g.inventoryUpdate(at), g.shippingLabel())
	}
	out = append(out, g.oddOrders(at)...)
	for i, f := range flows {
		fg := newGen(seed, uint64(i+1))
		for range 50 {
			e := f.make(fg, at)
			out = append(out, e)
			r := []rune(e.Body) // the poison truncation of traffic.go
			out = append(out, sendEntry{Body: string(r[:len(r)*2/3])})
		}
	}
	return out
}

func TestBodiesAreValidSQSContent(t *testing.T) {
	for _, e := range everyBody(1) {
		if i := invalidSQSRune(e.Body); i >= 0 {
			t.Errorf("body %.80q: rejected character at byte %d", e.Body, i)
		}
		if e.Body == "" || len(e.Body) > 256*1024 {
			t.Errorf("body of %d bytes is outside 1 B–256 KiB", len(e.Body))
		}
		if len(e.Attributes) > 10 {
			t.Errorf("%d message attributes, SQS allows 10", len(e.Attributes))
		}
	}
}

func TestGeneratorIsDeterministic(t *testing.T) {
	bodies := func(seed int64) []string {
		var out []string
		for _, e := range everyBody(seed) {
			out = append(out, e.Body)
		}
		return out
	}
	if !slices.Equal(bodies(5), bodies(5)) {
		t.Error("same seed, different bodies")
	}
	if slices.Equal(bodies(5), bodies(6)) {
		t.Error("different seeds, same bodies")
	}
}

// The odd bodies must really be odd: a viewer has to cope with each kind.
func TestOddOrdersCoverHostileShapes(t *testing.T) {
	odd := newGen(3, 0).oddOrders(seedEpoch)
	var invalidJSON, xml, mojibake, big, escapes, crlf int
	for _, e := range odd {
		b := e.Body
		if !json.Valid([]byte(b)) {
			invalidJSON++
		}
		if strings.HasPrefix(b, "<?xml") {
			xml++
		}
		if strings.Contains(b, "Ã") {
			mojibake++
		}
		if len(b) > 32*1024 {
			big++
		}
		if strings.Contains(b, `\u001b[`) {
			escapes++
		}
		if strings.Contains(b, "\r\n") {
			crlf++
		}
	}
	if invalidJSON < 5 || xml != 1 || mojibake != 1 || big != 1 || escapes != 1 || crlf < 1 {
		t.Errorf("odd orders: invalid JSON %d, XML %d, mojibake %d, big %d, escapes %d, CRLF %d",
			invalidJSON, xml, mojibake, big, escapes, crlf)
	}
}

func TestMojibake(t *testing.T) {
	for in, want := range map[string]string{
		"Zoë Köln": "ZoÃ« KÃ¶ln",
		"Café":     "CafÃ©",
		"€":        "â‚¬",
		"ascii":    "ascii",
	} {
		if got := mojibake(in); got != want {
			t.Errorf("mojibake(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestCentsJSON(t *testing.T) {
	for c, want := range map[cents]string{0: "0.00", 5: "0.05", 8990: "89.90", 123456: "1234.56"} {
		b, _ := json.Marshal(c)
		if string(b) != want {
			t.Errorf("cents(%d) = %s, want %s", c, b, want)
		}
	}
}

func TestSeededTimestampsAreFixed(t *testing.T) {
	if !baseTime(1).Equal(seedEpoch) {
		t.Error("a seeded scenario must use the fixed epoch")
	}
	if now := time.Now(); baseTime(0).Before(now.Add(-time.Minute)) {
		t.Error("an unseeded scenario must use the clock")
	}
}
