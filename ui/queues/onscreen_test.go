package queues

import (
	"slices"
	"testing"

	"github.com/sqscope/sqscope/model"
)

// What the root's refresh schedule reads off the browser: the queues whose
// counts are on screen, and when the order needs every queue's count.

func onScreenNames(b *Browser) []string {
	var out []string
	for _, q := range b.OnScreen() {
		out = append(out, q.Name)
	}
	return out
}

func TestOnScreenIsTheRowsDrawn(t *testing.T) {
	b := newBrowser(t, 120, 8) // too short for metrics: 6 rows
	if got, want := onScreenNames(b), []string{"audit-log", "billing",
		"notifications-service-production-eu-west-1-high-priority", "orders", "orders-dlq", "payments-dlq.fifo"}; !slices.Equal(got, want) {
		t.Errorf("on screen %v, want %v", got, want)
	}
	press(b, "G")
	if got, want := onScreenNames(b), []string{"orders", "orders-dlq", "payments-dlq.fifo", "payments.fifo",
		"shared-dlq", "shipping"}; !slices.Equal(got, want) {
		t.Errorf("on screen at the end %v, want %v", got, want)
	}
	// Details too tall to share the body: only the selected queue shows.
	press(b, "i")
	if got := onScreenNames(b); !slices.Equal(got, []string{"shipping"}) {
		t.Errorf("on screen with the details over the list: %v", got)
	}
}

func TestSortSaysWhichOrder(t *testing.T) {
	b := newBrowser(t, 120, 36)
	var got []model.SortKey
	for range 2 {
		press(b, "s")
		for _, m := range b.Take() {
			if s, ok := m.(SortedMsg); ok {
				got = append(got, s.By)
			}
		}
	}
	if want := []model.SortKey{model.SortByDepth, model.SortByName}; !slices.Equal(got, want) {
		t.Errorf("s, s sent %v, want %v", got, want)
	}
}
