package awsclient

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
)

// TestMoveSurvivesFaults runs a client-side move through a proxy that
// injects every fault in the book, then checks that nothing was lost and
// that every duplicate was reported.
func TestMoveSurvivesFaults(t *testing.T) {
	for _, fifo := range []bool{false, true} {
		name := "standard"
		if fifo {
			name = "fifo"
		}
		t.Run(name, func(t *testing.T) {
			t.Parallel() // mostly waiting out holds that lost receives took
			b, _ := localsqsBackend(t)
			f := newDLQFixture(t, serve(t, b.handler), fifo, 2, 150)
			chaos := newChaosProxy(b.handler, 20)
			rep, err := NewStatic(serve(t, chaos), "us-east-1", testConfig()).Move(context.Background(),
				MoveRequest{SourceURL: f.dlqURL, Concurrency: 4, Hold: 2 * time.Second}, nil)
			if err != nil {
				t.Fatalf("Move: %v (report %+v)", err, rep)
			}
			t.Logf("report: moved %d, failed %d, possibly duplicated %d, out of order %d; errors %v",
				rep.Moved, rep.Failed, rep.PossiblyDuplicated, rep.OutOfOrder, rep.Errs)
			for _, kind := range []string{"500", "throttle", "drop-before", "drop-after", "latency", "partial"} {
				if chaos.count(kind) == 0 {
					t.Errorf("fault %q never injected: the test proves nothing about it", kind)
				}
			}
			checkNothingLost(t, f, rep)
		})
	}
}

// checkNothingLost waits for every hold to end (a receive whose answer was
// lost hides messages nobody can release), then counts every body in the
// sources and the DLQ.
func checkNothingLost(t *testing.T, f *dlqFixture, rep MoveReport) {
	t.Helper()
	c := f.tally(t)
	if c.reordered > rep.OutOfOrder {
		t.Errorf("%d messages out of their FIFO group's order, but the report says %d", c.reordered, rep.OutOfOrder)
	}
	if c.lost > 0 {
		t.Errorf("%d of %d messages lost", c.lost, len(f.want))
	}
	if c.dups > rep.PossiblyDuplicated {
		t.Errorf("%d duplicates, but the report says at most %d", c.dups, rep.PossiblyDuplicated)
	}
	if c.inSource < rep.Moved {
		t.Errorf("%d messages back in their sources, but the report says %d moved", c.inSource, rep.Moved)
	}
	t.Logf("%d of %d back in their source, %d duplicates", c.inSource, len(f.want), c.dups)
}

// copies is what a check of every queue found.
type copies struct {
	lost, dups int // messages found nowhere; copies beyond one per message
	inSource   int // messages back in their sources
	reordered  int // FIFO messages out of their group's order
}

// tally drains the sources and the DLQ and counts every body.
func (f *dlqFixture) tally(t *testing.T) copies {
	t.Helper()
	waitNoneHidden(t, f.admin, f.dlqURL)
	// Draining a source with maxReceiveCount 1 must not dead-letter what a
	// draining receive happens to see twice.
	for _, src := range f.sources {
		if _, err := f.admin.SetQueueAttributes(context.Background(), &sqs.SetQueueAttributesInput{
			QueueUrl: aws.String(src), Attributes: map[string]string{"RedrivePolicy": ""}}); err != nil {
			t.Fatalf("clearing the redrive policy: %v", err)
		}
	}
	var c copies
	seen := map[string]int{}
	inSource := map[string]bool{}
	for _, src := range f.sources {
		var bodies []string
		for _, d := range f.drain(t, src) {
			seen[d.body]++
			inSource[d.body] = true
			bodies = append(bodies, d.body)
		}
		for key, want := range f.order {
			if g, ok := strings.CutPrefix(key, src+"|"); ok {
				c.reordered += inversions(want, bodies, f.want, g)
			}
		}
	}
	for _, d := range f.drain(t, f.dlqURL) {
		seen[d.body]++
	}
	for body := range f.want {
		switch n := seen[body]; {
		case n == 0:
			c.lost++
		case n > 1:
			c.dups += n - 1
		}
	}
	c.inSource = len(inSource)
	return c
}

