package awsclient

import "context"

// How a move's receives poll, and when the DLQ counts as drained.
//
// A long poll asks all of SQS's servers and returns as soon as it finds a
// message; but on an empty queue it waits its whole time, and a move that
// drains a DLQ must see it empty to stop: with long polls only, every such
// move ends with a wait of moveWaitSeconds. So the receives that may find
// the DLQ empty are short polls: those that come within a batch per worker
// of what the DLQ's count at the start says there is, and those after a
// receive that got fewer messages than it asked for. A short poll asks a
// sample of the servers and can come back empty from a queue that is not;
// so a run of empty short polls ends the receives only if the DLQ's own
// count then says nothing is visible. If it says otherwise (or cannot be
// read), the move receives again with long polls only, which end it as
// they always did. The SDK cannot send WaitTimeSeconds 0 (it omits a
// zero), so a DLQ with a receive wait of its own is always long-polled.

// moveEmptyStreak empty long polls in a row end the receives: the DLQ is
// drained (or every message left is parked or held elsewhere).
const moveEmptyStreak = 2

// moveShortEmptyStreak empty polls in a row, some of them short, end the
// receives if the DLQ's count agrees.
const moveShortEmptyStreak = 3

// polls is a moveRun's state about its receives; guarded by moveRun.mu.
type polls struct {
	// shortPolls: the receives that may find the DLQ empty are short
	// polls. Off for a DLQ with its own receive wait, and once a run of
	// empty short polls was not confirmed.
	shortPolls bool
	got        int  // messages received so far, repeats included
	dry        bool // the last receive got fewer messages than it asked for
	// empties is the run of empty receives with no batch being moved,
	// longEmpties the long polls among them.
	empties, longEmpties int
	// quiet: a short poll came back empty while batches were being moved
	// (on FIFO they lock their groups): receiving again before one of
	// them ends would only spin.
	quiet bool
}

// drainedLocked says the receives found the DLQ drained.
func (p *polls) drainedLocked() bool {
	return p.longEmpties >= moveEmptyStreak || p.empties >= moveShortEmptyStreak
}

// reserve is how many messages the next receive may ask for, and how
// long it waits for them; ask 0 ends the worker. With busy set (the
// worker holds a sent batch whose DLQ copies it has not deleted yet), it
// does not wait for other workers but says so (flush), for the worker to
// finish that batch first.
func (m *moveRun) reserve(ctx context.Context, busy bool) (ask int, wait int32, flush bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	for ctx.Err() == nil {
		// After an empty receive, let the receives in flight decide:
		// starting another long poll now would only make the end of the
		// move wait for it. After an empty short poll while batches are
		// moved, wait for one of them to end.
		undecided := m.empties > 0 && !m.drainedLocked() && m.reserved > 0
		if !undecided && !(m.quiet && m.active > 0) {
			break
		}
		if busy {
			return 0, 0, true
		}
		m.wake.Wait()
	}
	if ctx.Err() != nil || m.stopErr != nil || m.drainedLocked() {
		return 0, 0, false
	}
	ask = maxBatch
	if m.req.Limit > 0 {
		ask = min(ask, m.req.Limit-m.taken-m.reserved)
	}
	if ask <= 0 {
		return 0, 0, false
	}
	wait = moveWaitSeconds
	// A batch per worker of slack: a receive asked for later can be
	// served first and take what an earlier long poll was counting on.
	if m.shortPolls && (m.dry || m.got+m.reserved+ask > m.plan.total-m.req.Concurrency*maxBatch) {
		wait = 0
	}
	m.reserved += ask
	return ask, wait, false
}

// received records a receive's outcome.
func (m *moveRun) received(asked, got int, wait int32, err error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	defer m.wake.Broadcast()
	m.reserved -= asked
	if err != nil {
		m.failLocked(err)
		return
	}
	m.got += got
	m.dry = got < asked
	switch {
	case got > 0:
		m.empties, m.longEmpties = 0, 0
		m.quiet = false
		m.active++
	case m.active == 0:
		m.empties++
		if wait > 0 {
			m.longEmpties++
		}
	case wait == 0:
		// While a batch is in flight an empty receive proves nothing: on
		// a FIFO queue that batch locks its groups, hiding the rest.
		m.quiet = true
	}
}

// endBatch: a batch no longer hides messages the DLQ may still give.
func (m *moveRun) endBatch() {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.active--
	m.quiet = false
	m.wake.Broadcast()
}

// drainUnconfirmed runs when the workers have stopped. If a run of empty
// short polls stopped them, it reads the DLQ's count: true means the
// count did not confirm the DLQ empty, and the workers must receive
// again, with long polls only.
func (m *moveRun) drainUnconfirmed(ctx context.Context) bool {
	m.mu.Lock()
	check := m.drainedLocked() && m.longEmpties < moveEmptyStreak && m.stopErr == nil && ctx.Err() == nil &&
		(m.req.Limit == 0 || m.taken < m.req.Limit)
	m.mu.Unlock()
	if !check {
		return false
	}
	if visible, _, err := m.dlqCounts(ctx); err == nil && visible == 0 {
		return false
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.shortPolls = false
	m.empties, m.longEmpties = 0, 0
	return true
}
