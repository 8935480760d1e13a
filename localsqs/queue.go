package localsqs

import (
	"sync"
	"time"
)

// queue is one queue and its messages, guarded by mu.
//
// Indexes: msgs holds every live message by id; timers is a min-heap of
// delayed and in-flight messages keyed by when they turn visible; expiry is
// a min-heap keyed by retention start; a standard queue keeps its visible
// messages in the visible deque, a FIFO queue in per-group lists (fifo.go).
// So a receive pops what it returns and never scans the queue.
type queue struct {
	mu sync.Mutex

	name, url0, arn string // url0 is the path part: /ACCOUNT/NAME
	isFIFO          bool
	createdAt       time.Time
	modifiedAt      time.Time
	cfg             queueConfig
	tags            map[string]string
	deleted         bool
	lastPurge       time.Time

	msgs    map[string]*message
	timers  *msgHeap
	expiry  *msgHeap
	visible deque // standard queues only

	nVisible, nInflight, nDelayed int

	fifo *fifoState // FIFO queues only

	stats queueStats // per-minute CloudWatch statistics (metrics.go)

	// wake is closed (and cleared) when a message may have become
	// receivable, waking every long poll that took it.
	wake chan struct{}
}

func newQueue(name, arn, path string, cfg queueConfig, now time.Time) *queue {
	q := &queue{
		name: name, arn: arn, url0: path,
		isFIFO:    cfg.fifo,
		createdAt: now, modifiedAt: now,
		cfg:    cfg,
		tags:   map[string]string{},
		msgs:   map[string]*message{},
		timers: newTimerHeap(),
		expiry: newExpiryHeap(),
	}
	if q.isFIFO {
		q.fifo = newFIFOState()
	}
	return q
}

// config returns a copy of q's settings taken under q.mu, for code that
// reads them without holding the lock (validation, registry walks).
func (q *queue) config() queueConfig {
	q.mu.Lock()
	defer q.mu.Unlock()
	return q.cfg
}

// signal wakes long polls waiting on q. Caller holds q.mu.
func (q *queue) signal() {
	if q.wake != nil {
		close(q.wake)
		q.wake = nil
	}
}

// waitChan returns the channel the next signal closes. Caller holds q.mu.
func (q *queue) waitChan() <-chan struct{} {
	if q.wake == nil {
		q.wake = make(chan struct{})
	}
	return q.wake
}

// tick applies everything that became due by now: delays and visibility
// timeouts that ended, and retention expiry. Every operation calls it first
// under q.mu, so state is always current without a background goroutine.
func (q *queue) tick(now time.Time) {
	q.stats.now = now
	defer q.observe()
	woke := false
	for m := q.timers.peek(); m != nil && !m.visibleAt.After(now); m = q.timers.peek() {
		q.timers.pop()
		q.setState(m, stVisible)
		woke = true
	}
	retention := time.Duration(q.cfg.retention) * time.Second
	for m := q.expiry.peek(); m != nil && !m.retainFrom.Add(retention).After(now); m = q.expiry.peek() {
		q.remove(m)
	}
	if woke {
		q.signal()
	}
}

// nextDue is when the next delayed or in-flight message turns visible.
func (q *queue) nextDue() (time.Time, bool) {
	if m := q.timers.peek(); m != nil {
		return m.visibleAt, true
	}
	return time.Time{}, false
}

