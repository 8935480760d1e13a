package localsqs

import (
	"context"
	"encoding/json"
	"time"
)

// Receipt handle semantics (following SQS's documentation):
//   - DeleteMessage accepts any handle this server issued for a message of
//     this queue, even one from an earlier receive, and succeeds when the
//     message is already gone (SQS: "the request succeeds, but the message
//     might not be deleted" — here it is deleted).
//   - ChangeMessageVisibility needs the handle of the latest receive: a
//     stale one fails with InvalidParameterValue ("receipt handle has
//     expired"), a message that is not in flight with MessageNotInflight,
//     and a message that no longer exists with InvalidParameterValue.
//   - A handle that this server did not issue (its MAC does not verify,
//     see newReceiptHandle), or for another queue, is
//     ReceiptHandleIsInvalid.

// maxVisibility is how long a message may stay in flight after a receive.
const maxVisibility = 12 * time.Hour

// deleteByHandle deletes the message h names. Caller holds q.mu.
func (q *queue) deleteByHandle(h string) error {
	qname, id, ok := parseReceiptHandle(h)
	if !ok || qname != q.name {
		return errReceiptHandleIsInvalid(h)
	}
	if m := q.msgs[id]; m != nil {
		q.remove(m)
	}
	q.countDelete()
	return nil
}

// changeVisibility applies a new visibility timeout to the message h names.
// Caller holds q.mu.
func (q *queue) changeVisibility(h string, vt *int64, now time.Time) error {
	if vt == nil {
		return errMissingParameter("VisibilityTimeout")
	}
	if *vt < 0 || *vt > 43200 {
		return errInvalidParam("VisibilityTimeout", *vt, "Must be between 0 and 43200.")
	}
	qname, id, ok := parseReceiptHandle(h)
	if !ok || qname != q.name {
		return errReceiptHandleIsInvalid(h)
	}
	m := q.msgs[id]
	if m == nil {
		return errInvalidParam("ReceiptHandle", h, "Message does not exist or is not available for visibility timeout change.")
	}
	if m.state != stInflight {
		return errMessageNotInflight()
	}
	if m.handle != h {
		return errInvalidParam("ReceiptHandle", h, "The receipt handle has expired.")
	}
	// SQS caps visibility at 12 hours from the receive; extending does not
	// reset the clock.
	if now.Add(time.Duration(*vt) * time.Second).After(m.receivedAt.Add(maxVisibility)) {
		return errInvalidParam("VisibilityTimeout", *vt, "Total VisibilityTimeout for the message is beyond the limit [43200 seconds]")
	}
	if *vt == 0 {
		q.setState(m, stVisible)
		q.signal()
		return nil
	}
	m.visibleAt = now.Add(time.Duration(*vt) * time.Second)
	q.schedule(m)
	return nil
}

func (s *Server) deleteMessage(_ context.Context, _ *request, raw json.RawMessage) (any, error) {
	var in deleteMessageInput
	q, err := s.decodeForQueue(raw, &in)
	if err != nil {
		return nil, err
	}
	if in.ReceiptHandle == "" {
		return nil, errMissingParameter("ReceiptHandle")
	}
	q.mu.Lock()
	defer q.mu.Unlock()
	q.tick(s.now())
	if err := q.deleteByHandle(in.ReceiptHandle); err != nil {
		return nil, err
	}
	return empty{}, nil
}

func (s *Server) changeMessageVisibility(_ context.Context, _ *request, raw json.RawMessage) (any, error) {
	var in changeVisibilityInput
	q, err := s.decodeForQueue(raw, &in)
	if err != nil {
		return nil, err
	}
	if in.ReceiptHandle == "" {
		return nil, errMissingParameter("ReceiptHandle")
	}
	now := s.now()
	q.mu.Lock()
	defer q.mu.Unlock()
	q.tick(now)
	if err := q.changeVisibility(in.ReceiptHandle, in.VisibilityTimeout, now); err != nil {
		return nil, err
	}
	return empty{}, nil
}

func (s *Server) deleteMessageBatch(_ context.Context, _ *request, raw json.RawMessage) (any, error) {
	return s.handleBatch(raw, func(q *queue, e handleBatchEntry, _ time.Time) error {
		if e.ReceiptHandle == "" {
			return errMissingParameter("ReceiptHandle")
		}
		return q.deleteByHandle(e.ReceiptHandle)
	})
}

func (s *Server) changeMessageVisibilityBatch(_ context.Context, _ *request, raw json.RawMessage) (any, error) {
	return s.handleBatch(raw, func(q *queue, e handleBatchEntry, now time.Time) error {
		if e.ReceiptHandle == "" {
			return errMissingParameter("ReceiptHandle")
		}
		// Required, like the single call's: the Go SDK always sends it,
		// even 0, so a request without it is an error, never a reset.
		return q.changeVisibility(e.ReceiptHandle, e.VisibilityTimeout, now)
	})
}

// handleBatch runs apply on each entry of a receipt-handle batch under one
// lock, reporting failures per entry with HTTP 200 as SQS does.
func (s *Server) handleBatch(raw json.RawMessage, apply func(*queue, handleBatchEntry, time.Time) error) (any, error) {
	var in handleBatchInput
	q, err := s.decodeForQueue(raw, &in)
	if err != nil {
		return nil, err
	}
	ids := make([]string, len(in.Entries))
	for i, e := range in.Entries {
		ids[i] = e.Id
	}
	if err := checkBatchIDs(ids); err != nil {
		return nil, err
	}
	out := handleBatchOutput{Successful: []idResult{}, Failed: []batchError{}}
	now := s.now()
	q.mu.Lock()
	defer q.mu.Unlock()
	q.tick(now)
	for _, e := range in.Entries {
		if err := apply(q, e, now); err != nil {
			out.Failed = append(out.Failed, toBatchError(e.Id, err))
			continue
		}
		out.Successful = append(out.Successful, idResult{Id: e.Id})
	}
	return out, nil
}

func toBatchError(id string, err error) batchError {
	ae, ok := err.(*apiError)
	if !ok {
		ae = errInternal(err.Error())
	}
	return batchError{Id: id, SenderFault: ae.status < 500, Code: ae.shape, Message: ae.msg}
}
