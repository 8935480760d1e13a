package awsclient

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
)

// Issue 15, defect 2: a move killed while its DeleteMessageBatch was in
// flight leaves "sent" lines for messages already deleted. Such a journal
// must not warn of half-moved messages forever.

// killDuringDelete moves f's DLQ in a child, one batch at a time, and
// kills it once delete number n (0-based) has been carried out and its
// answer is held back. The journal then holds the batch being deleted
// ("sent") and, when the DLQ had more, the next batch, received and
// journaled "sending" before that delete (see moveRun.worker): pending
// is how many half-moved messages it must hold. It returns the journal
// and the proxy's endpoint.
func killDuringDelete(t *testing.T, f *dlqFixture, b backend, n, pending int) (journal, ep string) {
	t.Helper()
	h := newFaultHarness(b.handler, nil)
	h.pause = func(op string, k int) (bool, bool) { return false, op == "DeleteMessageBatch" && k == n }
	ep = serve(t, h)
	journal = filepath.Join(t.TempDir(), "dlq.journal")
	child := startMoveChild(t, ep, f.dlqURL, journal, 2*time.Second, 1)
	select {
	case <-h.paused:
	case err := <-child.exited:
		t.Fatalf("child ended before its delete was held: %v\n%s", err, child.out)
	case <-time.After(time.Minute): // a hang guard, not a speed check
		t.Fatal("the child's delete never reached the proxy")
	}
	child.kill(t)
	close(h.release)
	if got, err := JournalPending(journal); got != pending || err != nil {
		t.Fatalf("the killed child's journal has %d half-moved messages (%v); want %d", got, err, pending)
	}
	return journal, ep
}

func TestMoveKilledDuringDeleteResumeSettlesTheJournal(t *testing.T) {
	t.Parallel()
	b, _ := localsqsBackend(t)
	f := newDLQFixture(t, serve(t, b.handler), false, 1, 60)
	// The 10 it was deleting, and the 10 it was about to send.
	journal, ep := killDuringDelete(t, f, b, 2, 2*maxBatch)
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
	// The batch it had journaled "sending" may have gone out for all the
	// resumed move can know: sent again, and counted.
	if rep.Resent != maxBatch || rep.PossiblyDuplicated < maxBatch {
		t.Errorf("report %+v; want the %d messages the dead move was about to send resent and counted", rep, maxBatch)
	}
	f.checkRedriven(t)
}

func TestReconcileJournalSettlesWhenTheDLQIsEmpty(t *testing.T) {
	t.Parallel()
	b, _ := localsqsBackend(t)
	f := newDLQFixture(t, serve(t, b.handler), false, 1, maxBatch)
	journal, ep := killDuringDelete(t, f, b, 0, maxBatch) // the only batch: the DLQ is empty now
	waitNoneHidden(t, f.admin, f.dlqURL)
	c := NewStatic(ep, "us-east-1", testConfig())
	check, err := c.ReconcileJournal(context.Background(), f.dlqURL, journal)
	if err != nil {
		t.Fatalf("ReconcileJournal: %v", err)
	}
	if check.Settled != maxBatch || check.Left.Pending() != 0 {
		t.Errorf("check %+v; want %d settled, nothing left", check, maxBatch)
	}
	if _, err := os.Stat(journal); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("settled journal not removed: %v", err)
	}
	f.checkRedriven(t)
}

// journalWithSent writes a journal of n sent messages, as a killed move
// leaves it.
func journalWithSent(t *testing.T, n int) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "dlq.journal")
	j, err := openJournal(path, time.Second)
	if err != nil {
		t.Fatal(err)
	}
	var it []jItem
	for i := range n {
		it = append(it, jItem{id: "m" + string(rune('a'+i)), dest: "q"})
	}
	_ = j.record("sending", it, true)
	_ = j.record("sent", it, true)
	j.abandon()
	return path
}

func TestReconcileJournalLeavesItWhileTheDLQHoldsMessages(t *testing.T) {
	forEachBackend(t, "reconcile", func(t *testing.T, b backend) { reconcileNonEmpty(t, b) })
}

func reconcileNonEmpty(t *testing.T, b backend) {
	ep := serve(t, b.handler)
	admin := adminClient(ep)
	dlq := createQueue(t, admin, uniquePrefix(t)+"dlq", nil)
	sendN(t, admin, dlq, 3)
	path := journalWithSent(t, 4)
	c := NewStatic(ep, "us-east-1", testConfig())
	check, err := c.ReconcileJournal(context.Background(), dlq, path)
	if err != nil || check.Settled != 0 || check.Left.Sent != 4 || check.Visible != 3 {
		t.Fatalf("check %+v, %v; want nothing settled, 4 sent left, 3 visible", check, err)
	}
	// The user dismisses it: a backup stays, no listing reads it.
	backup, err := DismissJournal(path)
	if err != nil {
		t.Fatalf("DismissJournal: %v", err)
	}
	if _, err := os.Stat(path); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("dismissed journal still in place: %v", err)
	}
	if info, err := ReadJournal(backup); err != nil || info.Sent != 4 {
		t.Errorf("backup %s: %+v, %v; want the 4 sent entries kept", backup, info, err)
	}
	if m, _ := filepath.Match(journalPrefix+"*"+journalSuffix, filepath.Base(backup)); m {
		t.Errorf("backup %s would be listed as a journal", backup)
	}
}

func TestReconcileJournalOfADeletedDLQ(t *testing.T) {
	forEachBackend(t, "reconcile-gone", func(t *testing.T, b backend) { reconcileGone(t, b) })
}

func reconcileGone(t *testing.T, b backend) {
	ep := serve(t, b.handler)
	admin := adminClient(ep)
	dlq := createQueue(t, admin, uniquePrefix(t)+"dlq", nil)
	sendN(t, admin, dlq, 2)
	if _, err := admin.DeleteQueue(context.Background(), &sqs.DeleteQueueInput{QueueUrl: aws.String(dlq)}); err != nil {
		t.Fatal(err)
	}
	path := journalWithSent(t, 2)
	check, err := NewStatic(ep, "us-east-1", testConfig()).ReconcileJournal(context.Background(), dlq, path)
	if err != nil || !check.Gone || check.Settled != 2 {
		t.Fatalf("check %+v, %v; want the DLQ gone and 2 settled", check, err)
	}
}

func TestReconcileJournalRefusesOneInUse(t *testing.T) {
	path := filepath.Join(t.TempDir(), "dlq.journal")
	j, err := openJournal(path, time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer j.close()
	c := NewStatic("http://127.0.0.1:1", "us-east-1", testConfig())
	if _, err := c.ReconcileJournal(context.Background(), "http://127.0.0.1:1/000000000000/dlq", path); !errors.Is(err, ErrJournalInUse) {
		t.Errorf("ReconcileJournal of an open journal: %v; want ErrJournalInUse", err)
	}
	if _, err := DismissJournal(path); !errors.Is(err, ErrJournalInUse) {
		t.Errorf("DismissJournal of an open journal: %v; want ErrJournalInUse", err)
	}
	if _, err := openJournal(path, time.Second); !errors.Is(err, ErrJournalInUse) {
		t.Errorf("a second move on one journal: %v; want ErrJournalInUse", err)
	}
}
