package awsclient

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"sync/atomic"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	"github.com/aws/aws-sdk-go-v2/service/sqs/types"

	"github.com/sqscope/sqscope/model"
)

// NotTriedError is a message or a delete never sent because an earlier
// request showed it could not succeed (the queue is gone) or the caller
// stopped.
type NotTriedError struct{ Cause error }

func (e *NotTriedError) Error() string { return "not tried: " + e.Cause.Error() }
func (e *NotTriedError) Unwrap() error { return e.Cause }

// Send sends msgs; see Operator.
//
// The SDK retries a request whose answer was lost, and on a standard
// queue each attempt that reached SQS stored the batch: those entries are
// reported PossibleDuplicate (sent, perhaps twice), or Unknown when no
// attempt was answered. A FIFO queue drops a repeat of the same
// deduplication id (or body, with content-based deduplication) within 5
// minutes, so there a retry duplicates nothing.
func (s *SQS) Send(ctx context.Context, queueURL string, msgs []model.Outgoing) (SendReport, error) {
	if s.cfg.ReadOnly {
		return SendReport{}, &ReadOnlyError{Op: "SendMessageBatch"}
	}
	rep := SendReport{Results: make([]SendResult, len(msgs))}
	if len(msgs) == 0 {
		return rep, nil
	}
	fifo := strings.HasSuffix(queueURL, ".fifo")
	// SQS's own checks first, so that a message it would refuse fails
	// alone, with a sentence naming the field, and never takes a batch
	// down with it. Whether a FIFO queue deduplicates by content is the
	// queue's to know: a missing deduplication id is left to SQS.
	rules := model.SendRules{FIFO: fifo, ContentDedup: true}
	var valid []int
	// broken: FIFO groups with a message not sent, by its index. Their
	// later messages are not sent either, so what arrives of a group
	// arrives in order.
	broken := map[string]int{}
	for i, m := range msgs {
		if err := m.Validate(rules); err != nil {
			rep.Results[i].Err = &InvalidMessageError{Err: err}
			if _, ok := broken[m.GroupID]; fifo && !ok {
				broken[m.GroupID] = i
			}
			continue
		}
		valid = append(valid, i)
	}
	var stop error
	tried := false
	for _, batch := range sendBatches(msgs, valid) {
		if stop == nil && ctx.Err() != nil {
			stop = ctx.Err()
		}
		if stop != nil {
			for _, i := range batch {
				rep.Results[i].Err = &NotTriedError{Cause: stop}
			}
			continue
		}
		if fifo {
			batch = holdBroken(msgs, batch, broken, rep.Results)
			if len(batch) == 0 {
				continue
			}
		}
		tried = true
		if err := s.sendBatch(ctx, queueURL, fifo, msgs, batch, rep.Results); err != nil && queueGone(err) {
			stop = err
		}
		for _, i := range batch {
			if _, ok := broken[msgs[i].GroupID]; fifo && !ok && rep.Results[i].Err != nil {
				broken[msgs[i].GroupID] = i
			}
		}
	}
	var err error
	if c := rep.count(); !tried || (stop != nil && c.sent == 0 && c.unknown == 0) {
		err = stop
	}
	if !tried {
		return rep, err // nothing was sent: nothing to record
	}
	rep.AuditErr = s.auditSend(queueURL, rep)
	return rep, err
}

// sendBatches groups the messages at idx into batches of at most 10
// entries and 1 MiB of payload, in order. A message too large on its own
// goes alone, so that SQS's refusal of it fails no other.
func sendBatches(msgs []model.Outgoing, idx []int) [][]int {
	var out [][]int
	var cur []int
	size := 0
	for _, i := range idx {
		n := msgs[i].Size()
		if len(cur) > 0 && (len(cur) == maxBatch || size+n > maxBatchBytes) {
			out = append(out, cur)
			cur, size = nil, 0
		}
		cur = append(cur, i)
		size += n
	}
	if len(cur) > 0 {
		out = append(out, cur)
	}
	return out
}

