package localsqs

import (
	"context"
	"encoding/json"
)

// maxTags is SQS's limit of tags per queue.
const maxTags = 50

func (s *Server) tagQueue(_ context.Context, _ *request, raw json.RawMessage) (any, error) {
	var in tagQueueInput
	q, err := s.decodeForQueue(raw, &in)
	if err != nil {
		return nil, err
	}
	if len(in.Tags) == 0 {
		return nil, errMissingParameter("Tags")
	}
	for k, v := range in.Tags {
		if k == "" || len(k) > 128 || len(v) > 256 {
			return nil, errInvalidParameterValue("Tag key must be 1 to 128 characters and its value at most 256.")
		}
	}
	q.mu.Lock()
	defer q.mu.Unlock()
	n := len(q.tags)
	for k := range in.Tags {
		if _, ok := q.tags[k]; !ok {
			n++
		}
	}
	if n > maxTags {
		return nil, errInvalidParameterValue("Too many tags added for queue %s.", q.name)
	}
	for k, v := range in.Tags {
		q.tags[k] = v
	}
	return empty{}, nil
}

func (s *Server) untagQueue(_ context.Context, _ *request, raw json.RawMessage) (any, error) {
	var in untagQueueInput
	q, err := s.decodeForQueue(raw, &in)
	if err != nil {
		return nil, err
	}
	if len(in.TagKeys) == 0 {
		return nil, errMissingParameter("TagKeys")
	}
	q.mu.Lock()
	defer q.mu.Unlock()
	for _, k := range in.TagKeys {
		delete(q.tags, k)
	}
	return empty{}, nil
}

func (s *Server) listQueueTags(_ context.Context, _ *request, raw json.RawMessage) (any, error) {
	var in queueURLInput
	q, err := s.decodeForQueue(raw, &in)
	if err != nil {
		return nil, err
	}
	q.mu.Lock()
	defer q.mu.Unlock()
	if len(q.tags) == 0 {
		return empty{}, nil
	}
	tags := make(map[string]string, len(q.tags))
	for k, v := range q.tags {
		tags[k] = v
	}
	return map[string]any{"Tags": tags}, nil
}
