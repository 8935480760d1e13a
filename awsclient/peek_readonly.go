package awsclient

import (
	"context"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	"github.com/aws/aws-sdk-go-v2/service/sqs/types"

	"github.com/sqscope/sqscope/model"
)

// PeekRiskError refuses a peek in read-only mode because it could move
// messages to a dead-letter queue. A peek is a receive: it raises every
// message's receive count, and SQS moves a message whose count passes the
// redrive policy's maxReceiveCount to the DLQ. The receive counts are only
// known after receiving, so in read-only mode every queue with a redrive
// policy is refused, and so is a queue whose policy could not be read.
// It matches ErrReadOnly with errors.Is.
type PeekRiskError struct {
	Queue           string // the queue not peeked (name)
	DeadLetterQueue string // its DLQ (name), when the policy names one
	MaxReceiveCount int    // the policy's; 0 when unknown
	// Err is why the policy could not be read (the redrive check failed, or
	// the policy is malformed); nil when the queue has a policy.
	Err error
}

// Error is the full explanation, for a dialog: why, and what to do.
func (e *PeekRiskError) Error() string {
	if e.Err != nil {
		return fmt.Sprintf("read-only mode: not peeking %s: its redrive policy could not be read (%s), "+
			"and if it has one, a peek (a receive) could move messages to its DLQ; "+
			"try again, or restart without --read-only to peek it and accept that risk", e.Queue, Describe(e.Err))
	}
	return fmt.Sprintf("read-only mode: not peeking %s: it has a redrive policy (maxReceiveCount %d, DLQ %s), "+
		"and a peek is a receive, so a message already received %d times would move to the DLQ; "+
		"restart without --read-only to peek it and accept that risk", e.Queue, e.MaxReceiveCount, e.dlq(), e.MaxReceiveCount)
}

// short is Describe's one status-bar line: the reason and the advice
// first, without the names, so a narrow status bar cuts nothing that
// matters (the UI knows which queue it tried to peek).
func (e *PeekRiskError) short() string {
	if e.Err != nil {
		return fmt.Sprintf("read-only: peek refused: the redrive policy could not be read (%s)", Describe(e.Err))
	}
	return fmt.Sprintf("read-only: peek refused: a receive could dead-letter messages (redrive policy, maxReceiveCount %d); "+
		"restart without --read-only to accept that risk", e.MaxReceiveCount)
}

func (e *PeekRiskError) dlq() string {
	if e.DeadLetterQueue == "" {
		return "its DLQ"
	}
	return e.DeadLetterQueue
}

func (e *PeekRiskError) Is(target error) bool { return target == ErrReadOnly }
func (e *PeekRiskError) Unwrap() error        { return e.Err }

// ReadOnlyPeekRisk is what a read-only peek of q would be refused with,
// judged from the attributes already listed (a *PeekRiskError), or nil
// when q has no redrive policy. The UI calls it in read-only mode before
// offering a peek, to say so at once instead of asking first; Peek.Next
// checks again against SQS, since the policy may have changed since.
func ReadOnlyPeekRisk(q model.Queue) error {
	switch {
	case q.RedriveErr != nil:
		return &PeekRiskError{Queue: q.Name, Err: q.RedriveErr}
	case q.Redrive != nil:
		return riskOf(q.Name, q.Redrive)
	}
	return nil
}

func riskOf(queue string, rp *model.RedrivePolicy) *PeekRiskError {
	return &PeekRiskError{Queue: queue, DeadLetterQueue: model.NameFromARN(rp.DeadLetterTargetARN), MaxReceiveCount: rp.MaxReceiveCount}
}

// clearReceives is the read-only check before a page of receives: it reads
// the queue's redrive policy from SQS and returns ctx cleared for receives
// on this queue only if there is none (see guardReceive). Done for every
// Next, not once per session, because a policy can be added meanwhile.
func (p *peekSession) clearReceives(ctx context.Context) (context.Context, error) {
	var raw string
	err := p.s.call(ctx, p.queue, func(ctx context.Context) error {
		out, err := p.s.api.GetQueueAttributes(ctx, &sqs.GetQueueAttributesInput{
			QueueUrl:       aws.String(p.url),
			AttributeNames: []types.QueueAttributeName{types.QueueAttributeNameRedrivePolicy},
		})
		if err == nil {
			raw = out.Attributes[string(types.QueueAttributeNameRedrivePolicy)]
		}
		return err
	})
	if err != nil {
		if queueGone(err) || ctx.Err() != nil {
			return ctx, err // nothing to refuse: no queue, or nobody waiting
		}
		return ctx, &PeekRiskError{Queue: p.queue, Err: err}
	}
	rp, err := model.ParseRedrivePolicy(raw)
	switch {
	case err != nil:
		return ctx, &PeekRiskError{Queue: p.queue, Err: err}
	case rp != nil:
		return ctx, riskOf(p.queue, rp)
	}
	return withReceiveClearance(ctx, p.url), nil
}
