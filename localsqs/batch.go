package localsqs

import (
	"context"
	"encoding/json"
)

func (s *Server) sendMessageBatch(_ context.Context, r *request, raw json.RawMessage) (any, error) {
	var in sendBatchInput
	q, err := s.decodeForQueue(raw, &in)
	if err != nil {
		return nil, err
	}
	ids := make([]string, len(in.Entries))
	total := 0
	for i, e := range in.Entries {
		ids[i] = e.Id
		if e.MessageBody != nil {
			total += len(*e.MessageBody)
		}
		for name, v := range e.MessageAttributes {
			total += attrSize(name, v)
		}
	}
	if err := checkBatchIDs(ids); err != nil {
		return nil, err
	}
	if total > maxMessageSize {
		return nil, errBatchRequestTooLong(total)
	}
	out := sendBatchOutput{Successful: []sendBatchResult{}, Failed: []batchError{}}
	msgs := make([]*message, len(in.Entries))
	for i := range in.Entries {
		m, err := buildMessage(&in.Entries[i].sendMessageInput, r.sender)
		if err != nil {
			out.Failed = append(out.Failed, toBatchError(in.Entries[i].Id, err))
			continue
		}
		msgs[i] = m
	}
	q.mu.Lock()
	defer q.mu.Unlock()
	for i, e := range in.Entries {
		if msgs[i] == nil {
			continue
		}
		res, err := s.enqueue(q, msgs[i], &in.Entries[i].sendMessageInput)
		if err != nil {
			if ae, ok := err.(*apiError); ok && ae.shape == "QueueDoesNotExist" {
				return nil, err
			}
			out.Failed = append(out.Failed, toBatchError(e.Id, err))
			continue
		}
		out.Successful = append(out.Successful, sendBatchResult{Id: e.Id, sendMessageOutput: res})
	}
	return out, nil
}
