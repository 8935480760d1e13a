package peek

import (
	"strings"
	"testing"
)

// TestContainsFoldMatchesToLower checks the in-place matcher against the
// obvious one, strings.Contains over strings.ToLower, on ASCII and
// non-ASCII text, patterns at either end, and overlapping near-misses.
func TestContainsFoldMatchesToLower(t *testing.T) {
	hay := []string{
		"", "a", "ORD-1001", `{"orderId":"ORD-1001","Error":"CARD declined"}`,
		"ababac", "xxORDER", "Müller GmbH", "ÉCOLE", "\x1b[2J\xffbinary\x00Tail",
		"aaaaab", "AaAaAB", "oOoOrd", "ord",
	}
	pats := []string{"", "a", "ord-1001", "error", "card d", "abac", "order", "orderx",
		"tail", "müller", "école", "gmbh", "\x00tail", "[2j",
		"aaab", "ab", "b", "bb", "ord", "oord", "ordx", "ababacx"}
	for _, s := range hay {
		for _, p := range pats {
			want := strings.Contains(strings.ToLower(s), p)
			if got := containsFold(s, p); got != want {
				t.Errorf("containsFold(%q, %q) = %v, want %v", s, p, got, want)
			}
		}
	}
}
