package awsclient

import (
	"context"
	"sync"
	"time"

	"github.com/sqscope/sqscope/model"
)

// maxReportErrs bounds MoveReport.Errs: a thousand identical failures
// say no more than the first few.
const maxReportErrs = 20

// move is the client-side move; see Mover (Move adds the audit line).
func (s *SQS) move(ctx context.Context, req MoveRequest, progress chan<- MoveProgress) (MoveReport, error) {
	if progress != nil {
		defer close(progress)
	}
	// Checked here, not left to the guard: the move would otherwise
	// receive (allowed, a peek) and hold messages before being refused.
	if s.cfg.ReadOnly {
		return MoveReport{}, &ReadOnlyError{Op: "SendMessageBatch"}
	}
	if req.Concurrency <= 0 {
		req.Concurrency = DefaultMoveConcurrency
	}
	if req.Hold <= 0 {
		req.Hold = DefaultMoveHold
	}
	plan, err := s.planMove(ctx, req)
	if err != nil {
		return MoveReport{}, err
	}
	j, err := openJournal(req.JournalPath, req.Hold)
	if err != nil {
		return MoveReport{}, err
	}
	m := &moveRun{
		s: s, req: req, plan: plan, j: j, progress: progress, holdSec: holdSeconds(req.Hold),
		inflight: map[string]bool{}, parked: map[string]string{},
		skipped: map[string]bool{}, failed: map[string]bool{},
		resume: resume{seenPrior: map[string]bool{}},
	}
	m.wake = sync.NewCond(&m.mu)
	m.shortPolls = plan.shortPolls
	m.rep.Total = plan.total
	if req.Limit > 0 {
		m.rep.Total = min(m.rep.Total, req.Limit)
	}
	m.resumeFrom(j)
	// The workers stop when the DLQ looks drained; messages hidden by
	// holds that are not this move's may still come back, and then they
	// go again.
	for {
		var wg sync.WaitGroup
		for range req.Concurrency {
			wg.Go(func() { m.worker(ctx) })
		}
		wg.Wait()
		if m.drainUnconfirmed(ctx) {
			continue // receive again, with long polls
		}
		if !m.awaitHidden(ctx) {
			break
		}
	}
	return m.finish(ctx)
}

// moveRun is one Move in progress.
type moveRun struct {
	s        *SQS
	req      MoveRequest
	plan     *movePlan
	j        *journal
	progress chan<- MoveProgress
	holdSec  int32

	mu sync.Mutex
	// wake is signalled when a receive ends, for workers waiting on the
	// verdict of receives in flight.
	wake     *sync.Cond
	rep      MoveReport
	errSeen  map[string]bool
	stopErr  error
	taken    int  // messages accepted for moving, toward Limit
	reserved int  // asked for by receives in flight
	polls         // how the receives poll, and what their empties say
	cutShort bool // a stop released messages unmoved
	active   int  // batches being moved
	// lostHolds is when the last receive whose answer was lost may have
	// hidden messages until; zero when none.
	lostHolds time.Time
	inflight  map[string]bool   // ids in a batch being moved
	parked    map[string]string // id → newest receipt handle, released at the end
	skipped   map[string]bool
	failed    map[string]bool
	resume    // what an interrupted move left, and the wait for it
}