// waitNoneHidden polls until no DLQ message is in flight. The deadline
// turns a hang into a failure; it is not a speed check.
func waitNoneHidden(t *testing.T, admin *sqs.Client, url string) {
	t.Helper()
	deadline := time.Now().Add(2 * time.Minute)
	for {
		if _, hidden := visibility(t, admin, url); hidden == 0 {
			return
		}
		if time.Now().After(deadline) {
			t.Fatal("DLQ messages still hidden")
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// TestMoveNeverDeletesWhatWasNotSent: entries the destination refuses for
// good are released in the DLQ, counted Failed, and never deleted.
func TestMoveNeverDeletesWhatWasNotSent(t *testing.T) {
	b, _ := localsqsBackend(t)
	f := newDLQFixture(t, serve(t, b.handler), false, 1, 100)
	poison := func(body string) bool { return seqOf(body)%10 == 3 }
	rep, err := NewStatic(serve(t, rejectingProxy(b.handler, poison)), "us-east-1", testConfig()).Move(context.Background(),
		MoveRequest{SourceURL: f.dlqURL, Concurrency: 3}, nil)
	if err != nil {
		t.Fatalf("Move: %v", err)
	}
	if rep.Moved != 90 || rep.Failed != 10 || rep.PossiblyDuplicated != 0 || len(rep.Errs) == 0 {
		t.Fatalf("report %+v; want 90 moved, 10 failed, with the error", rep)
	}
	if ids := map[string]bool{}; len(rep.MovedIDs) == 90 {
		for _, id := range rep.MovedIDs {
			ids[id] = true
		}
		if len(ids) != 90 {
			t.Errorf("MovedIDs holds %d distinct ids, want 90", len(ids))
		}
	} else {
		t.Errorf("MovedIDs holds %d ids, want 90", len(rep.MovedIDs))
	}
	if d := Describe(rep.Errs[0]); !strings.Contains(d, "InvalidParameterValue") {
		t.Errorf("Describe(first error) = %q", d)
	}
	if vis, hidden := visibility(t, f.admin, f.dlqURL); vis != 10 || hidden != 0 {
		t.Errorf("DLQ: %d visible, %d hidden; want the 10 refused, visible", vis, hidden)
	}
	for _, d := range f.drain(t, f.dlqURL) {
		if !poison(d.body) {
			t.Errorf("%q left in the DLQ", d.body)
		}
	}
	for _, d := range f.drain(t, f.sources[0]) {
		if poison(d.body) {
			t.Errorf("refused %q reached the source", d.body)
		}
	}
}

// TestMoveHeartbeatKeepsStalledBatchHidden: sends that stall for longer
// than the hold must not let their messages come back into view (and be
// moved twice by another worker).
func TestMoveHeartbeatKeepsStalledBatchHidden(t *testing.T) {
	b, _ := localsqsBackend(t)
	f := newDLQFixture(t, serve(t, b.handler), false, 1, 20)
	slow := newFaultProxy(b.handler, func(w http.ResponseWriter, op, _ string) bool {
		if op == "SendMessageBatch" {
			time.Sleep(2500 * time.Millisecond) // 2.5 holds
		}
		return false
	})
	rep, err := NewStatic(serve(t, slow), "us-east-1", testConfig()).Move(context.Background(),
		MoveRequest{SourceURL: f.dlqURL, Concurrency: 2, Hold: time.Second}, nil)
	if err != nil || rep.Moved != 20 || rep.PossiblyDuplicated != 0 || rep.Failed != 0 {
		t.Fatalf("Move: %v, report %+v; want 20 moved, nothing else", err, rep)
	}
	if slow.count("ChangeMessageVisibilityBatch") == 0 {
		t.Error("no hold was extended")
	}
	checkNothingLost(t, f, rep)
}
