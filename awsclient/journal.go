package awsclient

import (
	"bufio"
	"encoding/json"
	"io"
	"os"
	"sync"
	"time"
)

// jState is where one DLQ message stands in a move, as the journal knows.
type jState uint8

const (
	jNone    jState = iota
	jSending        // an attempt to send it was about to be made: a copy may exist
	jSent           // accepted by the destination, DLQ copy not deleted yet
	jDeleted        // DLQ copy deleted (or found gone): done
	jUnsent         // every attempt was refused: no copy exists
)

// The journal's lines. "sending" is written (and fsync'd) before every
// attempt, so the lines count the attempts that may have stored a copy,
// across crashes. "run" opens each move with its hold; "end" closes one
// that leaves entries outstanding, so that a "run" without an "end" is a
// move that was killed while its receives may still hide messages.
// "settled" marks an entry whose DLQ copy was found gone.
var jOps = map[string]jState{"sending": jSending, "sent": jSent, "deleted": jDeleted, "settled": jDeleted, "unsent": jUnsent}

// journalLine is one JSON line of the file.
type journalLine struct {
	Op   string `json:"op"`
	ID   string `json:"id,omitempty"` // the DLQ message's MessageId
	Dest string `json:"dest,omitempty"`
	At   int64  `json:"at,omitempty"`   // unix ms
	Hold int64  `json:"hold,omitempty"` // "run": the move's hold, ms
	// Dup, on "sent": attempts other than the accepted one that may have
	// stored a copy. Absent in journals older than the field.
	Dup *int `json:"dup,omitempty"`
}

// jRecord is one message's history.
type jRecord struct {
	state jState
	// attempts: "sending" lines since it was last known to have no copy.
	attempts int
	first    time.Time // the first of those attempts
	last     time.Time // and the latest
	sentAt   time.Time
	dup      int // from "sent"; -1 when the line did not say
}

// dupBound is how many copies beyond the accepted one a sent message may
// have: what the "sent" line says, or, from an older journal, every other
// attempt.
func (r jRecord) dupBound() int {
	if r.dup >= 0 {
		return r.dup
	}
	return max(r.attempts-1, 0)
}

func (r jRecord) outstanding() bool { return r.state == jSending || r.state == jSent }

// journal remembers, per DLQ MessageId, how far its move got. It always
// works in memory (within one run it catches a message that comes back
// while its delete is in doubt); with a path it is also an append-only
// file that outlives a crash. Every attempt's "sending" line is fsync'd
// before the attempt, and a batch's "sent" lines are written before its
// deletes, so whatever a killed process leaves in the DLQ is either known
// sent (delete it, do not send again) or possibly sent, as many times as
// there are lines (send again and count the possible copies). A power loss
// can take unsynced "sent" lines with it, which only moves messages from
// the first case to the second.
type journal struct {
	path    string
	release func() // gives the path back (see claimJournal)
	mu      sync.Mutex
	f       *os.File // nil: memory only
	ids     map[string]jRecord
	written uint64 // writes to f so far
	size    int64  // bytes in f
	runs    runLog

	// syncMu serializes fsyncs; synced is how many writes the last one
	// covered. Concurrent batches share one fsync (a group commit): a
	// batch whose write an fsync begun after it already covered skips
	// its own.
	syncMu  sync.Mutex
	synced  uint64
	syncErr error // once an fsync failed, no later one is trusted
}

// runLog is what the "run" and "end" lines say about earlier moves.
type runLog struct {
	open bool // the last "run" has no "end": that move was killed
	// deadHold is the longest hold of the killed moves since the last
	// clean end: their receives may hide messages for that long after
	// they died.
	deadHold time.Duration
	legacy   bool // lines but no "run" header: a journal from before them
	// unreported are messages the killed moves finished (sent and
	// deleted) after attempts that may have stored copies: those moves
	// died before their reports were shown, so the next one counts them.
	unreported []string
}

// load reads a journal file's lines into memory. A torn last line, as a
// crash mid-write leaves, is ignored.
func (j *journal) load(r io.Reader) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	sawRun, sawEntry := false, false
	sentSinceEnd := map[string]bool{}
	for sc.Scan() {
		var l journalLine
		if json.Unmarshal(sc.Bytes(), &l) != nil {
			continue
		}
		switch l.Op {
		case "run":
			sawRun = true
			if !j.runs.open {
				j.runs.deadHold = 0
			}
			j.runs.open = true
			j.runs.deadHold = max(j.runs.deadHold, time.Duration(l.Hold)*time.Millisecond)
		case "end":
			j.runs.open, j.runs.deadHold = false, 0
			clear(sentSinceEnd) // that move's report counted them
		default:
			if l.ID != "" {
				sawEntry = true
				j.apply(l)
			}
			if l.Op == "sent" {
				sentSinceEnd[l.ID] = true
			}
		}
	}
	j.runs.legacy = sawEntry && !sawRun
	if j.runs.open || j.runs.legacy {
		for id := range sentSinceEnd {
			if r := j.ids[id]; r.state == jDeleted && r.dupBound() > 0 {
				j.runs.unreported = append(j.runs.unreported, id)
			}
		}
	}
	return sc.Err()
}

// apply updates one message's record from a line; record uses it too, so
// memory and file agree.
func (j *journal) apply(l journalLine) {
	st, ok := jOps[l.Op]
	if !ok {
		return
	}
	r, at := j.ids[l.ID], time.UnixMilli(l.At)
	switch st {
	case jSending:
		if r.state != jSending {
			r = jRecord{first: at}
		}
		r.attempts++
		r.last = at
	case jSent:
		r.sentAt, r.dup = at, -1
		if l.Dup != nil {
			r.dup = *l.Dup
		}
	case jUnsent:
		r.attempts = 0
	}
	r.state = st
	j.ids[l.ID] = r
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
		if r.outstanding() {
			n++
		}
	}
	return n
}

// pending is the outstanding records, by id.
func (j *journal) pending() map[string]jRecord {
	j.mu.Lock()
	defer j.mu.Unlock()
	out := map[string]jRecord{}
	for id, r := range j.ids {
		if r.outstanding() {
			out[id] = r
		}
	}
	return out
}