// holdBroken drops from batch the messages of broken FIFO groups, each
// with its reason.
func holdBroken(msgs []model.Outgoing, batch []int, broken map[string]int, res []SendResult) []int {
	kept := batch[:0:0]
	for _, i := range batch {
		g := msgs[i].GroupID
		if first, ok := broken[g]; ok && i > first {
			res[i].Err = &NotTriedError{Cause: fmt.Errorf("an earlier message of FIFO group %q was not sent, and this one would have overtaken it", g)}
			continue
		}
		kept = append(kept, i)
	}
	return kept
}

// InvalidMessageError is a message not sent because SQS would refuse it
// (model.Outgoing.Validate says why).
type InvalidMessageError struct{ Err error }

func (e *InvalidMessageError) Error() string { return "not sent: " + e.Err.Error() }
func (e *InvalidMessageError) Unwrap() error { return e.Err }

// sendBatch sends the messages at idx as one batch and fills their
// results. When SQS refuses the request as a whole for the sender's
// fault, each message is tried alone, so one bad message fails alone.
func (s *SQS) sendBatch(ctx context.Context, queueURL string, fifo bool, msgs []model.Outgoing, idx []int, res []SendResult) error {
	ids := make([]string, len(idx))
	byID := make(map[string]types.SendMessageBatchRequestEntry, len(idx))
	for k, i := range idx {
		ids[k] = strconv.Itoa(k)
		byID[ids[k]] = outgoingEntry(ids[k], msgs[i])
	}
	outs, err := s.runBatch(ctx, "SendMessageBatch", queueURL, ids,
		func(ctx context.Context, ids []string, lost *atomic.Int32) (map[string]string, []types.BatchResultErrorEntry, error) {
			entries := make([]types.SendMessageBatchRequestEntry, len(ids))
			for k, id := range ids {
				entries[k] = byID[id]
			}
			out, err := s.api.SendMessageBatch(ctx, &sqs.SendMessageBatchInput{QueueUrl: aws.String(queueURL), Entries: entries},
				observeAttempts(lost))
			if err != nil {
				return nil, nil, err
			}
			ok := make(map[string]string, len(out.Successful))
			for _, e := range out.Successful {
				ok[aws.ToString(e.Id)] = aws.ToString(e.MessageId)
			}
			return ok, out.Failed, nil
		})
	if err != nil && len(idx) > 1 && refusedWhole(err, maxReached(outs)) {
		for _, i := range idx {
			if e := s.sendBatch(ctx, queueURL, fifo, msgs, []int{i}, res); e != nil && queueGone(e) {
				return e
			}
		}
		return nil
	}
	for k, i := range idx {
		o := outs[ids[k]]
		r := SendResult{MessageID: o.result}
		if o.ok {
			r.PossibleDuplicate = o.reached > 0 && !fifo
		} else {
			r.Err, r.Unknown = o.err, o.reached > 0
		}
		res[i] = r
	}
	return err
}

func maxReached(outs map[string]*entryOutcome) int {
	n := 0
	for _, o := range outs {
		n = max(n, o.reached)
	}
	return n
}

// outgoingEntry is m as a batch entry: every attribute with its exact
// data type (Binary ones as bytes), the delay and the FIFO ids.
func outgoingEntry(id string, m model.Outgoing) types.SendMessageBatchRequestEntry {
	e := types.SendMessageBatchRequestEntry{Id: aws.String(id), MessageBody: aws.String(m.Body)}
	e.MessageAttributes = wireAttributes(m.Attributes)
	if m.DelaySeconds > 0 {
		e.DelaySeconds = int32(m.DelaySeconds)
	}
	if m.GroupID != "" {
		e.MessageGroupId = aws.String(m.GroupID)
	}
	if m.DedupID != "" {
		e.MessageDeduplicationId = aws.String(m.DedupID)
	}
	return e
}

// sendCounts tallies a SendReport.
type sendCounts struct{ sent, failed, unknown, duplicates int }

func (r SendReport) count() sendCounts {
	var c sendCounts
	for _, res := range r.Results {
		switch {
		case res.Err == nil:
			c.sent++
			if res.PossibleDuplicate {
				c.duplicates++
			}
		case res.Unknown:
			c.unknown++
		default:
			c.failed++
		}
	}
	return c
}

func (c sendCounts) String() string {
	return fmt.Sprintf("%d sent, %d failed, %d unknown, %d possibly duplicated", c.sent, c.failed, c.unknown, c.duplicates)
}
