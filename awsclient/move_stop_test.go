package awsclient

import (
	"context"
	"testing"
)

// A stop that comes once everything moved — while the move only confirms
// that the DLQ is empty — is no stop: the report must not say "stopped"
// over a finished move (issue 9: a finished move followed by c read
// "stopped: 1,010 messages" though all moved). A stop that leaves
// messages behind is still one.
func TestMoveStoppedOnlyWhenSomethingWasLeft(t *testing.T) {
	t.Parallel()
	b, _ := localsqsBackend(t)
	f := newDLQFixture(t, serve(t, b.handler), false, 1, 10)
	h := newFaultHarness(b.handler, nil)
	// With one batch at a time, receive 0 takes all ten; receive 1 is the
	// first confirming one, held after it was carried out (it found
	// nothing) while the test stops the move.
	h.pause = func(op string, n int) (before, after bool) { return false, op == "ReceiveMessage" && n == 1 }
	ctx, cancel := context.WithCancel(context.Background())
	type result struct {
		rep MoveReport
		err error
	}
	done := make(chan result, 1)
	go func() {
		rep, err := NewStatic(serve(t, h), "us-east-1", testConfig()).Move(ctx,
			MoveRequest{SourceURL: f.dlqURL, Concurrency: 1}, nil)
		done <- result{rep, err}
	}()
	<-h.paused
	cancel()
	close(h.release)
	r := <-done
	if r.err != nil {
		t.Fatalf("Move: %v", r.err)
	}
	if r.rep.Moved != 10 || r.rep.Cancelled {
		t.Errorf("moved %d, cancelled %v: want all 10 moved and no stop reported", r.rep.Moved, r.rep.Cancelled)
	}
	checkNothingLost(t, f, r.rep)
}
