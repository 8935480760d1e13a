package localsqs

import (
	"time"
)

// runMoveTask moves up to t.toMove visible messages out of src, in chunks
// of at most 10, pacing itself to t.rate. It ends COMPLETED when the source
// has nothing visible left or toMove is reached, CANCELLED on cancel or
// server close, FAILED when a destination disappears (the message in hand
// goes back to src, so nothing is lost).
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
		msgs := s.popForMove(src, int(n))
		if len(msgs) == 0 {
			s.finishTask(t, taskCompleted, "")
			return
		}
		for i, m := range msgs {
			dest := t.destARN
			if dest == "" {
				dest = m.dlqSourceARN
			}
			if reason := s.deliverMoved(dest, m); reason != "" {
				s.returnToSource(src, msgs[i:])
				s.finishTask(t, taskFailed, reason)
				return
			}
			s.tasks.mu.Lock()
			t.moved++
			s.tasks.mu.Unlock()
		}
	}
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

// popForMove takes up to n visible messages out of src (FIFO: whole ready
// groups' heads, in order).
func (s *Server) popForMove(src *queue, n int) []*message {
	src.mu.Lock()
	defer src.mu.Unlock()
	if src.deleted {
		return nil
	}
	src.tick(s.now())
	var out []*message
	if !src.isFIFO {
		for len(out) < n {
			m := src.popVisible()
			if m == nil {
				break
			}
			src.remove(m)
			out = append(out, m)
		}
		return out
	}
	for len(out) < n {
		g := src.fifo.popReady()
		if g == nil {
			break
		}
		var batch []*message
		for i := g.head; i < len(g.msgs) && len(out)+len(batch) < n; i++ {
			m := g.msgs[i]
			if m.state == stGone {
				continue
			}
			if m.state != stVisible {
				break
			}
			batch = append(batch, m)
		}
		for _, m := range batch {
			src.remove(m)
			out = append(out, m)
		}
	}
	return out
}

// deliverMoved stores a copy of m in the queue at destARN as a new message
// there: body, attributes and group kept, receive counters reset. It
// returns a failure reason, or "".
func (s *Server) deliverMoved(destARN string, m *message) string {
	dest := s.queueByARN(destARN)
	if dest == nil {
		return "AWS.SimpleQueueService.NonExistentQueue: destination queue " + destARN + " does not exist"
	}
	now := s.now()
	dest.mu.Lock()
	defer dest.mu.Unlock()
	if dest.deleted {
		return "AWS.SimpleQueueService.NonExistentQueue: destination queue " + destARN + " does not exist"
	}
	if dest.isFIFO && m.groupID == "" {
		return "InvalidParameterValue: a message without MessageGroupId cannot move to FIFO queue " + destARN
	}
	dest.tick(now)
	c := m.copyForMove()
	c.receiveCount, c.firstReceiveAt, c.dlqSourceARN = 0, time.Time{}, ""
	c.sentAt, c.retainFrom = now, now
	if dest.isFIFO {
		c.seq = dest.fifo.nextSeq()
	}
	dest.add(c, 0, now)
	return ""
}

// returnToSource puts messages a failed task had taken back into src.
func (s *Server) returnToSource(src *queue, msgs []*message) {
	now := s.now()
	src.mu.Lock()
	defer src.mu.Unlock()
	if src.deleted {
		return
	}
	for _, m := range msgs {
		c := m.copyForMove()
		if src.isFIFO {
			c.seq = src.fifo.nextSeq()
		}
		src.add(c, 0, now)
	}
}
