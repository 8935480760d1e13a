package awsclient

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"time"
)

// jState is where one DLQ message stands in a move, as the journal knows.
type jState uint8

const (
	jNone    jState = iota
	jSending        // about to be sent: a copy may exist at the destination
	jSent           // accepted by the destination, DLQ copy not deleted yet
	jDeleted        // DLQ copy deleted: done
	jUnsent         // the send failed for good: no copy exists
)

var jOps = map[string]jState{"sending": jSending, "sent": jSent, "deleted": jDeleted, "unsent": jUnsent}

// journalLine is one JSON line of the file.
type journalLine struct {
	Op   string `json:"op"`
	ID   string `json:"id"` // the DLQ message's MessageId
	Dest string `json:"dest,omitempty"`
	At   int64  `json:"at,omitempty"` // unix ms, for "sending": FIFO dedup lasts 5 minutes
}

type jRecord struct {
	state jState
	at    time.Time
}

// journal remembers, per DLQ MessageId, how far its move got. It always
// works in memory (within one run it catches a message that comes back
// while its delete is in doubt); with a path it is also an append-only
// file that outlives a crash. A batch's "sending" lines are fsync'd before
// it is sent and its "sent" lines written before its deletes, so whatever
// a killed process leaves in the DLQ is either known sent (delete it, do
// not send again) or known possibly sent (send again and report it as a
// possible duplicate). A power loss can take unsynced "sent" lines with
// it, which only moves messages from the first case to the second.
type journal struct {
	mu      sync.Mutex
	f       *os.File // nil: memory only
	ids     map[string]jRecord
	written uint64 // writes to f so far

	// syncMu serializes fsyncs; synced is how many writes the last one
	// covered. Concurrent batches share one fsync (a group commit): a
	// batch whose write an fsync begun after it already covered skips
	// its own.
	syncMu  sync.Mutex
	synced  uint64
	syncErr error // once an fsync failed, no later one is trusted
}

// openJournal loads path (if any) and opens it for appending. A torn last
// line, as a crash mid-write leaves, is ignored.
func openJournal(path string) (*journal, error) {
	j := &journal{ids: map[string]jRecord{}}
	if path == "" {
		return j, nil
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("move journal: %w", err)
	}
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_APPEND, 0o600)
	if err != nil {
		return nil, fmt.Errorf("move journal: %w", err)
	}
	if err := j.load(f); err != nil {
		f.Close()
		return nil, fmt.Errorf("move journal %s: %w", path, err)
	}
	j.f = f
	return j, nil
}

// load reads a journal file's lines into memory.
func (j *journal) load(r io.Reader) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	for sc.Scan() {
		var l journalLine
		if json.Unmarshal(sc.Bytes(), &l) != nil || l.ID == "" {
			continue
		}
		if st, ok := jOps[l.Op]; ok {
			j.ids[l.ID] = jRecord{state: st, at: time.UnixMilli(l.At)}
		}
	}
	return sc.Err()
}

// JournalPending counts the messages an interrupted move left half-moved
// in the journal at path (a copy may exist at the destination while the
// DLQ copy remains); 0 when there is no journal. Only a client-side Move
// with that journal can finish them without sending any twice.
func JournalPending(path string) (int, error) {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("move journal: %w", err)
	}
	defer f.Close()
	j := &journal{ids: map[string]jRecord{}}
	if err := j.load(f); err != nil {
		return 0, fmt.Errorf("move journal %s: %w", path, err)
	}
	return j.outstanding(), nil
}

// jItem is one message to record.
type jItem struct{ id, dest string }

// record notes op for every item, in memory and (with a file) on disk,
// fsync'd when durable is set. On a write error the memory state is still
// updated: it is this run's truth either way.
func (j *journal) record(op string, items []jItem, durable bool) error {
	if len(items) == 0 {
		return nil
	}
	now := time.Now()
	j.mu.Lock()
	var buf bytes.Buffer
	for _, it := range items {
		j.ids[it.id] = jRecord{state: jOps[op], at: now}
		if j.f != nil {
			l := journalLine{Op: op, ID: it.id, Dest: it.dest}
			if op == "sending" {
				l.At = now.UnixMilli()
			}
			b, _ := json.Marshal(l)
			buf.Write(b)
			buf.WriteByte('\n')
		}
	}
	if j.f == nil {
		j.mu.Unlock()
		return nil
	}
	_, err := j.f.Write(buf.Bytes())
	j.written++
	mine := j.written
	j.mu.Unlock()
	if err != nil {
		return fmt.Errorf("move journal: %w", err)
	}
	if durable {
		return j.syncThrough(mine)
	}
	return nil
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
	upTo := j.written // every write so far is in the page cache
	j.mu.Unlock()
	if err := j.f.Sync(); err != nil {
		j.syncErr = fmt.Errorf("move journal: %w", err)
		return j.syncErr
	}
	j.synced = upTo
	return nil
}

// state is what the journal knows about one message.
func (j *journal) state(id string) jRecord {
	j.mu.Lock()
	defer j.mu.Unlock()
	return j.ids[id]
}

// outstanding counts messages that may have a copy at a destination while
// their DLQ copy still exists.
func (j *journal) outstanding() int {
	j.mu.Lock()
	defer j.mu.Unlock()
	n := 0
	for _, r := range j.ids {
		if r.state == jSending || r.state == jSent {
			n++
		}
	}
	return n
}

// close empties the file when nothing is outstanding, so it does not grow
// across moves; otherwise it keeps it for the next move of this DLQ.
func (j *journal) close() error {
	if j.f == nil {
		return nil
	}
	var err error
	if j.outstanding() == 0 {
		err = j.f.Truncate(0)
	}
	if cerr := j.f.Close(); err == nil {
		err = cerr
	}
	return err
}
