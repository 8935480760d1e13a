package localsqs

import (
	"context"
	"encoding/json"
	"time"
)

// maxInflight is SQS's cap on in-flight messages per queue; receiving past
// it fails with OverLimit.
const maxInflight = 120_000

// receiveParams are a ReceiveMessage request's validated settings.
type receiveParams struct {
	max        int
	visibility time.Duration
	wait       time.Duration
	sysAttrs   attrSelector
	msgAttrs   []string
}

func (s *Server) receiveMessage(ctx context.Context, _ *request, raw json.RawMessage) (any, error) {
	var in receiveMessageInput
	if err := decode(raw, &in); err != nil {
		return nil, err
	}
	q, err := s.queueForURL(in.QueueUrl)
	if err != nil {
		return nil, err
	}
	q.mu.Lock()
	cfg := q.cfg
	q.mu.Unlock()
	p, err := receiveSettings(&in, cfg)
	if err != nil {
		return nil, err
	}
	return s.receiveLoop(ctx, q, p)
}

func receiveSettings(in *receiveMessageInput, cfg queueConfig) (receiveParams, error) {
	p := receiveParams{
		max:        1,
		visibility: time.Duration(cfg.visibility) * time.Second,
		wait:       time.Duration(cfg.receiveWait) * time.Second,
		sysAttrs:   newAttrSelector(append(append([]string(nil), in.AttributeNames...), in.MessageSystemAttributeNames...)),
		msgAttrs:   in.MessageAttributeNames,
	}
	if in.MaxNumberOfMessages != nil {
		n := *in.MaxNumberOfMessages
		if n < 1 || n > 10 {
			return p, errInvalidParam("MaxNumberOfMessages", n, "Must be between 1 and 10, if provided.")
		}
		p.max = int(n)
	}
	if in.VisibilityTimeout != nil {
		v := *in.VisibilityTimeout
		if v < 0 || v > 43200 {
			return p, errInvalidParam("VisibilityTimeout", v, "Must be between 0 and 43200, if provided.")
		}
		p.visibility = time.Duration(v) * time.Second
	}
	if in.WaitTimeSeconds != nil {
		w := *in.WaitTimeSeconds
		if w < 0 || w > 20 {
			return p, errInvalidParam("WaitTimeSeconds", w, "Must be >= 0 and <= 20, if provided.")
		}
		p.wait = time.Duration(w) * time.Second
	}
	return p, nil
}

// receiveLoop receives, and while nothing is available and the wait time is
// not over, sleeps until a send (or visibility change) signals the queue or
// the next delayed/in-flight message is due. It never polls.
func (s *Server) receiveLoop(ctx context.Context, q *queue, p receiveParams) (any, error) {
	deadline := time.Now().Add(p.wait)
	var timer *time.Timer
	defer func() {
		if timer != nil {
			timer.Stop()
		}
	}()
	for {
		now := s.now()
		q.mu.Lock()
		if q.deleted {
			q.mu.Unlock()
			return nil, errQueueDoesNotExist()
		}
		q.tick(now)
		if q.nInflight >= maxInflight {
			q.mu.Unlock()
			return nil, errOverLimit("Too many messages in flight: the queue holds 120000 in-flight messages.")
		}
		got, dead := s.take(q, p, now)
		out := receiveMessageOutput{}
		for _, m := range got {
			out.Messages = append(out.Messages, renderMessage(m, p))
		}
		if p.visibility == 0 {
			for _, m := range got {
				q.setState(m, stVisible)
			}
		}
		var dlqARN string
		if len(dead) > 0 {
			dlqARN = q.cfg.redrive.targetARN
		}
		wait := time.Until(deadline)
		var ch <-chan struct{}
		if len(got) == 0 && wait > 0 {
			ch = q.waitChan()
			if due, ok := q.nextDue(); ok {
				wait = min(wait, max(due.Sub(now), time.Millisecond))
			}
		}
		q.mu.Unlock()
		if len(dead) > 0 {
			s.deadLetter(q, dlqARN, dead)
		}
		if ch == nil {
			if len(got) == 0 && len(dead) > 0 && time.Until(deadline) > 0 {
				continue // dead-lettering may have uncovered receivable messages
			}
			return out, nil
		}
		if timer == nil {
			timer = time.NewTimer(wait)
		} else {
			timer.Reset(wait)
		}
		select {
		case <-ch:
		case <-timer.C:
		case <-ctx.Done():
			return receiveMessageOutput{}, nil
		case <-s.closed:
			return receiveMessageOutput{}, nil
		}
	}
}

// take pops up to p.max receivable messages and marks them in flight.
// Messages already received maxReceiveCount times are removed instead and
// returned as dead, for the caller to hand to the DLQ. Caller holds q.mu.
func (s *Server) take(q *queue, p receiveParams, now time.Time) (got, dead []*message) {
	limit := 0
	if rp := q.cfg.redrive; rp != nil {
		limit = rp.maxReceiveCount
	}
	consider := func(m *message) {
		if limit > 0 && m.receiveCount >= limit {
			q.remove(m)
			dead = append(dead, m)
			return
		}
		q.receiveOne(m, p.visibility, now)
		got = append(got, m)
	}
	if !q.isFIFO {
		for len(got) < p.max {
			m := q.popVisible()
			if m == nil {
				break
			}
			consider(m)
		}
		return got, dead
	}
	for len(got) < p.max {
		g := q.fifo.popReady()
		if g == nil {
			break
		}
		// Collect first: receiving or removing changes the group's list.
		var batch []*message
		for i := g.head; i < len(g.msgs) && len(got)+len(batch) < p.max; i++ {
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
			consider(m)
		}
	}
	return got, dead
}
