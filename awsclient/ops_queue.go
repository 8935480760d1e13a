package awsclient

import (
	"context"
	"sync/atomic"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sqs"

	"github.com/sqscope/sqscope/model"
)

// SetAttributes applies attrs to queueURL; see Operator. SQS, localsqs
// and moto all take an empty RedrivePolicy as "remove it".
func (s *SQS) SetAttributes(ctx context.Context, queueURL string, before, attrs map[string]string) error {
	if s.cfg.ReadOnly {
		return &ReadOnlyError{Op: "SetQueueAttributes"}
	}
	var lost atomic.Int32
	err := s.call(ctx, model.NameFromURL(queueURL), func(ctx context.Context) error {
		_, err := s.api.SetQueueAttributes(ctx, &sqs.SetQueueAttributesInput{QueueUrl: aws.String(queueURL), Attributes: attrs},
			observeAttempts(&lost))
		return err
	})
	e := s.entry("set-attributes", queueURL)
	e.Details = map[string]string{}
	for name, v := range attrs {
		e.Details["old."+name] = before[name]
		e.Details["new."+name] = v
	}
	e.Outcome = auditOK
	if err != nil {
		e.Outcome, e.Error = outcomeOf(err, int(lost.Load())), Describe(err)
	}
	return s.record(e, err)
}

// DeleteQueue deletes queueURL; see Operator. Its depth is read first for
// the audit log: the messages go with the queue.
//
// When the SDK retried a delete whose first answer was lost, SQS answers
// the retry QueueDoesNotExist: the queue is gone, by this call.
func (s *SQS) DeleteQueue(ctx context.Context, queueURL string) error {
	if s.cfg.ReadOnly {
		return &ReadOnlyError{Op: "DeleteQueue"}
	}
	depth, derr := s.depth(ctx, queueURL)
	if derr != nil && queueGone(derr) {
		return derr
	}
	var lost atomic.Int32
	err := s.call(ctx, model.NameFromURL(queueURL), func(ctx context.Context) error {
		_, err := s.api.DeleteQueue(ctx, &sqs.DeleteQueueInput{QueueUrl: aws.String(queueURL)}, observeAttempts(&lost))
		return err
	})
	e := s.depthEntry("delete-queue", queueURL, depth, derr)
	switch {
	case err == nil:
		e.Outcome = auditOK
	case queueGone(err) && lost.Load() > 0:
		e.Outcome, err = auditOK, nil
		e.Details["note"] = "the first answer was lost; the retry found the queue gone"
	default:
		e.Outcome, e.Error = outcomeOf(err, int(lost.Load())), Describe(err)
	}
	return s.record(e, err)
}
