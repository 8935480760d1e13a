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
	q, err := s.decodeForQueue(raw, &in)
	if err != nil {
		return nil, err
	}
	p, err := receiveSettings(&in, q.config())
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
// not over, sleeps until the queue is signalled (see queue.signal and
// queue.schedule) or the next delayed or in-flight message is due, so a
// long poll costs nothing while it waits. take looks past dead-lettered
// messages, so finding nothing means nothing is receivable yet.
func (s *Server) receiveLoop(ctx context.Context, q *queue, p receiveParams) (any, error) {
	deadline := time.Now().Add(p.wait)
	var timer *time.Timer
	defer func() {
		if timer != nil {
			timer.Stop()
		}
	}()
	for {
		dlq := s.redriveTarget(q)
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
		got, dead := q.take(p, dlq, now)
		// One reading of the deadline decides both whether this receive
		// waits and whether it counts as empty: two readings could
		// disagree, and an empty receive go uncounted.
		wait := time.Until(deadline)
		q.countReceive(len(got), wait > 0)
		out := receiveMessageOutput{}
		for _, m := range got {
			out.Messages = append(out.Messages, renderMessage(m, p))
		}
		if p.visibility == 0 {
			for _, m := range got {
				q.setState(m, stVisible)
			}
		}
		var ch <-chan struct{}
		if len(got) == 0 && wait > 0 {
			ch = q.waitChan()
			if due, ok := q.nextDue(); ok {
				wait = min(wait, max(due.Sub(now), time.Millisecond))
			}
		}
		q.mu.Unlock()
		if len(dead) > 0 {
			s.deadLetter(q, dlq, dead)
		}
		if ch == nil {
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
