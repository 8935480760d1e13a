package awsclient

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// Issue 15, defect 2: a move killed while its DeleteMessageBatch was in
// flight leaves "sent" lines for messages already deleted. Such a journal
// must not warn of half-moved messages forever.

// killDuringDelete moves f's DLQ in a child, one batch at a time, and
// kills it once delete number n (0-based) has been carried out and its
// answer is held back. It returns the journal and the proxy's endpoint.
func killDuringDelete(t *testing.T, f *dlqFixture, b backend, n int) (journal, ep string) {
	t.Helper()
	h := newFaultHarness(b.handler, nil)
	h.pause = func(op string, k int) (bool, bool) { return false, op == "DeleteMessageBatch" && k == n }
	ep = serve(t, h)
	journal = filepath.Join(t.TempDir(), "dlq.journal")
	child := startMoveChild(t, ep, f.dlqURL, journal, 2*time.Second, 1)
	select {
	case <-h.paused:
	case err := <-child.exited:
		t.Fatalf("child ended before its delete was held: %v", err)
	case <-time.After(time.Minute): // a hang guard, not a speed check
		t.Fatal("the child's delete never reached the proxy")
	}
	child.kill(t)
	close(h.release)
	if pending, err := JournalPending(journal); pending != maxBatch || err != nil {
		t.Fatalf("the killed child's journal has %d half-moved messages (%v); want the %d it was deleting", pending, err, maxBatch)
	}
	return journal, ep
}

func TestMoveKilledDuringDeleteResumeSettlesTheJournal(t *testing.T) {
	t.Parallel()
	b, _ := localsqsBackend(t)
	f := newDLQFixture(t, serve(t, b.handler), false, 1, 60)
	journal, ep := killDuringDelete(t, f, b, 2)
	rep, err := NewStatic(ep, "us-east-1", testConfig()).Move(context.Background(),
		MoveRequest{SourceURL: f.dlqURL, Concurrency: 2, JournalPath: journal}, nil)
	if err != nil {
		t.Fatalf("resumed Move: %v", err)
	}
	t.Logf("resumed: moved %d, settled %d, possibly duplicated %d", rep.Moved, rep.Settled, rep.PossiblyDuplicated)
	if n, err := JournalPending(journal); n != 0 || err != nil {
		t.Errorf("after the resumed move emptied the DLQ the journal still has %d half-moved messages (%v)", n, err)
	}
	if _, err := os.Stat(journal); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("journal file left behind: %v", err)
	}
	if rep.Settled != maxBatch || rep.Moved != 60-3*maxBatch {
		t.Errorf("report %+v; want %d moved and the %d the dead move had deleted settled", rep, 60-3*maxBatch, maxBatch)
	}
	f.checkRedriven(t)
}
