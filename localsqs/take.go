package localsqs

import "time"

// verdict is what a drain callback did with the message it was handed.
type verdict uint8

const (
	taken    verdict = iota // received or moved: counts toward the limit
	consumed                // removed without counting (dead-lettered)
	stop                    // left in place; the drain ends here
)

// drain hands receivable messages to use in delivery order — a standard
// queue's visible messages, or the heads of ready FIFO groups in send order
// — until use has taken n or answers stop. use must take every message it
// does not stop at out of the visible state (receive or remove it). Both
// ReceiveMessage and move tasks go through here, so they agree on what is
// receivable and neither scans the queue. Caller holds q.mu.
func (q *queue) drain(n int, use func(*message) verdict) {
	count := 0
	if !q.isFIFO {
		for count < n {
			m := q.popVisible()
			if m == nil {
				return
			}
			switch use(m) {
			case taken:
				count++
			case stop:
				q.visible.push(m) // standard queues promise no order
				return
			}
		}
		return
	}
	for count < n {
		g := q.fifo.popReady()
		if g == nil {
			return
		}
		// Collect first: receiving or removing changes the group's list.
		var batch []*message
		for i := g.head; i < len(g.msgs) && count+len(batch) < n; i++ {
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
			switch use(m) {
			case taken:
				count++
			case stop:
				q.fifo.evaluate(g) // popReady dequeued it; it may still be ready
				return
			}
		}
	}
}

// take pops up to p.max receivable messages and marks them in flight.
// When dlq is q's live dead-letter queue, messages already received
// maxReceiveCount times are removed instead and returned as dead, for the
// caller to hand to dlq. Caller holds q.mu.
func (q *queue) take(p receiveParams, dlq *queue, now time.Time) (got, dead []*message) {
	limit := 0
	if rp := q.cfg.redrive; rp != nil && dlq != nil && rp.targetARN == dlq.arn {
		limit = rp.maxReceiveCount
	}
	q.drain(p.max, func(m *message) verdict {
		if limit > 0 && m.receiveCount >= limit {
			q.remove(m)
			dead = append(dead, m)
			return consumed
		}
		q.receiveOne(m, p.visibility, now)
		got = append(got, m)
		return taken
	})
	return got, dead
}
