package awsclient

import "time"

// Counting possible duplicates. SQS cannot be asked whether a copy
// arrived, so the count is a bound from what is known about one message:
// how many send attempts may have stored a copy without saying so, whether
// one attempt was plainly accepted, and whether its DLQ copy still exists.

// fifoDedupWindow is how long SQS drops a FIFO send whose deduplication
// id it has seen: a re-send inside it cannot duplicate.
const fifoDedupWindow = 5 * time.Minute

// copyFacts is what is known about one message's copies.
type copyFacts struct {
	// unknown: attempts, by this move or an earlier one, whose outcome
	// was never learned (no answer, 5xx, throttled, an entry failed as a
	// server fault or missing from the answer). Each may have stored a
	// copy.
	unknown  int
	accepted bool // one attempt was accepted: that copy surely exists
	dlqKept  bool // the DLQ copy still exists
	fifo     bool
	// span is from the first attempt to the latest moment any attempt
	// could have been stored. On FIFO, repeats inside the 5-minute
	// deduplication window are dropped by SQS.
	span time.Duration
}

// extra bounds the copies beyond one, at the destination and in the DLQ
// together.
func (f copyFacts) extra() int {
	dest := f.unknown
	if f.accepted {
		dest++
	}
	if f.fifo && dest > 1 && f.span < fifoDedupWindow {
		dest = 1 // same deduplication id on every attempt
	}
	if f.dlqKept {
		dest++
	}
	return max(dest-1, 0)
}

// priorFacts is what an earlier move's record says about a message's
// copies.
func (m *moveRun) priorFacts(rec jRecord, dlqKept bool) copyFacts {
	f := copyFacts{dlqKept: dlqKept, fifo: m.plan.dlqFIFO}
	switch rec.state {
	case jSent:
		f.unknown, f.accepted = rec.dupBound(), true
		f.span = rec.sentAt.Sub(rec.first)
	case jSending:
		f.unknown = rec.attempts
		f.span = rec.last.Sub(rec.first)
	}
	f.span += m.s.cfg.CallTimeout
	return f
}