// setState moves m to state s, keeping counters and indexes in step.
func (q *queue) setState(m *message, s msgState) {
	old := m.state
	switch old {
	case stVisible:
		q.nVisible--
	case stInflight:
		q.nInflight--
		if q.isFIFO {
			q.fifo.inflightDone(m)
		}
	case stDelayed:
		q.nDelayed--
	}
	m.state = s
	m.gen++
	switch s {
	case stVisible:
		q.nVisible++
		q.timers.remove(m)
		if q.isFIFO {
			q.fifo.becameVisible(m)
		} else {
			q.visible.push(m)
			q.maybeCompactVisible()
		}
	case stInflight:
		q.nInflight++
		// No schedule: any poll parked now parked before m was visible, was
		// woken when it became so, and will see m's timer when it looks.
		q.timers.set(m)
		if q.isFIFO {
			q.fifo.inflightStart(m)
		}
	case stDelayed:
		q.nDelayed++
		q.schedule(m)
	case stGone:
		q.timers.remove(m)
		q.expiry.remove(m)
		delete(q.msgs, m.id)
		if q.isFIFO {
			q.fifo.gone(m)
		}
	}
}

// schedule (re)files m in the timer heap under m.visibleAt. A parked long
// poll sleeps until the earliest due time it saw, so when m becomes the new
// earliest it must be woken to shorten its sleep; otherwise a delayed send
// or a shortened visibility timeout would be noticed only at its deadline.
func (q *queue) schedule(m *message) {
	q.timers.set(m)
	if q.timers.peek() == m {
		q.signal()
	}
}

// add stores a new message: delayed when delay > 0, else visible.
func (q *queue) add(m *message, delay time.Duration, now time.Time) {
	q.stats.now = now
	defer q.observe()
	m.timerIdx, m.expiryIdx = -1, -1
	if _, dup := q.msgs[m.id]; dup {
		m.id = newMessageID()
	}
	q.msgs[m.id] = m
	q.expiry.set(m)
	if q.isFIFO {
		q.fifo.enqueue(m)
	}
	if delay > 0 {
		m.state = stGone // so setState counts nothing for the old state
		m.visibleAt = now.Add(delay)
		q.setState(m, stDelayed)
		return
	}
	m.state = stGone
	q.setState(m, stVisible)
	q.signal()
}

// addCopy stores c, copied from another queue or put back after a failed
// move, as visible now; a FIFO queue numbers it in its own sequence.
func (q *queue) addCopy(c *message, now time.Time) {
	if q.isFIFO {
		c.seq = q.fifo.nextSeq()
	}
	q.add(c, 0, now)
}

// remove deletes m from the queue whatever its state.
func (q *queue) remove(m *message) {
	if m.state == stGone {
		return
	}
	q.setState(m, stGone)
	if q.isFIFO {
		// Deleting a group's in-flight or head message may unblock it.
		q.signal()
	}
}

// receiveOne marks m received: in flight for vt, with a fresh handle.
func (q *queue) receiveOne(m *message, vt time.Duration, now time.Time) {
	m.receiveCount++
	if m.firstReceiveAt.IsZero() {
		m.firstReceiveAt = now
	}
	m.receivedAt = now
	m.handle = newReceiptHandle(q.name, m.id, m.receiveCount)
	m.visibleAt = now.Add(vt)
	q.setState(m, stInflight)
}

// purge drops every message.
func (q *queue) purge() {
	for _, m := range q.msgs {
		m.state, m.gen = stGone, m.gen+1
		m.timerIdx, m.expiryIdx = -1, -1
	}
	q.msgs = map[string]*message{}
	q.timers.clear()
	q.expiry.clear()
	q.visible.clear()
	q.nVisible, q.nInflight, q.nDelayed = 0, 0, 0
	if q.isFIFO {
		q.fifo.reset()
	}
}

// maybeCompactVisible bounds the lazily deleted entries in q.visible.
func (q *queue) maybeCompactVisible() {
	if q.visible.len() > 2*q.nVisible+1024 {
		q.visible.compact(func(e dqEntry) bool { return e.gen == e.m.gen && e.m.state == stVisible })
	}
}

// popVisible returns the next visible message of a standard queue.
func (q *queue) popVisible() *message {
	for {
		e, ok := q.visible.popFront()
		if !ok {
			return nil
		}
		if e.gen == e.m.gen && e.m.state == stVisible {
			return e.m
		}
	}
}
