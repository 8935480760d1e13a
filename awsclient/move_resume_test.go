package awsclient

import (
	"context"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
)

// Issue 15, defect 1: a move killed while its sends were on the wire. The
// sends land after the kill; the dead move's holds keep its batches hidden
// in the DLQ. The resumed move must count every copy the dead one may
// have made, and must not say done while those holds remain.

const resumeChildHold = 3 * time.Second

// killDuringSends moves f's DLQ in a child with the given hold, lets
// four batches through, holds the next sends until the child is killed,
// then lets them land. It returns the journal and the proxy's endpoint.
// The DLQ must hold more than eight batches.
func killDuringSends(t *testing.T, f *dlqFixture, b backend, hold time.Duration) (journal, ep string) {
	t.Helper()
	if len(f.want) <= (4+killConcurrency)*maxBatch {
		t.Fatalf("%d messages: too few to kill the child during its sends", len(f.want))
	}
	h := newFaultHarness(b.handler, nil)
	var holding atomic.Bool
	holding.Store(true)
	h.pause = func(op string, n int) (bool, bool) {
		return op == "SendMessageBatch" && n >= 4 && holding.Load(), false
	}
	ep = serve(t, h)
	journal = filepath.Join(t.TempDir(), "dlq.journal")
	child := startMoveChild(t, ep, f.dlqURL, journal, hold, killConcurrency)
	for range killConcurrency {
		select {
		case <-h.paused:
		case err := <-child.exited:
			t.Fatalf("child ended before its sends were held: %v\n%s", err, child.out)
		case <-time.After(time.Minute): // a hang guard, not a speed check
			t.Fatal("the child's sends never reached the proxy")
		}
	}
	child.kill(t)
	// The held sends go on now that their sender is dead: the copies
	// arrive, and nobody learns it.
	holding.Store(false)
	close(h.release)
	h.waitForwarded(t, "SendMessageBatch", 4+killConcurrency)
	return journal, ep
}

func TestMoveResumedAfterKillDuringSendsCountsAndWaits(t *testing.T) {
	t.Parallel()
	b, _ := localsqsBackend(t)
	f := newDLQFixture(t, serve(t, b.handler), false, 1, 200)
	journal, ep := killDuringSends(t, f, b, resumeChildHold)
	progress := make(chan MoveProgress, 1000)
	rep, err := NewStatic(ep, "us-east-1", testConfig()).Move(context.Background(),
		MoveRequest{SourceURL: f.dlqURL, Concurrency: killConcurrency, JournalPath: journal}, progress)
	if err != nil {
		t.Fatalf("resumed Move: %v (report %+v)", err, rep)
	}
	waited := false
	for p := range progress {
		if p.Waiting > 0 && !p.WaitUntil.IsZero() {
			waited = true
		}
	}
	t.Logf("resumed: moved %d (resumed %d, resent %d), possibly duplicated %d, held back %d, waited %v",
		rep.Moved, rep.Resumed, rep.Resent, rep.PossiblyDuplicated, rep.HeldBack, waited)
	if vis, hidden := visibility(t, f.admin, f.dlqURL); vis+hidden != 0 && rep.HeldBack == 0 {
		t.Errorf("the resumed move reported done while the DLQ held %d visible and %d hidden messages", vis, hidden)
	}
	if rep.Resent < killConcurrency*maxBatch {
		t.Errorf("resent %d; want the %d messages the dead move was sending", rep.Resent, killConcurrency*maxBatch)
	}
	if !waited {
		t.Error("no progress said the move was waiting for the dead move's holds")
	}
	checkNothingLost(t, f, rep)
}

// TestMoveResumedCancelledWhileWaiting: the user stops the wait. The
// report says how many messages stay hidden, and until when.
func TestMoveResumedCancelledWhileWaiting(t *testing.T) {
	t.Parallel()
	b, _ := localsqsBackend(t)
	f := newDLQFixture(t, serve(t, b.handler), false, 1, 100)
	journal, ep := killDuringSends(t, f, b, time.Minute)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	progress := make(chan MoveProgress, 1000)
	go func() {
		for p := range progress {
			if p.Waiting > 0 {
				cancel()
			}
		}
	}()
	started := time.Now()
	rep, err := NewStatic(ep, "us-east-1", testConfig()).Move(ctx,
		MoveRequest{SourceURL: f.dlqURL, Concurrency: killConcurrency, JournalPath: journal}, progress)
	if err != nil {
		t.Fatalf("resumed Move: %v", err)
	}
	t.Logf("report: moved %d, possibly duplicated %d, held back %d until %v", rep.Moved, rep.PossiblyDuplicated, rep.HeldBack, rep.HeldUntil)
	// The dead move held them for a minute from no later than the resume.
	if !rep.Cancelled || rep.HeldBack != killConcurrency*maxBatch || rep.HeldUntil.Before(started.Add(time.Minute)) {
		t.Errorf("report %+v; want cancelled, with the dead move's %d messages held back until its hold ends", rep, killConcurrency*maxBatch)
	}
	// Each of those may exist twice: sent by the dead move, still in the DLQ.
	if rep.PossiblyDuplicated < killConcurrency*maxBatch {
		t.Errorf("%d possibly duplicated; the %d held back were sent by the dead move", rep.PossiblyDuplicated, killConcurrency*maxBatch)
	}
	if n, _ := JournalPending(journal); n != killConcurrency*maxBatch {
		t.Errorf("journal keeps %d half-moved messages, want %d", n, killConcurrency*maxBatch)
	}
}

// TestMoveWaitEndsWithOthersHolds: messages hidden by someone else (a
// peek with a long hold) outlast the dead move's holds. The wait ends
// when those surely ended, and the report says what is still hidden.
func TestMoveWaitEndsWithOthersHolds(t *testing.T) {
	t.Parallel()
	b, _ := localsqsBackend(t)
	f := newDLQFixture(t, serve(t, b.handler), false, 1, 200)
	journal, ep := killDuringSends(t, f, b, time.Second)
	out, err := f.admin.ReceiveMessage(context.Background(), &sqs.ReceiveMessageInput{
		QueueUrl: aws.String(f.dlqURL), MaxNumberOfMessages: 5, VisibilityTimeout: 600})
	if err != nil || len(out.Messages) == 0 {
		t.Fatalf("peek: %d messages, %v", len(out.Messages), err)
	}
	rep, err := NewStatic(ep, "us-east-1", testConfig()).Move(context.Background(),
		MoveRequest{SourceURL: f.dlqURL, Concurrency: killConcurrency, JournalPath: journal}, nil)
	if err != nil {
		t.Fatalf("resumed Move: %v", err)
	}
	t.Logf("report: moved %d, held back %d (until %v)", rep.Moved, rep.HeldBack, rep.HeldUntil)
	if rep.HeldBack != len(out.Messages) || !rep.HeldUntil.IsZero() || rep.Cancelled {
		t.Errorf("report %+v; want the %d peeked messages held back, until an unknown time", rep, len(out.Messages))
	}
}
