package ui

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sqscope/sqscope/audit"
	"github.com/sqscope/sqscope/awsclient"
	"github.com/sqscope/sqscope/ui/dialog"
)

// typed is the typed confirmation on top of the overlay stack.
func typed(a *App) *dialog.Typed {
	d, _ := a.dialogs.Top().(*dialog.Typed)
	return d
}

// purgeCalls are the queue URLs Purge was called on.
func purgeCalls(f *fakeClient) []string {
	var out []string
	for _, c := range f.OpCalls() {
		if c.Op == "purge" {
			out = append(out, c.Queue)
		}
	}
	return out
}

// P shows the depth from the latest refresh and its age; nothing but the
// exact name typed purges: not y, not enter, not a name of another case.
func TestPurgeOnlyAfterTheNameTypedExactly(t *testing.T) {
	a, f := loadedApp(t, 120, 36)
	selectQueue(t, a, "orders-dlq")
	press(a, "P")
	d := typed(a)
	if d == nil || d.Title() != "Purge orders-dlq?" {
		t.Fatalf("P opened %T %v", a.dialogs.Top(), question(a))
	}
	s := flat(screen(a))
	for _, w := range []string{"It holds about 19 messages: 19 visible, 0 in flight, 0 delayed", "5s ago",
		"cannot be undone", "ctrl+e opens a peek of the queue"} {
		if !strings.Contains(s, w) {
			t.Errorf("%q not in the question:\n%s", w, screen(a))
		}
	}
	press(a, "y", "enter")
	typeText(a, "orders-dlQ")
	press(a, "enter")
	if calls := purgeCalls(f); len(calls) != 0 {
		t.Fatalf("purged %v before the name was typed", calls)
	}
	press(a, "ctrl+u")
	typeText(a, "orders-dlq")
	drive(a, press(a, "enter"))
	if calls := purgeCalls(f); len(calls) != 1 || calls[0] != testQueue("orders-dlq", 0, 0, 0, "").URL {
		t.Fatalf("purge calls %v, want orders-dlq once", calls)
	}
	if s := screen(a); !strings.Contains(s, "purged orders-dlq") {
		t.Errorf("no report of the purge:\n%s", s)
	}
}

// esc cancels, and read-only's P does nothing at all.
func TestPurgeCancelled(t *testing.T) {
	a, f := loadedApp(t, 120, 36)
	selectQueue(t, a, "orders")
	press(a, "P")
	typeText(a, "orders")
	press(a, "esc")
	if a.dialogs.Len() != 0 || len(f.OpCalls()) != 0 {
		t.Fatalf("esc: %d dialogs, calls %v", a.dialogs.Len(), f.OpCalls())
	}
	if s := screen(a); !strings.Contains(s, "purge cancelled: nothing was deleted") {
		t.Errorf("no word of the cancel:\n%s", s)
	}
}

// SQS's one purge a minute is said as such.
func TestPurgeInProgress(t *testing.T) {
	a, f := loadedApp(t, 120, 36)
	f.Mu.Lock()
	f.Ops.PurgeErr = fmt.Errorf("PurgeQueue: %w", awsclient.ErrPurgeInProgress)
	f.Mu.Unlock()
	selectQueue(t, a, "orders-dlq")
	press(a, "P")
	typeText(a, "orders-dlq")
	drive(a, press(a, "enter"))
	if s := flat(screen(a)); !strings.Contains(s, "orders-dlq not purged: one purge a minute per queue") ||
		!strings.Contains(s, "SQS allows one purge per queue a minute, and this queue was purged in the last 60 seconds") {
		t.Errorf("PurgeQueueInProgress not explained:\n%s", screen(a))
	}
	if n := note(a); n != "orders-dlq was not purged" {
		t.Errorf("note %q", n)
	}
}

// From the peek: ctrl+e exports what the peek read to a new file and asks
// again, saying how many of the depth; after the purge the peek's list is
// cleared, and the DLQ pane's breakdown with it.
func TestPurgeFromThePeekExportsFirst(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	a, f := peekApp(t, 120, 36)
	openPeek(t, a, "orders-dlq")
	press(a, "P")
	if s := flat(screen(a)); !strings.Contains(s, "ctrl+e first exports the 5 of about 19 messages this peek has read") {
		t.Fatalf("the export is not offered:\n%s", screen(a))
	}
	drive(a, press(a, "ctrl+e"))
	d := typed(a)
	if d == nil {
		t.Fatalf("the question did not come back after the export:\n%s", screen(a))
	}
	files, _ := filepath.Glob(filepath.Join(dir, "orders-dlq-*.jsonl"))
	if len(files) != 1 {
		t.Fatalf("export files %v", files)
	}
	data, err := os.ReadFile(files[0])
	if err != nil {
		t.Fatal(err)
	}
	recs, _, bad, err := audit.ReadRecords(strings.NewReader(string(data)))
	if err != nil || len(bad) > 0 || len(recs) != 5 {
		t.Fatalf("the export holds %d records (%v, %v)", len(recs), bad, err)
	}
	if s := flat(screen(a)); !strings.Contains(s, "Exported 5 of about 19 messages") || !strings.Contains(s, "orders-dlq-") ||
		!strings.Contains(s, "The other 14 or so were not read") {
		t.Errorf("the question does not say what was exported, where:\n%s", screen(a))
	}
	if len(purgeCalls(f)) != 0 {
		t.Fatal("the export purged")
	}
	typeText(a, "orders-dlq")
	drive(a, press(a, "enter"))
	if len(purgeCalls(f)) != 1 {
		t.Fatalf("purge calls %v", purgeCalls(f))
	}
	s := screen(a)
	if len(a.peek.Messages()) != 0 || !strings.Contains(s, "the queue was purged: the list was cleared") || strings.Contains(s, " held") {
		t.Errorf("the peek still lists %d messages:\n%s", len(a.peek.Messages()), s)
	}
	if !strings.Contains(s, "no message peeked yet") && !strings.Contains(s, "every peeked message has gone") {
		t.Errorf("the DLQ pane still shows the purged messages:\n%s", s)
	}
}

// From the list, ctrl+e opens a peek of the queue instead: nothing read,
// nothing to export yet.
func TestPurgeFromTheListOffersAPeek(t *testing.T) {
	a, f := peekApp(t, 120, 36)
	selectQueue(t, a, "orders-dlq")
	press(a, "P")
	drive(a, press(a, "ctrl+e"))
	if !a.peek.Open() || a.peek.Queue().Name != "orders-dlq" {
		t.Fatalf("ctrl+e did not open the peek:\n%s", screen(a))
	}
	if len(f.OpCalls()) != 0 {
		t.Fatalf("calls %v", f.OpCalls())
	}
}

// A purge that ran but whose audit line could not be written is reported
// as done, with the audit failure after it.
func TestPurgeSaysWhenTheAuditLogFailed(t *testing.T) {
	a, f := loadedApp(t, 120, 36)
	f.Mu.Lock()
	f.Ops.PurgeErr = &awsclient.AuditError{Err: errors.New("no space left on device")}
	f.Mu.Unlock()
	selectQueue(t, a, "orders-dlq")
	press(a, "P")
	typeText(a, "orders-dlq")
	drive(a, press(a, "enter"))
	if s := flat(screen(a)); !strings.Contains(s, "purged orders-dlq") || !strings.Contains(s, "audit log could not be written") ||
		strings.Contains(s, "not purged") {
		t.Errorf("purge with a failed audit line:\n%s", screen(a))
	}
}
