package model

import (
	"errors"
	"slices"
	"testing"
	"time"
)

func names(qs []Queue) []string {
	out := make([]string, len(qs))
	for i, q := range qs {
		out[i] = q.Name
	}
	return out
}

func sq(name string, visible int64) Queue {
	return Queue{Name: name, Stats: QueueStats{Visible: visible, InFlight: 100 - visible}}
}

func TestSortQueues(t *testing.T) {
	denied := sq("aaa-denied", 0)
	denied.Err = errors.New("access denied")
	input := []Queue{sq("orders", 5), sq("billing", 50), denied, sq("zeta", 50), sq("idle", 0), sq("Alpha", 5)}
	tests := []struct {
		key  SortKey
		want []string
	}{
		// Byte order: upper case before lower case, as SQS lists them.
		{SortByName, []string{"Alpha", "aaa-denied", "billing", "idle", "orders", "zeta"}},
		// Depth is visible messages; ties by name; unknown depth last.
		{SortByDepth, []string{"billing", "zeta", "Alpha", "orders", "idle", "aaa-denied"}},
	}
	for _, tt := range tests {
		t.Run(tt.key.String(), func(t *testing.T) {
			qs := slices.Clone(input)
			SortQueues(qs, tt.key)
			if got := names(qs); !slices.Equal(got, tt.want) {
				t.Fatalf("got %v, want %v", got, tt.want)
			}
		})
	}
}

func TestSortQueuesEmpty(t *testing.T) {
	SortQueues(nil, SortByDepth) // must not panic
}

func TestSortKeyCycle(t *testing.T) {
	if SortByName.Next() != SortByDepth || SortByDepth.Next() != SortByAge || SortByAge.Next() != SortByName {
		t.Fatalf("cycle: name→%v, depth→%v, age→%v", SortByName.Next(), SortByDepth.Next(), SortByAge.Next())
	}
	if SortByName.String() != "name" || SortByDepth.String() != "depth" || SortByAge.String() != "age" {
		t.Fatalf("strings: %q %q %q", SortByName, SortByDepth, SortByAge)
	}
}

func TestSortByAge(t *testing.T) {
	input := []Queue{sq("orders", 5), sq("billing", 50), sq("zeta", 50), sq("idle", 0), sq("Alpha", 5)}
	ages := Ages{
		"orders":  {Oldest: 3 * time.Hour},
		"zeta":    {Oldest: 2 * time.Minute},
		"billing": {Oldest: 3 * time.Hour},
		"idle":    {Oldest: 0},
	}
	qs := slices.Clone(input)
	SortQueuesAged(qs, SortByAge, ages)
	// Oldest first, ties by name, unknown (Alpha) last.
	want := []string{"billing", "orders", "zeta", "idle", "Alpha"}
	if got := names(qs); !slices.Equal(got, want) {
		t.Fatalf("got %v, want %v", got, want)
	}
	SortQueues(qs, SortByAge) // no ages: by name
	if got := names(qs); !slices.Equal(got, []string{"Alpha", "billing", "idle", "orders", "zeta"}) {
		t.Fatalf("without ages: %v", got)
	}
}
