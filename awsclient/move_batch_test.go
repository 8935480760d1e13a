package awsclient

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// TestMoveSendsOnlyWhatIsJournaledOnDisk: every send attempt's entries
// have their "sending" lines on disk (fsync'd) before the attempt reaches
// SQS, although a worker writes a batch's lines before it deletes the
// batch before and makes them durable only after (see moveRun.worker).
// A proxy counts the entries of every SendMessageBatch that reaches it,
// retries included, and each time reads the journal's durable part: it
// must hold at least as many "sending" lines. Not parallel: it watches
// journalSynced.
func TestMoveSendsOnlyWhatIsJournaledOnDisk(t *testing.T) {
	b, _ := localsqsBackend(t)
	f := newDLQFixture(t, serve(t, b.handler), false, 1, 300)
	journal := filepath.Join(t.TempDir(), "dlq.journal")
	var mu sync.Mutex
	var durable int64
	journalSynced = func(p string, n int64) {
		if p == journal {
			mu.Lock()
			durable = max(durable, n)
			mu.Unlock()
		}
	}
	t.Cleanup(func() { journalSynced = nil })
	// Sends that fail before and after reaching SQS, so that retries
	// (each journaled before it is made) are checked too.
	h := newFaultHarness(b.handler, func(op string, n int) fault {
		if op == "SendMessageBatch" && n%7 == 3 {
			return []fault{fault500, faultDropAfter, faultPartial}[n%3]
		}
		return faultNone
	})
	var checkMu sync.Mutex
	sent, checks := 0, 0
	check := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("X-Amz-Target") == "AmazonSQS.SendMessageBatch" {
			body, _ := io.ReadAll(r.Body)
			r.Body = io.NopCloser(bytes.NewReader(body))
			var in struct{ Entries []json.RawMessage }
			_ = json.Unmarshal(body, &in)
			// One check at a time, the journal read inside it: a send
			// counted by another check was made durable before it was
			// sent, so before this read.
			checkMu.Lock()
			mu.Lock()
			d := durable
			mu.Unlock()
			raw, err := os.ReadFile(journal)
			if err != nil || int64(len(raw)) < d {
				t.Errorf("journal: %d bytes, %d durable (%v)", len(raw), d, err)
			}
			lines := strings.Count(string(raw[:min(int64(len(raw)), d)]), `"op":"sending"`)
			sent += len(in.Entries)
			checks++
			if lines < sent {
				t.Errorf("send %d: %d entries sent so far, this one included, but only %d \"sending\" lines on disk", checks, sent, lines)
			}
			checkMu.Unlock()
		}
		h.ServeHTTP(w, r)
	})
	rep, err := NewStatic(serve(t, check), "us-east-1", testConfig()).Move(context.Background(),
		MoveRequest{SourceURL: f.dlqURL, Concurrency: 4, JournalPath: journal}, nil)
	if err != nil {
		t.Fatalf("Move: %v (report %+v)", err, rep)
	}
	t.Logf("%d send attempts, %d entries; moved %d, possibly duplicated %d", checks, sent, rep.Moved, rep.PossiblyDuplicated)
	if checks <= 300/maxBatch {
		t.Errorf("%d send attempts: the faults should have caused retries", checks)
	}
	checkNothingLost(t, f, rep)
}
