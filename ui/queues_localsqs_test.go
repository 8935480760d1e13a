package ui

import (
	"fmt"
	"strings"
	"sync"
	"testing"
)

// TestQueueListShowsAllOf2000Queues: past SQS's 1,000-queue page, every
// queue of a real listing (localsqs over HTTP) reaches the list, counted,
// with its depth, and the filter finds one from the second page.
func TestQueueListShowsAllOf2000Queues(t *testing.T) {
	if testing.Short() {
		t.Skip("skipped in -short mode: creates 2,000 queues")
	}
	f := newSQSFixture(t)
	const n = 2000
	var wg sync.WaitGroup
	sem := make(chan struct{}, 16)
	for i := range n {
		wg.Go(func() {
			sem <- struct{}{}
			defer func() { <-sem }()
			f.create(fmt.Sprintf("q-%04d", i), nil)
		})
	}
	wg.Wait()
	last := f.create("zz-last", nil) // after q-1999: beyond the first page
	f.send(last, 3)
	f.load()

	if got := len(f.app.cat.Queues); got != n+1 {
		t.Fatalf("%d queues listed, want %d", got, n+1)
	}
	if got := f.app.queues.Shown(); got != n+1 {
		t.Errorf("%d rows in the list, want %d", got, n+1)
	}
	if s := screen(f.app); !strings.Contains(s, "2,001 queues") {
		t.Errorf("header does not count 2,001 queues:\n%s", s)
	}
	press(f.app, "/")
	typeText(f.app, "zz-last")
	press(f.app, "enter")
	if q, ok := f.app.queues.Selected(); !ok || q.Name != "zz-last" || q.Stats.Visible != 3 {
		t.Errorf("filtered to %+v, want zz-last with 3 visible", q)
	}
}
