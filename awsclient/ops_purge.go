package awsclient

import (
	"context"
	"errors"
	"strconv"
	"sync/atomic"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	"github.com/aws/aws-sdk-go-v2/service/sqs/types"
	"github.com/aws/smithy-go"

	"github.com/sqscope/sqscope/audit"
	"github.com/sqscope/sqscope/model"
)

// PurgeInProgressError is SQS's PurgeQueueInProgress. It matches
// ErrPurgeInProgress (errors.Is) and, through Unwrap, SQS's own error
// (*types.PurgeQueueInProgress where the SDK recognises it), whose text
// Error keeps.
type PurgeInProgressError struct{ Err error }

func (e *PurgeInProgressError) Error() string {
	var apiErr smithy.APIError
	if errors.As(e.Err, &apiErr) && apiErr.ErrorMessage() != "" {
		return ErrPurgeInProgress.Error() + " (SQS: " + apiErr.ErrorMessage() + ")"
	}
	return ErrPurgeInProgress.Error()
}

func (e *PurgeInProgressError) Unwrap() error { return e.Err }

// Is makes errors.Is(err, ErrPurgeInProgress) true.
func (e *PurgeInProgressError) Is(target error) bool { return target == ErrPurgeInProgress }

func isPurgeInProgress(err error) bool {
	var typed *types.PurgeQueueInProgress
	if errors.As(err, &typed) {
		return true
	}
	var apiErr smithy.APIError
	return errors.As(err, &apiErr) &&
		(apiErr.ErrorCode() == "AWS.SimpleQueueService.PurgeQueueInProgress" || apiErr.ErrorCode() == "PurgeQueueInProgress")
}

// Purge purges queueURL; see Operator. The depth is read first, for the
// audit log: a purge's answer says nothing of how much it deleted.
//
// When the SDK retried a purge whose first answer was lost, SQS answers
// the retry PurgeQueueInProgress: the purge in progress is this one, so
// that answer is success (the audit line says how it was known).
func (s *SQS) Purge(ctx context.Context, queueURL string) error {
	if s.cfg.ReadOnly {
		return &ReadOnlyError{Op: "PurgeQueue"}
	}
	queue := model.NameFromURL(queueURL)
	depth, derr := s.depth(ctx, queueURL)
	if derr != nil && queueGone(derr) {
		return derr
	}
	var lost atomic.Int32
	err := s.call(ctx, queue, func(ctx context.Context) error {
		_, err := s.api.PurgeQueue(ctx, &sqs.PurgeQueueInput{QueueUrl: aws.String(queueURL)}, observeAttempts(&lost))
		return err
	})
	e := s.depthEntry("purge", queueURL, depth, derr)
	switch {
	case err == nil:
		e.Outcome = auditOK
	case isPurgeInProgress(err) && lost.Load() > 0:
		e.Outcome, err = auditOK, nil
		e.Details["note"] = "the first answer was lost; the retry found this purge in progress"
	case isPurgeInProgress(err):
		err = &PurgeInProgressError{Err: err}
		e.Outcome, e.Error = auditFailed, err.Error()
	default:
		e.Outcome, e.Error = outcomeOf(err, int(lost.Load())), Describe(err)
	}
	return s.record(e, err)
}

// queueDepth is a queue's message counts, as GetQueueAttributes has them.
type queueDepth struct{ visible, notVisible, delayed int }

func (d queueDepth) total() int { return d.visible + d.notVisible + d.delayed }

func (d queueDepth) String() string {
	return strconv.Itoa(d.visible) + " visible, " + strconv.Itoa(d.notVisible) + " in flight, " + strconv.Itoa(d.delayed) + " delayed"
}

// depthEntry is an audit line for op on queueURL that records the depth
// read before it (what a purge or a queue's deletion took with it), or
// why it is unknown.
func (s *SQS) depthEntry(op, queueURL string, depth queueDepth, derr error) audit.Entry {
	e := s.entry(op, queueURL)
	e.Details = map[string]string{}
	if derr != nil {
		e.Details["depth"] = "unknown: " + Describe(derr)
	} else {
		e.Count = depth.total()
		e.Details["depth"] = depth.String()
	}
	return e
}

func (s *SQS) depth(ctx context.Context, queueURL string) (queueDepth, error) {
	var out *sqs.GetQueueAttributesOutput
	err := s.call(ctx, model.NameFromURL(queueURL), func(ctx context.Context) (err error) {
		out, err = s.api.GetQueueAttributes(ctx, &sqs.GetQueueAttributesInput{
			QueueUrl: aws.String(queueURL),
			AttributeNames: []types.QueueAttributeName{types.QueueAttributeNameApproximateNumberOfMessages,
				types.QueueAttributeNameApproximateNumberOfMessagesNotVisible, types.QueueAttributeNameApproximateNumberOfMessagesDelayed},
		})
		return err
	})
	if err != nil {
		return queueDepth{}, err
	}
	return queueDepth{
		visible:    atoi(out.Attributes["ApproximateNumberOfMessages"]),
		notVisible: atoi(out.Attributes["ApproximateNumberOfMessagesNotVisible"]),
		delayed:    atoi(out.Attributes["ApproximateNumberOfMessagesDelayed"]),
	}, nil
}
