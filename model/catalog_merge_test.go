package model

import (
	"errors"
	"slices"
	"testing"
	"time"
)

func TestCatalogMergeReplacesOnlyTheRowsRead(t *testing.T) {
	t0 := time.Date(2026, 12, 3, 1, 0, 0, 0, time.UTC)
	c := NewCatalog(10)
	c.Update([]Queue{catQueue("a", 1, "a-dlq"), catQueue("a-dlq", 0, ""), catQueue("b", 5, "")}, t0)
	before := c.Queues

	stranger := catQueue("new", 9, "") // not listed yet: only a listing adds it
	c.Merge([]Queue{catQueue("a-dlq", 3, ""), stranger}, t0.Add(3*time.Second))

	if got := names(c.Queues); !slices.Equal(got, []string{"a", "a-dlq", "b"}) {
		t.Fatalf("queues after merge = %v", got)
	}
	if n, ok := c.Depth(catQueue("a-dlq", 0, "").ARN); !ok || n != 3 {
		t.Errorf("merged DLQ depth = %d, %v; want 3", n, ok)
	}
	if got := c.DLQDepth(c.Queues[0]); got != 3 {
		t.Errorf("source's DLQ depth = %d, want 3", got)
	}
	if before[1].Stats.Visible != 0 {
		t.Error("merge wrote into the slice an earlier reader holds")
	}
	for name, want := range map[string]int{"a": 1, "a-dlq": 2, "b": 1} {
		if got := c.Series["http://q/"+name].Len(); got != want {
			t.Errorf("%s: %d samples, want %d (only rows read get one)", name, got, want)
		}
	}
	if _, ok := c.Series[stranger.URL]; ok {
		t.Error("a queue the catalog does not hold got a history")
	}
}

// A throttled read has no ARN; the queue must stay in the DLQ graph, its
// depth unknown rather than zero.
func TestCatalogFailedReadKeepsDLQLinks(t *testing.T) {
	t0 := time.Date(2026, 12, 3, 1, 0, 0, 0, time.UTC)
	failed := func(name string) Queue {
		return Queue{Name: name, URL: "http://q/" + name, Err: errors.New("ThrottlingException")}
	}
	for _, tt := range []struct {
		name  string
		apply func(c *Catalog)
	}{
		{"merge", func(c *Catalog) { c.Merge([]Queue{failed("a-dlq"), failed("a")}, t0) }},
		{"update", func(c *Catalog) { c.Update([]Queue{failed("a"), failed("a-dlq")}, t0) }},
	} {
		t.Run(tt.name, func(t *testing.T) {
			c := NewCatalog(10)
			c.Update([]Queue{catQueue("a", 1, "a-dlq"), catQueue("a-dlq", 4, "")}, t0)
			tt.apply(c)
			dlqARN := catQueue("a-dlq", 0, "").ARN
			if !c.Graph.IsDLQ(dlqARN) {
				t.Fatal("a failed read cut the DLQ out of the graph")
			}
			if d, ok := c.Graph.DLQOf(catQueue("a", 0, "").ARN); !ok || d != dlqARN {
				t.Errorf("source lost its DLQ: %q %v", d, ok)
			}
			if _, ok := c.Depth(dlqARN); ok {
				t.Error("the depth of a queue that could not be read is known")
			}
			if q := c.Queues[0]; q.Err == nil {
				t.Error("the failed read's error is gone")
			}
		})
	}
}
