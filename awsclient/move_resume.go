package awsclient

import (
	"context"
	"time"
)

// A move that finds a journal continues what an earlier move left: its
// outstanding entries (sent, or possibly sent), and, when that move was
// killed, the receives it still had out — messages hidden in the DLQ until
// its hold ends, which no one can release. This move must wait for them
// before it says it is done, and count every copy the earlier one may
// have made.

// holdMargin covers the distance between a hold's end on SQS's clock and
// on ours.
const holdMargin = time.Second

// resume is the moveRun's state about earlier moves. Guarded by
// moveRun.mu, except prior, which is set before the workers start and
// only read after.
type resume struct {
	prior     map[string]jRecord // outstanding when this move began
	seenPrior map[string]bool    // of those, received by this move
	// priorUntil is when the earlier moves' holds surely ended; zero when
	// there is nothing to wait for.
	priorUntil time.Time
	waitPoll   time.Duration // how often the DLQ is looked at while waiting
	// verifiedEmpty: the DLQ was seen, twice, with nothing visible and
	// nothing hidden but this move's own holds.
	verifiedEmpty bool
	waitN         int // for progress: messages waited for, and until when
	waitUntil     time.Time
	pastDeadline  bool // one more round of receives was made after the wait's end
}

// resumeFrom reads what earlier moves left in the journal.
func (m *moveRun) resumeFrom(j *journal) {
	m.prior = j.pending()
	var hold time.Duration
	switch {
	case j.runs.open:
		// Killed: its last hold extension may have been just now.
		hold = j.runs.deadHold
	case j.runs.legacy && len(m.prior) > 0:
		hold = DefaultMoveHold // journals before "run" lines used the default
	case len(m.prior) > 0:
		// Ended cleanly, but what it could not delete stays hidden until
		// its hold ends; the look at the DLQ ends the wait at once when
		// that was long ago.
		hold = m.req.Hold
	}
	// Copies a killed move made of messages it finished: its report died
	// with it.
	for _, id := range j.runs.unreported {
		rec := j.state(id)
		rec.state = jSent
		m.rep.PossiblyDuplicated += m.priorFacts(rec, false).extra()
	}
	m.waitPoll = min(max(m.req.Hold/4, 100*time.Millisecond), time.Second)
	if hold > 0 {
		m.priorUntil = time.Now().Add(hold + holdMargin)
		m.waitPoll = min(max(hold/4, 100*time.Millisecond), time.Second)
	}
}

// firstSight reports whether msg is an earlier move's outstanding message
// received for the first time by this one, and marks it seen. Called with
// m.mu held.
func (m *moveRun) firstSight(id string) bool {
	if _, ok := m.prior[id]; !ok || m.seenPrior[id] {
		return false
	}
	m.seenPrior[id] = true
	return true
}

// settlePrior closes the books on the earlier moves' outstanding messages
// this move never received. If the DLQ was verifiably empty, their DLQ
// copies are gone (the earlier move deleted them and died before it could
// journal that): settled. Otherwise they are still there, hidden, and may
// exist twice; a move of the whole DLQ counts them, so that its report
// never says fewer duplicates than there may be.
func (m *moveRun) settlePrior(ctx context.Context) {
	if len(m.prior) == 0 {
		return
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	whole := m.req.Select == nil && m.req.Limit == 0
	var settled []jItem
	for id, rec := range m.prior {
		if m.seenPrior[id] || !m.j.state(id).outstanding() {
			continue
		}
		gone := m.verifiedEmpty
		if gone {
			settled = append(settled, jItem{id: id})
			m.rep.Settled++
		}
		if gone || whole {
			m.rep.PossiblyDuplicated += m.priorFacts(rec, !gone).extra()
		}
	}
	if err := m.j.record("settled", settled, false); err != nil {
		m.addErrLocked(err)
	}
}
