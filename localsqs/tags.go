package localsqs

import (
	"context"
	"encoding/json"
	"strings"
	"unicode"
	"unicode/utf8"
)

// maxTags is SQS's limit of tags per queue.
const maxTags = 50

// validateTags applies AWS's tag rules: a key of 1 to 128 characters, a
// value of at most 256, both made only of letters, digits, spaces and
// _ . : / = + - @ (the pattern ^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$). So no control
// character or bidi override ever comes back from ListQueueTags.
func validateTags(tags map[string]string) error {
	if len(tags) > maxTags {
		return errInvalidParameterValue("Too many tags: %d, at most %d per queue.", len(tags), maxTags)
	}
	for k, v := range tags {
		if k == "" || utf8.RuneCountInString(k) > 128 || utf8.RuneCountInString(v) > 256 {
			return errInvalidParameterValue("Tag key must be 1 to 128 characters and its value at most 256.")
		}
		if !validTagText(k) || !validTagText(v) {
			return errInvalidParameterValue("Tag keys and values may only contain unicode letters, digits, whitespace, or one of these symbols: _ . : / = + - @")
		}
	}
	return nil
}

func validTagText(s string) bool {
	for _, r := range s {
		if !unicode.In(r, unicode.L, unicode.Z, unicode.N) && !strings.ContainsRune("_.:/=+-@", r) {
			return false
		}
	}
	return true
}

func (s *Server) tagQueue(_ context.Context, _ *request, raw json.RawMessage) (any, error) {
	var in tagQueueInput
	q, err := s.decodeForQueue(raw, &in)
	if err != nil {
		return nil, err
	}
	if len(in.Tags) == 0 {
		return nil, errMissingParameter("Tags")
	}
	if err := validateTags(in.Tags); err != nil {
		return nil, err
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
