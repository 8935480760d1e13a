package awsclient

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"
)

func TestJournalSurvivesReopenAndTornLine(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sub", "dlq.journal")
	j, err := openJournal(path, time.Second)
	if err != nil {
		t.Fatal(err)
	}
	steps := []struct {
		op  string
		ids []string
	}{
		{"sending", []string{"a", "b", "c", "d"}},
		{"sent", []string{"a", "b", "c"}},
		{"deleted", []string{"a"}},
		{"unsent", []string{"d"}},
	}
	for _, s := range steps {
		var it []jItem
		for _, id := range s.ids {
			it = append(it, jItem{id: id, dest: "http://q/src"})
		}
		if err := j.record(s.op, it, true); err != nil {
			t.Fatal(err)
		}
	}
	j.abandon() // a crash: no close(), no removal
	// A crash mid-write leaves half a line.
	f, _ := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	_, _ = f.WriteString(`{"op":"deleted","id":"b"`)
	f.Close()

	j, err = openJournal(path, time.Second)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]jState{"a": jDeleted, "b": jSent, "c": jSent, "d": jUnsent, "e": jNone}
	for id, st := range want {
		if got := j.state(id).state; got != st {
			t.Errorf("state(%s) = %d, want %d", id, got, st)
		}
	}
	if n := j.outstanding(); n != 2 {
		t.Errorf("outstanding = %d, want 2 (b, c)", n)
	}
	if err := j.close(); err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Stat(path); fi.Size() == 0 {
		t.Error("journal emptied while sends were outstanding")
	}
}

func TestJournalRemovedWhenNothingOutstanding(t *testing.T) {
	path := filepath.Join(t.TempDir(), "dlq.journal")
	j, err := openJournal(path, time.Second)
	if err != nil {
		t.Fatal(err)
	}
	it := []jItem{{id: "a"}, {id: "b"}}
	for _, op := range []string{"sending", "sent", "deleted"} {
		if err := j.record(op, it, false); err != nil {
			t.Fatal(err)
		}
	}
	if err := j.close(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(path); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("journal left behind with nothing outstanding: %v", err)
	}
}

func TestJournalMemoryOnly(t *testing.T) {
	j, err := openJournal("", time.Second)
	if err != nil {
		t.Fatal(err)
	}
	if err := j.record("sent", []jItem{{id: "x"}}, true); err != nil {
		t.Fatal(err)
	}
	if j.state("x").state != jSent || j.close() != nil {
		t.Error("memory journal lost its state")
	}
}

// TestJournalConcurrentDurableRecords: batches record at once (sharing
// fsyncs); every line must be whole and every record readable on reopen.
func TestJournalConcurrentDurableRecords(t *testing.T) {
	path := filepath.Join(t.TempDir(), "dlq.journal")
	j, err := openJournal(path, time.Second)
	if err != nil {
		t.Fatal(err)
	}
	const workers, batches = 8, 50
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for b := range batches {
				it := make([]jItem, 10)
				for i := range it {
					it[i] = jItem{id: fmt.Sprintf("m-%d-%d-%d", w, b, i), dest: "http://q/src"}
				}
				if err := j.record("sending", it, true); err != nil {
					t.Error(err)
				}
			}
		})
	}
	wg.Wait()
	if j.synced != j.written {
		t.Errorf("last fsync covered %d of %d writes", j.synced, j.written)
	}
	j.abandon()
	j, err = openJournal(path, time.Second)
	if err != nil {
		t.Fatal(err)
	}
	if n := j.outstanding(); n != workers*batches*10 {
		t.Errorf("reopened journal knows %d sends, want %d", n, workers*batches*10)
	}
}

func TestJournalPending(t *testing.T) {
	path := filepath.Join(t.TempDir(), "dlq.journal")
	if n, err := JournalPending(path); n != 0 || err != nil {
		t.Fatalf("no journal: %d, %v", n, err)
	}
	j, err := openJournal(path, time.Second)
	if err != nil {
		t.Fatal(err)
	}
	it := func(ids ...string) []jItem {
		var out []jItem
		for _, id := range ids {
			out = append(out, jItem{id: id, dest: "http://q/src"})
		}
		return out
	}
	_ = j.record("sending", it("a", "b", "c", "d"), true)
	_ = j.record("sent", it("a", "b"), false)
	_ = j.record("deleted", it("a"), false)
	_ = j.record("unsent", it("d"), false)
	if n, err := JournalPending(path); n != 2 || err != nil { // b sent, c sending
		t.Errorf("JournalPending = %d, %v; want 2", n, err)
	}
	j.abandon()
}

// TestJournalOneFsyncCoversEarlierWrites: lines written and not yet made
// durable join the next fsync, whoever asks for it; a later sync of them
// costs nothing (the group commit a move's workers share). Not parallel:
// it watches journalSynced.
func TestJournalOneFsyncCoversEarlierWrites(t *testing.T) {
	path := filepath.Join(t.TempDir(), "dlq.journal")
	var mu sync.Mutex
	var fsyncs int
	var durable int64
	journalSynced = func(p string, n int64) {
		if p == path {
			mu.Lock()
			fsyncs, durable = fsyncs+1, n
			mu.Unlock()
		}
	}
	t.Cleanup(func() { journalSynced = nil })
	count := func() (int, int64) {
		mu.Lock()
		defer mu.Unlock()
		return fsyncs, durable
	}
	j, err := openJournal(path, time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer j.abandon()
	if n, _ := count(); n != 1 {
		t.Fatalf("%d fsyncs after open; want 1, for the run line", n)
	}
	a, err := j.recordLater("sending", []jItem{{id: "a"}})
	if err != nil {
		t.Fatal(err)
	}
	b, err := j.recordLater("sending", []jItem{{id: "b"}})
	if err != nil {
		t.Fatal(err)
	}
	if n, _ := count(); n != 1 {
		t.Errorf("%d fsyncs before a sync was asked for; want still 1", n)
	}
	if err := j.sync(b); err != nil {
		t.Fatal(err)
	}
	if err := j.sync(a); err != nil {
		t.Fatal(err)
	}
	n, d := count()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if n != 2 || d != fi.Size() {
		t.Errorf("%d fsyncs, %d of %d bytes durable; want 2 fsyncs covering the whole file", n, d, fi.Size())
	}
	if err := j.sync(0); err != nil {
		t.Errorf("sync(0): %v", err)
	}
}
