package localsqs

import (
	"context"
	"encoding/json"
	"strings"
	"time"
)

func (s *Server) createQueue(_ context.Context, r *request, raw json.RawMessage) (any, error) {
	var in createQueueInput
	if err := decode(raw, &in); err != nil {
		return nil, err
	}
	if in.QueueName == "" {
		return nil, errMissingParameter("QueueName")
	}
	if !validQueueName(in.QueueName) {
		return nil, errInvalidParameterValue("Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length")
	}
	fifo := strings.HasSuffix(in.QueueName, ".fifo")
	if v, ok := in.Attributes["FifoQueue"]; ok && strings.EqualFold(v, "true") != fifo {
		return nil, errInvalidParameterValue("The name of a FIFO queue can only include alphanumeric characters, hyphens, or underscores, must end with .fifo suffix and be 1 to 80 in length.")
	}
	if fifo && !strings.EqualFold(in.Attributes["FifoQueue"], "true") {
		return nil, errInvalidParameterValue("The queue name %s is reserved for FIFO queues: set the FifoQueue attribute to true.", in.QueueName)
	}
	cfg := defaultConfig(fifo)
	if err := applyAttrs(&cfg, in.Attributes, true); err != nil {
		return nil, err
	}
	if err := validateTags(in.Tags); err != nil {
		return nil, err
	}
	arn := s.queueARN(in.QueueName)
	if cfg.redrive != nil {
		if err := s.checkRedriveTarget(arn, fifo, cfg.redrive); err != nil {
			return nil, err
		}
	}
	now := s.now()
	s.mu.Lock()
	defer s.mu.Unlock()
	if q := s.queues[in.QueueName]; q != nil {
		current := q.config()
		existing, requested := current.configAttrs(), cfg.configAttrs()
		for name := range in.Attributes {
			if existing[name] != requested[name] {
				return nil, errQueueNameExists(in.QueueName)
			}
		}
		return map[string]string{"QueueUrl": s.queueURL(in.QueueName)}, nil
	}
	q := newQueue(in.QueueName, arn, "/"+s.opts.AccountID+"/"+in.QueueName, cfg, now)
	q.stats.setRetention(s.opts.MetricsRetention)
	for k, v := range in.Tags {
		q.tags[k] = v
	}
	s.queues[in.QueueName] = q
	return map[string]string{"QueueUrl": s.queueURL(in.QueueName)}, nil
}

func (s *Server) getQueueURL(_ context.Context, r *request, raw json.RawMessage) (any, error) {
	var in getQueueURLInput
	if err := decode(raw, &in); err != nil {
		return nil, err
	}
	if in.QueueName == "" {
		return nil, errMissingParameter("QueueName")
	}
	if in.QueueOwnerAWSAccountId != "" && in.QueueOwnerAWSAccountId != s.opts.AccountID {
		return nil, errQueueDoesNotExist()
	}
	if s.queueByName(in.QueueName) == nil {
		return nil, errQueueDoesNotExist()
	}
	return map[string]string{"QueueUrl": s.queueURL(in.QueueName)}, nil
}

func (s *Server) listQueues(_ context.Context, r *request, raw json.RawMessage) (any, error) {
	var in listQueuesInput
	if err := decode(raw, &in); err != nil {
		return nil, err
	}
	page, next, err := paginate(s.sortedQueueNames(in.QueueNamePrefix), in.MaxResults, in.NextToken)
	if err != nil {
		return nil, err
	}
	out := listQueuesOutput{NextToken: next}
	for _, n := range page {
		out.QueueUrls = append(out.QueueUrls, s.queueURL(n))
	}
	return out, nil
}

func (s *Server) deleteQueue(_ context.Context, _ *request, raw json.RawMessage) (any, error) {
	var in queueURLInput
	q, err := s.decodeForQueue(raw, &in)
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	if s.queues[q.name] == q {
		delete(s.queues, q.name)
	}
	s.mu.Unlock()
	q.mu.Lock()
	q.deleted = true
	q.purge()
	q.signal() // long polls on a deleted queue return at once
	q.mu.Unlock()
	return empty{}, nil
}

func (s *Server) getQueueAttributes(_ context.Context, _ *request, raw json.RawMessage) (any, error) {
	var in getQueueAttributesInput
	q, err := s.decodeForQueue(raw, &in)
	if err != nil {
		return nil, err
	}
	q.mu.Lock()
	q.tick(s.now())
	all := q.queueAttributes()
	q.mu.Unlock()
	attrs, err := selectAttributes(all, in.AttributeNames)
	if err != nil {
		return nil, err
	}
	if len(attrs) == 0 {
		return empty{}, nil
	}
	return map[string]any{"Attributes": attrs}, nil
}

func (s *Server) setQueueAttributes(_ context.Context, _ *request, raw json.RawMessage) (any, error) {
	var in setQueueAttributesInput
	q, err := s.decodeForQueue(raw, &in)
	if err != nil {
		return nil, err
	}
	cfg := q.config()
	if err := applyAttrs(&cfg, in.Attributes, false); err != nil {
		return nil, err
	}
	if _, ok := in.Attributes["RedrivePolicy"]; ok && cfg.redrive != nil {
		if err := s.checkRedriveTarget(q.arn, q.isFIFO, cfg.redrive); err != nil {
			return nil, err
		}
	}
	q.mu.Lock()
	defer q.mu.Unlock()
	// Re-apply onto the current config so concurrent updates of other
	// attributes are not lost.
	if err := applyAttrs(&q.cfg, in.Attributes, false); err != nil {
		return nil, err
	}
	q.modifiedAt = s.now()
	q.signal() // a shorter wait or retention may change what long polls see
	return empty{}, nil
}

// purgeInterval is how often SQS lets a queue be purged.
const purgeInterval = 60 * time.Second

func (s *Server) purgeQueue(_ context.Context, _ *request, raw json.RawMessage) (any, error) {
	var in queueURLInput
	q, err := s.decodeForQueue(raw, &in)
	if err != nil {
		return nil, err
	}
	now := s.now()
	q.mu.Lock()
	defer q.mu.Unlock()
	if !q.lastPurge.IsZero() && now.Sub(q.lastPurge) < purgeInterval {
		return nil, errPurgeInProgress(q.name)
	}
	q.lastPurge = now
	q.purge()
	return empty{}, nil
}