// worker receives and moves batches until the move is over.
//
// On a standard DLQ it keeps the batch it last sent until it has received
// the next one and written that one's "sending" lines; then it deletes
// the last batch's DLQ copies, and only then makes the new lines durable
// and sends. While the delete is on the wire, another worker's fsync may
// cover the new lines, and its own covers the lines the others wrote
// meanwhile: one fsync per two or three batches instead of nearly one per
// batch (BENCHMARKS.md). A worker still has one request in flight at a
// time. On a FIFO DLQ each batch is moved to the end before the next
// receive: a batch not yet deleted locks its groups.
func (m *moveRun) worker(ctx context.Context) {
	var last *batch // sent, DLQ copies not deleted yet
	defer func() {
		if last != nil {
			m.finishBatch(ctx, last)
		}
	}()
	finishLast := func() {
		if last != nil {
			m.finishBatch(ctx, last)
			last = nil
			m.report()
		}
	}
	for {
		ask, wait, flush := m.reserve(ctx, last != nil)
		if flush {
			finishLast() // before waiting on other workers
			continue
		}
		if ask == 0 {
			return
		}
		// A receive is never abandoned: SQS may hide messages before it
		// answers, and only the answer says which, to release them.
		msgs, err := m.receive(context.WithoutCancel(ctx), ask, wait)
		m.received(ask, len(msgs), wait, err)
		if err != nil {
			return // the move stops; see received
		}
		if len(msgs) == 0 {
			finishLast() // nothing to overlap with
			continue
		}
		if ctx.Err() != nil {
			m.release(ctx, msgs)
			m.mu.Lock()
			m.cutShort = true
			m.mu.Unlock()
			m.endBatch()
			return
		}
		b := m.prepareBatch(ctx, msgs)
		finishLast()
		switch {
		case b == nil: // all parked
		case !m.sendBatchOut(ctx, b):
		case m.plan.dlqFIFO:
			m.finishBatch(ctx, b)
		default:
			// Sent, and what failed is given back: what the batch still
			// hides is out, so an empty receive from now on proves the
			// DLQ drained.
			last = b
		}
		m.endBatch()
		m.report()
	}
}

// fail stops the move: no new batch starts; batches in flight finish.
func (m *moveRun) fail(err error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.failLocked(err)
}

func (m *moveRun) failLocked(err error) {
	if m.stopErr == nil {
		m.stopErr = err
	}
}

func (m *moveRun) addErr(err error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.addErrLocked(err)
}

func (m *moveRun) addErrLocked(err error) {
	if m.errSeen == nil {
		m.errSeen = map[string]bool{}
	}
	key := Describe(err)
	if len(m.rep.Errs) >= maxReportErrs || m.errSeen[key] {
		return
	}
	m.errSeen[key] = true
	m.rep.Errs = append(m.rep.Errs, err)
}

// release makes messages visible again now.
func (m *moveRun) release(ctx context.Context, msgs []model.Message) {
	if len(msgs) == 0 {
		return
	}
	for _, err := range m.setVisibility(ctx, handlesOf(msgs), 0) {
		m.addErr(err)
	}
}

// done ends a batch's claim on its messages.
func (m *moveRun) done(msgs []model.Message) {
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, msg := range msgs {
		delete(m.inflight, msg.ID)
	}
}

// report sends a progress snapshot, dropping it if the reader is behind:
// the next one carries the newer totals, and the move never waits.
func (m *moveRun) report() {
	if m.progress == nil {
		return
	}
	m.mu.Lock()
	p := MoveProgress{Moved: m.rep.Moved, Failed: m.rep.Failed,
		PossiblyDuplicated: m.rep.PossiblyDuplicated, Skipped: m.rep.Skipped, Total: m.rep.Total,
		Waiting: m.waitN, WaitUntil: m.waitUntil}
	m.mu.Unlock()
	select {
	case m.progress <- p:
	default:
	}
}

// finish gives back every parked message and closes the journal.
func (m *moveRun) finish(ctx context.Context) (MoveReport, error) {
	m.mu.Lock()
	handles := make([]string, 0, len(m.parked))
	for _, h := range m.parked {
		handles = append(handles, h)
	}
	m.mu.Unlock()
	for _, err := range m.setVisibility(ctx, handles, 0) {
		m.addErr(err)
	}
	m.settlePrior(ctx)
	if err := m.j.close(); err != nil {
		m.addErr(err)
	}
	m.report()
	m.mu.Lock()
	defer m.mu.Unlock()
	m.rep.Cancelled = ctx.Err() != nil && !m.completeLocked()
	return m.rep, m.stopErr
}

// completeLocked says the move had done all it was asked when it was
// stopped: it took its Limit, or its last receive found the DLQ empty
// with no batch in flight, and the stop released nothing unmoved. A stop
// then is no stop: "stopped" would say messages were left behind.
func (m *moveRun) completeLocked() bool {
	if m.cutShort || m.rep.HeldBack > 0 {
		return false
	}
	return (m.req.Limit > 0 && m.taken >= m.req.Limit) || (m.empties > 0 && m.active == 0)
}
