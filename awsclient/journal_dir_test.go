package awsclient

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestJournalKeySeparatesAccountsAndRegions(t *testing.T) {
	a := JournalKey("arn:aws:sqs:us-east-1:111111111111:orders-dlq")
	b := JournalKey("arn:aws:sqs:eu-west-1:111111111111:orders-dlq")
	c := JournalKey("arn:aws:sqs:us-east-1:222222222222:orders-dlq")
	if a == b || a == c || b == c {
		t.Errorf("keys collide: %q %q %q", a, b, c)
	}
	if got := JournalName(JournalKey("arn:aws:sqs:us-east-1:1:payments-dlq.fifo")); got != "payments-dlq.fifo" {
		t.Errorf("JournalName = %q", got)
	}
	if got := JournalKey("not an arn/../x"); strings.ContainsAny(got, "/") {
		t.Errorf("JournalKey of a bad ARN = %q: not one file name", got)
	}
}

func TestJournalsCountHalfMovedByKey(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("XDG_CACHE_HOME", dir)
	t.Setenv("HOME", dir)
	arn := "arn:aws:sqs:us-east-1:111111111111:orders-dlq"
	path := JournalPath(arn)
	if path == "" || !strings.HasPrefix(path, dir) {
		t.Fatalf("JournalPath = %q, want a file under %s", path, dir)
	}
	if got := Journals(); len(got) != 0 {
		t.Fatalf("no journal yet, listed %v", got)
	}
	lines := `{"op":"sending","id":"m1","dest":"q"}` + "\n" + `{"op":"sent","id":"m1","dest":"q"}` + "\n" +
		`{"op":"sending","id":"m2","dest":"q"}` + "\n" + `{"op":"sent","id":"m2","dest":"q"}` + "\n" +
		`{"op":"deleted","id":"m2"}` + "\n"
	if err := os.WriteFile(path, []byte(lines), 0o600); err != nil {
		t.Fatal(err)
	}
	// A file that is not a journal is not counted.
	if err := os.WriteFile(filepath.Join(filepath.Dir(path), "other.txt"), []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	got := Journals()
	if len(got) != 1 || got[0].Key != JournalKey(arn) || got[0].Pending() != 1 {
		t.Errorf("listed %+v, want 1 half-moved message under %q", got, JournalKey(arn))
	}
}

// TestJournalsTellSentFromSending: the notice must not promise "without
// duplicates" for messages whose send outcome is unknown, so the listing
// tells them apart, and says whether the move was killed.
func TestJournalsTellSentFromSending(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("XDG_CACHE_HOME", dir)
	t.Setenv("HOME", dir)
	arn := "arn:aws:sqs:eu-west-1:111111111111:payments-dlq"
	j, err := openJournal(JournalPath(arn), time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	_ = j.record("sending", []jItem{{id: "a"}, {id: "b"}, {id: "c"}}, true)
	_ = j.record("sent", []jItem{{id: "a"}}, false)
	j.abandon() // killed
	got := Journals()
	want := JournalInfo{Key: JournalKey(arn), Path: JournalPath(arn), Sent: 1, Sending: 2, Interrupted: true}
	if len(got) != 1 || got[0] != want {
		t.Fatalf("Journals() = %+v, want [%+v]", got, want)
	}
	// The next move that ends with nothing outstanding removes it.
	j, err = openJournal(JournalPath(arn), time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	_ = j.record("deleted", []jItem{{id: "a"}, {id: "b"}, {id: "c"}}, false)
	if err := j.close(); err != nil {
		t.Fatal(err)
	}
	if got := Journals(); len(got) != 0 {
		t.Errorf("Journals() after a clean move = %+v, want none", got)
	}
}

// Dismissing keeps the newest backups only, and never another DLQ's.
func TestDismissKeepsTheNewestBackups(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "journal-1.us-east-1.orders-dlq.jsonl")
	other := filepath.Join(dir, "journal-1.us-east-1.payments-dlq.jsonl.dismissed-20200101T000000.000Z")
	if err := os.WriteFile(other, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	for i := range keptBackups + 2 {
		old := path + ".dismissed-2020010" + string(rune('1'+i)) + "T000000.000Z"
		if err := os.WriteFile(old, nil, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(path, []byte{}, 0o600); err != nil {
		t.Fatal(err)
	}
	backup, err := DismissJournal(path)
	if err != nil {
		t.Fatal(err)
	}
	left, _ := filepath.Glob(path + ".dismissed-*")
	if len(left) != keptBackups {
		t.Fatalf("%d backups left, want %d: %v", len(left), keptBackups, left)
	}
	if _, err := os.Stat(backup); err != nil {
		t.Errorf("the new backup was pruned: %v", err)
	}
	if _, err := os.Stat(path + ".dismissed-20200101T000000.000Z"); err == nil {
		t.Errorf("the oldest backup was kept")
	}
	if _, err := os.Stat(other); err != nil {
		t.Errorf("another DLQ's backup was pruned: %v", err)
	}
}
