package queues

import (
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/sqscope/sqscope/model"
	"github.com/sqscope/sqscope/ui/internal/uitest"
)

func TestFilterQueues(t *testing.T) {
	qs := []model.Queue{
		{Name: "orders"},
		{Name: "orders-dlq"},
		{Name: "payments.fifo"},
		{Name: "payments-dlq.fifo"},
		{Name: "shipping-events"},
	}
	tests := []struct {
		name    string
		pattern string
		want    []queueMatch
	}{
		{name: "empty matches all in order", pattern: "", want: []queueMatch{
			{Index: 0}, {Index: 1}, {Index: 2}, {Index: 3}, {Index: 4},
		}},
		{name: "prefix", pattern: "ord", want: []queueMatch{
			{Index: 0, Matched: []int{0, 1, 2}},
			{Index: 1, Matched: []int{0, 1, 2}},
		}},
		{name: "fuzzy with gaps", pattern: "odlq", want: []queueMatch{
			{Index: 1, Matched: []int{0, 7, 8, 9}},
		}},
		// Contiguous text is highlighted as typed even where the fuzzy scorer
		// would prefer a letter after a separator (the d of "-dlq"), which
		// also earns orders-dlq the better score.
		{name: "substring highlighted", pattern: "rd", want: []queueMatch{
			{Index: 1, Matched: []int{1, 2}},
			{Index: 0, Matched: []int{1, 2}},
		}},
		{name: "case-insensitive", pattern: "FIFO", want: []queueMatch{
			{Index: 2, Matched: []int{9, 10, 11, 12}},
			{Index: 3, Matched: []int{13, 14, 15, 16}},
		}},
		{name: "separator", pattern: "pay.fifo", want: []queueMatch{
			{Index: 2, Matched: []int{0, 1, 2, 8, 9, 10, 11, 12}},
			{Index: 3, Matched: []int{0, 1, 2, 12, 13, 14, 15, 16}},
		}},
		{name: "no match", pattern: "xyz", want: []queueMatch{}},
		{name: "out of order is no match", pattern: "qld", want: []queueMatch{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := filterQueues(qs, tt.pattern)
			if !reflect.DeepEqual(got, tt.want) {
				t.Fatalf("filterQueues(%q) = %+v, want %+v", tt.pattern, got, tt.want)
			}
			checkHighlight(t, qs, got, tt.pattern)
		})
	}
}

// The case: sorted by depth, inventory-updates came first for
// "ord" because the filter kept the sort order. Matches rank: the exact
// name, then names starting with the pattern (in the sort order, whatever
// their fuzzy score), then the rest by score, ties in the sort order.
func TestFilterQueuesRanks(t *testing.T) {
	qs := []model.Queue{ // as sorted by depth
		{Name: "inventory-updates"},
		{Name: "zeta-events"},
		{Name: "orders-dlq"},
		{Name: "ops-run-daily"}, // o, r, d each after a separator: a high fuzzy score
		{Name: "reorders"},
		{Name: "beta-events"},
		{Name: "orders"},
		{Name: "shipping-events"},
	}
	tests := []struct {
		pattern string
		want    []string
	}{
		// Both prefix matches keep the sort order, ahead of ops-run-daily
		// though it scores higher than either.
		{"ord", []string{"orders-dlq", "orders", "ops-run-daily", "reorders", "inventory-updates"}},
		{"orders", []string{"orders", "orders-dlq", "reorders"}},
		{"ORDERS", []string{"orders", "orders-dlq", "reorders"}},
		// zeta-events and beta-events score the same: the sort order, not
		// the name, decides; the longer shipping-events scores lower.
		{"events", []string{"zeta-events", "beta-events", "shipping-events"}},
		{"inventory-updates", []string{"inventory-updates"}},
	}
	for _, tt := range tests {
		got := filterQueues(qs, tt.pattern)
		var names []string
		for _, m := range got {
			names = append(names, qs[m.Index].Name)
		}
		if !reflect.DeepEqual(names, tt.want) {
			t.Errorf("filterQueues(%q) = %v, want %v", tt.pattern, names, tt.want)
		}
		checkHighlight(t, qs, got, tt.pattern)
	}
}

// checkHighlight: every match's highlight is its own name's, so reordering
// never moves one row's highlight onto another: the offsets are inside the
// name and spell the pattern, ignoring case.
func checkHighlight(t *testing.T, qs []model.Queue, got []queueMatch, pattern string) {
	t.Helper()
	for _, m := range got {
		name := qs[m.Index].Name
		var lit []byte
		for _, off := range m.Matched {
			if off < 0 || off >= len(name) {
				t.Fatalf("offset %d outside %q", off, name)
			}
			lit = append(lit, name[off])
		}
		if pattern != "" && !strings.EqualFold(string(lit), pattern) {
			t.Errorf("%q: highlight %v of %q spells %q", pattern, m.Matched, name, lit)
		}
	}
}

func TestFilterQueuesEmptyList(t *testing.T) {
	if got := filterQueues(nil, "a"); len(got) != 0 {
		t.Fatalf("got %v", got)
	}
	if got := filterQueues(nil, ""); len(got) != 0 {
		t.Fatalf("got %v", got)
	}
}

// Typing puts the cursor on the best match, so "/ord" then enter opens
// orders whichever row the cursor was on; a refresh meanwhile keeps it on
// the queue the user moved it to.
func TestTypingPutsTheCursorOnTheBestMatch(t *testing.T) {
	b := newBrowser(t, 120, 33)
	press(b, "s", "g") // by depth, the cursor on top: the notifications queue
	if selected(b) != "notifications-service-production-eu-west-1-high-priority" {
		t.Fatalf("by depth the cursor starts on %q", selected(b))
	}
	press(b, "/", "o", "r", "d")
	want := []string{"orders", "orders-dlq", "notifications-service-production-eu-west-1-high-priority"}
	if got := b.ShownNames(); !slices.Equal(got, want) || selected(b) != "orders" {
		t.Fatalf("/ord shows %v with %q selected, want %v with orders", got, selected(b), want)
	}
	press(b, "down")
	cat := model.NewCatalog(10)
	cat.Update(uitest.Dataset(4), time.Date(2026, 11, 27, 3, 1, 0, 0, time.UTC))
	b.SetCatalog(cat)
	if selected(b) != "orders-dlq" {
		t.Errorf("a refresh moved the cursor to %q", selected(b))
	}
	press(b, "backspace")
	if selected(b) != "orders" {
		t.Errorf("a new pattern left the cursor on %q", selected(b))
	}
	press(b, "enter", "esc")
	if selected(b) != "orders" {
		t.Errorf("clearing the filter moved the cursor to %q", selected(b))
	}
}
