package awsclient

import (
	"context"
	"testing"
	"time"
)

// Issue 15, defect 6: SendMessageBatch entries that SQS stored but
// reported failed as server faults. Every retry of such an entry may be
// one copy more, and the report must count every one of them.

func TestMoveCountsLyingBatchAnswers(t *testing.T) {
	forEachBackend(t, "move-lying", func(t *testing.T, b backend) {
		n, conc := 300, 4
		if b.name == "moto" {
			// moto is slow past a few hundred messages, and its receive is
			// not atomic across concurrent calls (see TestMoveClientSide500).
			t.Log("moto: 40 messages, one receive at a time")
			n, conc = 40, 1
		}
		for _, fifo := range []bool{false, true} {
			name := "standard"
			if fifo {
				name = "fifo"
			}
			t.Run(name, func(t *testing.T) {
				f := newDLQFixture(t, serve(t, b.handler), fifo, 1, n)
				// Every send answer lies about 30% of the entries it stored.
				h := newFaultHarness(b.handler, func(op string, _ int) fault {
					if op == "SendMessageBatch" {
						return faultLie
					}
					return faultNone
				})
				h.seed = 15
				rep, err := NewStatic(serve(t, h), "us-east-1", testConfig()).Move(context.Background(),
					MoveRequest{SourceURL: f.dlqURL, Concurrency: conc}, nil)
				if err != nil {
					t.Fatalf("Move: %v (report %+v)", err, rep)
				}
				t.Logf("%d entries lied about; report: moved %d, failed %d, possibly duplicated %d",
					h.lied(), rep.Moved, rep.Failed, rep.PossiblyDuplicated)
				if h.lied() == 0 {
					t.Fatal("no answer lied: the test proves nothing")
				}
				checkNothingLost(t, f, rep)
			})
		}
	})
}

// TestMoveNeverCallsADeliveredMessageFailed: the answer always lies about
// one message, so every attempt stores a copy and none is reported
// accepted. It ends failed and left in the DLQ — with every copy counted.
func TestMoveNeverCallsADeliveredMessageFailed(t *testing.T) {
	t.Parallel()
	b, _ := localsqsBackend(t)
	f := newDLQFixture(t, serve(t, b.handler), false, 1, 20)
	h := newFaultHarness(b.handler, func(op string, _ int) fault {
		if op == "SendMessageBatch" {
			return faultLie
		}
		return faultNone
	})
	h.lieAbout = func(body string) bool { return seqOf(body) == 7 }
	cfg := testConfig()
	cfg.MaxBackoff = time.Millisecond // ten attempts, no need to wait between them
	rep, err := NewStatic(serve(t, h), "us-east-1", cfg).Move(context.Background(),
		MoveRequest{SourceURL: f.dlqURL, Concurrency: 2}, nil)
	if err != nil {
		t.Fatalf("Move: %v", err)
	}
	t.Logf("report: moved %d, failed %d, possibly duplicated %d (%d copies stored)", rep.Moved, rep.Failed, rep.PossiblyDuplicated, h.lied())
	if rep.Failed != 1 || rep.Moved != 19 {
		t.Errorf("report %+v; want 19 moved and the one always refused failed", rep)
	}
	if rep.PossiblyDuplicated < h.lied() {
		t.Errorf("one message left in the DLQ after %d copies were delivered, but only %d possible duplicates reported",
			h.lied(), rep.PossiblyDuplicated)
	}
	checkNothingLost(t, f, rep)
}
