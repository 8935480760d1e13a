package awsclient

import (
	"context"
	"strconv"
	"time"
)

// Waiting for hidden messages. When the DLQ looks drained, messages may
// still be hidden by holds nobody can release: a receive of this move
// whose answer was lost, or the receives of an interrupted move. Reporting
// "done" then would leave them behind unsaid; so the move looks at the
// DLQ's counts until they come back (and moves them), until nothing is
// hidden but its own holds, or until those holds surely ended — and
// whatever is still hidden then is reported as HeldBack.

// calmReads is how many looks in a row must find nothing hidden by others
// before the move believes it: SQS's counts are approximate.
const calmReads = 2

// awaitHidden runs when the workers have stopped; true means receive
// again.
func (m *moveRun) awaitHidden(ctx context.Context) bool {
	calm := 0
	defer m.waiting(0, time.Time{})
	for {
		m.mu.Lock()
		until := m.lostHolds
		if m.priorUntil.After(until) {
			until = m.priorUntil
		}
		drained := m.drainedLocked() && m.stopErr == nil &&
			(m.req.Limit == 0 || m.taken < m.req.Limit)
		parked, past := len(m.parked), m.pastDeadline
		m.mu.Unlock()
		if until.IsZero() || !drained {
			return false
		}
		if ctx.Err() != nil {
			m.cancelledWaiting(ctx, until, parked)
			return false
		}
		others := -1 // unknown
		visible, hidden, err := m.dlqCounts(ctx)
		switch {
		case err != nil:
			m.addErr(err)
			calm = 0
		case visible > 0:
			if !past {
				return m.again(until)
			}
			// Visible again after the last round: a DLQ that keeps
			// filling. This move has done what it came for.
			m.endWait(false)
			return false
		default:
			others = max(hidden-parked, 0)
			if others > 0 {
				calm = 0
				break
			}
			if calm++; calm >= calmReads {
				m.endWait(true)
				return false
			}
		}
		now := time.Now()
		if others != 0 && !now.Before(until) {
			if others < 0 && !past {
				// The counts could not be read: the holds have ended by
				// now, so receive once more rather than guess.
				return m.again(until)
			}
			m.heldBack(others, time.Time{})
			return false
		}
		m.waiting(max(others, 0), until)
		wait := m.waitPoll
		if others != 0 {
			wait = min(wait, time.Until(until))
		}
		if !sleepCtx(ctx, wait) {
			m.heldBack(others, until)
			return false
		}
	}
}

// again lets the workers receive once more; after the wait's deadline,
// only once.
func (m *moveRun) again(until time.Time) bool {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.empties, m.longEmpties = 0, 0
	if !time.Now().Before(until) {
		m.pastDeadline = true
	}
	return true
}

// endWait ends the wait for good; verified says the DLQ held nothing but
// this move's own holds.
func (m *moveRun) endWait(verified bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.lostHolds, m.priorUntil = time.Time{}, time.Time{}
	m.verifiedEmpty = verified
}

// heldBack reports messages still hidden when the move ends (n < 0: the
// counts could not be read, so the number is unknown).
func (m *moveRun) heldBack(n int, until time.Time) {
	m.endWait(false)
	m.mu.Lock()
	defer m.mu.Unlock()
	if n > 0 {
		m.rep.HeldBack, m.rep.HeldUntil = n, until
	}
}

// cancelledWaiting: the user stopped the move while holds that are not
// its own may still hide messages; one look says how many, for the report.
func (m *moveRun) cancelledWaiting(ctx context.Context, until time.Time, parked int) {
	if _, hidden, err := m.dlqCounts(context.WithoutCancel(ctx)); err == nil {
		m.heldBack(hidden-parked, until)
	}
}

// waiting publishes what the move waits for, in the progress.
func (m *moveRun) waiting(n int, until time.Time) {
	m.mu.Lock()
	changed := m.waitN != n || !m.waitUntil.Equal(until)
	m.waitN, m.waitUntil = n, until
	m.mu.Unlock()
	if changed && n > 0 {
		m.report()
	}
}

// dlqCounts reads the DLQ's visible and hidden (in flight or delayed)
// message counts.
func (m *moveRun) dlqCounts(ctx context.Context) (visible, hidden int, err error) {
	attrs, err := m.s.queueAttrs(ctx, m.req.SourceURL, "ApproximateNumberOfMessages",
		"ApproximateNumberOfMessagesNotVisible", "ApproximateNumberOfMessagesDelayed")
	if err != nil {
		return 0, 0, err
	}
	n := func(k string) int { v, _ := strconv.Atoi(attrs[k]); return v }
	return n("ApproximateNumberOfMessages"),
		n("ApproximateNumberOfMessagesNotVisible") + n("ApproximateNumberOfMessagesDelayed"), nil
}
