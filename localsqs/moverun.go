package localsqs

import (
	"time"
)

// runMoveTask moves up to t.toMove visible messages out of src, in chunks
// of at most 10, pacing itself to t.rate. It ends COMPLETED when the source
// has nothing visible left or toMove is reached, CANCELLED on cancel or
// server close, FAILED when a message's destination does not exist (that
// message and the rest stay in src, in order).
func (s *Server) runMoveTask(t *moveTask, src *queue) {
	for {
		s.tasks.mu.Lock()
		moved := t.moved
		s.tasks.mu.Unlock()
		if moved >= t.toMove {
			s.finishTask(t, taskCompleted, "")
			return
		}
		if t.rate > 0 {
			// Wait until moving one more keeps us at or under the rate.
			due := t.wallStart.Add(time.Duration(float64(moved) / float64(t.rate) * float64(time.Second)))
			if !s.sleepUntil(t, due) {
				s.finishTask(t, taskCancelled, "")
				return
			}
		} else if s.cancelled(t) {
			s.finishTask(t, taskCancelled, "")
			return
		}
		n := min(10, t.toMove-moved)
		if t.rate > 0 {
			n = 1
		}
		msgs, blocked := s.popForMove(t, src, int(n))
		for i, m := range msgs {
			if reason := s.deliverMoved(t.destFor(m), m); reason != "" {
				// The destination vanished after popForMove checked it.
				s.requeue(src, msgs[i:])
				s.finishTask(t, taskFailed, reason)
				return
			}
			s.tasks.mu.Lock()
			t.moved++
			s.tasks.mu.Unlock()
		}
		if blocked != "" {
			s.finishTask(t, taskFailed, blocked)
			return
		}
		if len(msgs) == 0 {
			s.finishTask(t, taskCompleted, "")
			return
		}
	}
}

// destFor is the ARN m moves to: the task's destination or, without one,
// the queue m was dead-lettered from.
func (t *moveTask) destFor(m *message) string {
	if t.destARN != "" {
		return t.destARN
	}
	return m.dlqSourceARN
}

func (s *Server) cancelled(t *moveTask) bool {
	select {
	case <-t.cancel:
		return true
	case <-s.closed:
		return true
	default:
		return false
	}
}

// sleepUntil waits for wall-clock time due (rates are real rates even when
// Options.Now is a fake clock); false means the task was cancelled.
func (s *Server) sleepUntil(t *moveTask, due time.Time) bool {
	d := time.Until(due)
	if d <= 0 {
		return !s.cancelled(t)
	}
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case <-timer.C:
		return !s.cancelled(t)
	case <-t.cancel:
		return false
	case <-s.closed:
		return false
	}
}

func (s *Server) finishTask(t *moveTask, status, reason string) {
	s.tasks.mu.Lock()
	defer s.tasks.mu.Unlock()
	if status == taskCompleted && t.status == taskCancelling {
		status = taskCancelled
	}
	t.status, t.failure = status, reason
}

// popForMove takes up to n visible messages out of src in delivery order.
// It stops at the first message whose destination cannot take it and
// returns why (blocked), leaving that message where it is: taking it out
// and putting it back would reorder a FIFO group.
func (s *Server) popForMove(t *moveTask, src *queue, n int) (msgs []*message, blocked string) {
	// Looked up before locking src: the registry lock is never taken while
	// a queue lock is held.
	live := s.queuesByARN()
	src.mu.Lock()
	defer src.mu.Unlock()
	if src.deleted {
		return nil, ""
	}
	src.tick(s.now())
	src.drain(n, func(m *message) verdict {
		if blocked = moveBlocker(live, t.destFor(m), m); blocked != "" {
			return stop
		}
		src.remove(m)
		msgs = append(msgs, m)
		return taken
	})
	return msgs, blocked
}

// moveBlocker says why m cannot move to destARN, or "" when it can.
func moveBlocker(live map[string]*queue, destARN string, m *message) string {
	dest := live[destARN]
	if dest == nil {
		return noDestination(destARN)
	}
	if dest.isFIFO && m.groupID == "" {
		return "InvalidParameterValue: a message without MessageGroupId cannot move to FIFO queue " + destARN
	}
	return ""
}

func noDestination(arn string) string {
	return "AWS.SimpleQueueService.NonExistentQueue: destination queue " + arn + " does not exist"
}

// deliverMoved stores a copy of m in the queue at destARN as a new message
// there: body, attributes and group kept, receive counters reset. It
// returns a failure reason, or "". popForMove has checked the queue type
// (fixed by the name, so a queue recreated under this ARN has the same).
func (s *Server) deliverMoved(destARN string, m *message) string {
	dest := s.queueByARN(destARN)
	if dest == nil {
		return noDestination(destARN)
	}
	now := s.now()
	dest.mu.Lock()
	defer dest.mu.Unlock()
	if dest.deleted {
		return noDestination(destARN)
	}
	dest.tick(now)
	c := m.copyForMove()
	c.receiveCount, c.firstReceiveAt, c.dlqSourceARN = 0, time.Time{}, ""
	c.sentAt, c.retainFrom = now, now
	dest.addCopy(c, now)
	return ""
}

// requeue puts messages taken out of src back as new visible messages, so
// a move or dead-lettering that lost its destination loses nothing.
func (s *Server) requeue(src *queue, msgs []*message) {
	now := s.now()
	src.mu.Lock()
	defer src.mu.Unlock()
	if src.deleted {
		return
	}
	for _, m := range msgs {
		src.addCopy(m.copyForMove(), now)
	}
}
