package queues

import (
	"reflect"
	"testing"

	"github.com/sqscope/sqscope/model"
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
		// Gaps allowed, order kept as listed even though orders-dlq would
		// score higher: the filter never re-sorts.
		{name: "fuzzy with gaps", pattern: "odlq", want: []queueMatch{
			{Index: 1, Matched: []int{0, 7, 8, 9}},
		}},
		// Contiguous text is highlighted as typed even where the fuzzy scorer
		// would prefer a letter after a separator (the d of "-dlq").
		{name: "substring preferred", pattern: "rd", want: []queueMatch{
			{Index: 0, Matched: []int{1, 2}},
			{Index: 1, Matched: []int{1, 2}},
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
			for _, m := range got {
				name := qs[m.Index].Name
				for _, off := range m.Matched {
					if off < 0 || off >= len(name) {
						t.Fatalf("offset %d outside %q", off, name)
					}
				}
			}
		})
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
