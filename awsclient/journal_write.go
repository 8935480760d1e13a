package awsclient

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"time"
)

// ErrJournalInUse means a move in this process has the journal open:
// reconciling or dismissing it now would pull it from under that move.
var ErrJournalInUse = errors.New("a move of this DLQ is running: its journal is in use")

// journalSynced, when set (by tests, before any move starts), learns
// after every fsync of a journal how many bytes of its file are on disk.
var journalSynced func(path string, durable int64)

// openPaths are the journals open in this process. Two moves of one DLQ
// would each miss what the other appends.
var openPaths = struct {
	sync.Mutex
	m map[string]bool
}{m: map[string]bool{}}

// claimJournal marks path in use, in this process and (where the system
// has locks) in every other; the returned func gives it back.
func claimJournal(path string) (func(), error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("move journal: %w", err)
	}
	openPaths.Lock()
	defer openPaths.Unlock()
	if openPaths.m[abs] {
		return nil, ErrJournalInUse
	}
	unlock, err := lockAcrossProcesses(abs)
	if err != nil {
		return nil, err
	}
	openPaths.m[abs] = true
	return func() {
		openPaths.Lock()
		delete(openPaths.m, abs)
		unlock()
		openPaths.Unlock()
	}, nil
}

// openJournal loads path (if any), opens it for appending and records
// that a move with this hold begins. Empty path: memory only.
func openJournal(path string, hold time.Duration) (*journal, error) {
	j := &journal{path: path, ids: map[string]jRecord{}}
	if path == "" {
		return j, nil
	}
	release, err := claimJournal(path)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		release()
		return nil, fmt.Errorf("move journal: %w", err)
	}
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_APPEND, 0o600)
	if err == nil {
		err = j.load(f)
		if err != nil {
			f.Close()
		}
	}
	if err != nil {
		release()
		return nil, fmt.Errorf("move journal %s: %w", path, err)
	}
	j.f, j.release = f, release
	if fi, err := f.Stat(); err == nil {
		j.size = fi.Size()
	}
	// Durable before the first receive: if this move is killed, the next
	// one must know that its receives may still hide messages, and for
	// how long.
	if err := j.write([]journalLine{{Op: "run", At: time.Now().UnixMilli(), Hold: hold.Milliseconds()}}, true); err != nil {
		j.abandon()
		return nil, err
	}
	return j, nil
}

// jItem is one message to record; dup is for "sent" lines.
type jItem struct {
	id, dest string
	dup      int
}

// record notes op for every item, in memory and (with a file) on disk,
// fsync'd when durable is set. On a write error the memory state is still
// updated: it is this run's truth either way.
func (j *journal) record(op string, items []jItem, durable bool) error {
	n, err := j.recordLater(op, items)
	if err != nil || !durable {
		return err
	}
	return j.sync(n)
}

// recordLater notes op for every item like record, without the fsync: it
// returns the write's number, which sync makes durable. Between the two
// the caller may do other work — a move deletes the previous batch's DLQ
// copies — while other batches' lines join the same fsync.
func (j *journal) recordLater(op string, items []jItem) (uint64, error) {
	if len(items) == 0 {
		return 0, nil
	}
	at := time.Now().UnixMilli()
	lines := make([]journalLine, len(items))
	for i, it := range items {
		lines[i] = journalLine{Op: op, ID: it.id, Dest: it.dest, At: at}
		if op == "sent" {
			lines[i].Dup = &it.dup
		}
	}
	return j.append(lines)
}

func (j *journal) write(lines []journalLine, durable bool) error {
	n, err := j.append(lines)
	if err != nil || !durable {
		return err
	}
	return j.sync(n)
}

// append writes lines to the file (the page cache, not yet the disk) and
// returns the write's number for sync; 0 when there is no file.
func (j *journal) append(lines []journalLine) (uint64, error) {
	j.mu.Lock()
	var buf bytes.Buffer
	for _, l := range lines {
		if l.ID != "" {
			j.apply(l)
		}
		if j.f != nil {
			b, _ := json.Marshal(l)
			buf.Write(b)
			buf.WriteByte('\n')
		}
	}
	if j.f == nil {
		j.mu.Unlock()
		return 0, nil
	}
	n, err := j.f.Write(buf.Bytes())
	j.size += int64(n)
	j.written++
	mine := j.written
	j.mu.Unlock()
	if err != nil {
		return 0, fmt.Errorf("move journal: %w", err)
	}
	return mine, nil
}

// sync returns once write n (and every one before it) is on disk; write 0
// (nothing written, or no file) is at once.
func (j *journal) sync(n uint64) error {
	if n == 0 {
		return nil
	}
	return j.syncThrough(n)
}

// syncThrough returns once write n (and every one before it) is on disk.
func (j *journal) syncThrough(n uint64) error {
	j.syncMu.Lock()
	defer j.syncMu.Unlock()
	if j.syncErr != nil {
		// After a failed fsync Linux may mark the lost pages clean, and
		// the next fsync succeeds without having written them.
		return j.syncErr
	}
	if j.synced >= n {
		return nil
	}
	j.mu.Lock()
	upTo, size := j.written, j.size // every write so far is in the page cache
	j.mu.Unlock()
	if err := j.f.Sync(); err != nil {
		j.syncErr = fmt.Errorf("move journal: %w", err)
		return j.syncErr
	}
	j.synced = upTo
	if journalSynced != nil {
		journalSynced(j.path, size)
	}
	return nil
}

// close removes the file when nothing is outstanding (an empty journal is
// no news, and Journals must not list it); otherwise it marks the
// run ended and keeps the file for the next move of this DLQ.
func (j *journal) close() error {
	if j.f == nil {
		return nil
	}
	defer j.release()
	if j.outstanding() == 0 {
		err := j.f.Close()
		if rerr := os.Remove(j.path); err == nil && !errors.Is(rerr, os.ErrNotExist) {
			err = rerr
		}
		return err
	}
	err := j.write([]journalLine{{Op: "end", At: time.Now().UnixMilli()}}, true)
	if cerr := j.f.Close(); err == nil {
		err = cerr
	}
	return err
}

// abandon closes the file without a word, as a crash would.
func (j *journal) abandon() {
	if j.f != nil {
		j.f.Close()
		j.release()
	}
}
