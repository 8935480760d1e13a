package awsclient

import (
	"context"
	"errors"
	"strconv"
	"sync/atomic"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	"github.com/aws/aws-sdk-go-v2/service/sqs/types"

	"github.com/sqscope/sqscope/model"
)

// ErrNoReceiptHandle is a message DeleteMessages was given without the
// receipt handle of a receive (released, or never received): SQS deletes
// only by handle, and sqscope never guesses one.
var ErrNoReceiptHandle = errors.New("no receipt handle: the message is not held by a receive (peek it again)")

// DeleteMessages deletes msgs by their receipt handles; see Operator.
//
// Only the handle each message came with is ever sent. A retry (by the
// SDK, or of an entry failed as a server fault) uses that same handle;
// when an earlier attempt may have deleted the message, a refusal of the
// retry (the handle no longer valid) says nothing, and the message is
// reported Unknown rather than Failed.
func (s *SQS) DeleteMessages(ctx context.Context, queueURL string, msgs []model.Message) (DeleteReport, error) {
	if s.cfg.ReadOnly {
		return DeleteReport{}, &ReadOnlyError{Op: "DeleteMessageBatch"}
	}
	var rep DeleteReport
	fail := func(id string, err error) {
		if rep.Failed == nil {
			rep.Failed = map[string]error{}
		}
		rep.Failed[id] = err
	}
	// One entry per message id: two handles of one message would delete
	// it once and fail the other.
	var todo []model.Message
	seen := map[string]bool{}
	for _, m := range msgs {
		switch {
		case seen[m.ID]:
			continue
		case m.ReceiptHandle == "":
			fail(m.ID, ErrNoReceiptHandle)
		default:
			todo = append(todo, m)
		}
		seen[m.ID] = true
	}
	var stop error
	tried := false
	for start := 0; start < len(todo); start += maxBatch {
		batch := todo[start:min(start+maxBatch, len(todo))]
		if stop == nil && ctx.Err() != nil {
			stop = ctx.Err()
		}
		if stop != nil {
			for _, m := range batch {
				fail(m.ID, &NotTriedError{Cause: stop})
			}
			continue
		}
		tried = true
		if err := s.deleteBatch(ctx, queueURL, batch, &rep, fail); err != nil && queueGone(err) {
			stop = err
		}
	}
	var err error
	if stop != nil && len(rep.Deleted) == 0 && len(rep.Unknown) == 0 {
		err = stop
	}
	if !tried {
		return rep, err // nothing was sent: nothing to record
	}
	rep.AuditErr = s.auditDelete(queueURL, msgs, rep)
	return rep, err
}

func (s *SQS) deleteBatch(ctx context.Context, queueURL string, batch []model.Message, rep *DeleteReport, fail func(string, error)) error {
	ids := make([]string, len(batch))
	handle := make(map[string]string, len(batch))
	for k, m := range batch {
		ids[k] = strconv.Itoa(k)
		handle[ids[k]] = m.ReceiptHandle
	}
	outs, err := s.runBatch(ctx, "DeleteMessageBatch", queueURL, ids,
		func(ctx context.Context, ids []string, lost *atomic.Int32) (map[string]string, []types.BatchResultErrorEntry, error) {
			entries := make([]types.DeleteMessageBatchRequestEntry, len(ids))
			for k, id := range ids {
				entries[k] = types.DeleteMessageBatchRequestEntry{Id: aws.String(id), ReceiptHandle: aws.String(handle[id])}
			}
			out, err := s.api.DeleteMessageBatch(ctx, &sqs.DeleteMessageBatchInput{QueueUrl: aws.String(queueURL), Entries: entries},
				observeAttempts(lost))
			if err != nil {
				return nil, nil, err
			}
			ok := make(map[string]string, len(out.Successful))
			for _, e := range out.Successful {
				ok[aws.ToString(e.Id)] = ""
			}
			return ok, out.Failed, nil
		})
	for k, m := range batch {
		switch o := outs[ids[k]]; {
		case o.ok:
			rep.Deleted = append(rep.Deleted, m.ID)
		case o.reached > 0:
			rep.Unknown = append(rep.Unknown, m.ID)
		default:
			fail(m.ID, o.err)
		}
	}
	return err
}
