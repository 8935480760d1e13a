package model

import (
	"errors"
	"testing"
	"time"
)

func catQueue(name string, visible int64, dlq string) Queue {
	q := Queue{Name: name, URL: "http://q/" + name, ARN: "arn:aws:sqs:us-east-1:1:" + name,
		Stats: QueueStats{Visible: visible}}
	if dlq != "" {
		q.Redrive = &RedrivePolicy{DeadLetterTargetARN: "arn:aws:sqs:us-east-1:1:" + dlq, MaxReceiveCount: 3}
	}
	return q
}

func TestCatalogUpdate(t *testing.T) {
	t0 := time.Date(2026, 12, 3, 1, 0, 0, 0, time.UTC)
	denied := catQueue("audit", 0, "")
	denied.Err = errors.New("AccessDenied")
	noARN := catQueue("odd", 4, "")
	noARN.ARN = ""
	own := catQueue("orders-dlq", 7, "")
	own.FetchedAt = t0.Add(-time.Second)

	tests := []struct {
		name       string
		refreshes  [][]Queue
		wantLen    map[string]int // samples by queue name
		wantByARN  []string
		wantDLQs   []string
		wantAbsent []string // no history kept
	}{
		{
			name:      "one refresh samples every readable queue",
			refreshes: [][]Queue{{catQueue("orders", 5, "orders-dlq"), own, denied, noARN}},
			wantLen:   map[string]int{"orders": 1, "orders-dlq": 1, "audit": 0, "odd": 1},
			wantByARN: []string{"orders", "orders-dlq", "audit"},
			wantDLQs:  []string{"orders-dlq"},
		},
		{
			name:       "history grows and a deleted queue drops out",
			refreshes:  [][]Queue{{catQueue("a", 1, ""), catQueue("b", 1, "")}, {catQueue("a", 2, "")}, {catQueue("a", 3, "")}},
			wantLen:    map[string]int{"a": 3},
			wantByARN:  []string{"a"},
			wantAbsent: []string{"b"},
		},
		{
			name:      "history is capped",
			refreshes: [][]Queue{{catQueue("a", 1, "")}, {catQueue("a", 2, "")}, {catQueue("a", 3, "")}, {catQueue("a", 4, "")}, {catQueue("a", 5, "")}},
			wantLen:   map[string]int{"a": 4},
			wantByARN: []string{"a"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := NewCatalog(4)
			at := t0
			for _, qs := range tt.refreshes {
				c.Update(qs, at)
				at = at.Add(5 * time.Second)
			}
			last := tt.refreshes[len(tt.refreshes)-1]
			if len(c.Queues) != len(last) {
				t.Errorf("%d queues, want %d", len(c.Queues), len(last))
			}
			for name, n := range tt.wantLen {
				s := c.Series["http://q/"+name]
				if s == nil || s.Len() != n {
					t.Errorf("%s: history %v, want %d samples", name, s, n)
				}
			}
			for _, name := range tt.wantAbsent {
				if _, ok := c.Series["http://q/"+name]; ok {
					t.Errorf("%s: history kept for a queue that is gone", name)
				}
			}
			if len(c.ByARN) != len(tt.wantByARN) {
				t.Errorf("ByARN has %d queues, want %v", len(c.ByARN), tt.wantByARN)
			}
			for _, name := range tt.wantByARN {
				if _, ok := c.ByARN["arn:aws:sqs:us-east-1:1:"+name]; !ok {
					t.Errorf("ByARN lacks %s", name)
				}
			}
			for _, name := range tt.wantDLQs {
				if !c.Graph.IsDLQ("arn:aws:sqs:us-east-1:1:" + name) {
					t.Errorf("%s is not a DLQ in the graph", name)
				}
			}
		})
	}
}

func TestCatalogSampleTimes(t *testing.T) {
	t0 := time.Date(2026, 12, 3, 1, 0, 0, 0, time.UTC)
	own := catQueue("a", 1, "")
	own.FetchedAt = t0.Add(-2 * time.Second)
	c := NewCatalog(10)
	c.Update([]Queue{own, catQueue("b", 1, "")}, t0)
	if p, _ := c.Series["http://q/a"].Last(); !p.At.Equal(own.FetchedAt) {
		t.Errorf("a sampled at %v, want its own fetch time %v", p.At, own.FetchedAt)
	}
	if p, _ := c.Series["http://q/b"].Last(); !p.At.Equal(t0) {
		t.Errorf("b sampled at %v, want the refresh's time %v", p.At, t0)
	}
}

func TestCatalogDepths(t *testing.T) {
	denied := catQueue("denied-dlq", 0, "")
	denied.Err = errors.New("AccessDenied")
	c := NewCatalog(2)
	c.Update([]Queue{
		catQueue("orders", 5, "orders-dlq"), catQueue("orders-dlq", 7, ""),
		catQueue("billing", 1, "denied-dlq"), denied,
		catQueue("plain", 3, ""), catQueue("lost", 1, "gone-dlq"),
	}, time.Time{})
	tests := []struct {
		queue string
		want  int64
	}{
		{"orders", 7},      // its DLQ's depth
		{"billing", -1},    // its DLQ could not be read
		{"plain", -1},      // no DLQ
		{"lost", -1},       // its DLQ is not listed
		{"orders-dlq", -1}, // a DLQ without a DLQ of its own
	}
	for _, tt := range tests {
		q := c.ByARN["arn:aws:sqs:us-east-1:1:"+tt.queue]
		if got := c.DLQDepth(q); got != tt.want {
			t.Errorf("DLQDepth(%s) = %d, want %d", tt.queue, got, tt.want)
		}
	}
	stale := catQueue("orders-dlq", 1, "")
	if got := c.Latest(stale).Stats.Visible; got != 7 {
		t.Errorf("Latest gave %d visible, want the refresh's 7", got)
	}
	if got := c.Latest(catQueue("unlisted", 2, "")).Stats.Visible; got != 2 {
		t.Errorf("Latest of an unlisted queue gave %d, want the queue itself", got)
	}
}
