package awsclient

import (
	"context"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	"github.com/aws/aws-sdk-go-v2/service/sqs/types"

	"github.com/sqscope/sqscope/model"
)

// The DLQ-side calls of a move: receive with a hold, extend the hold,
// delete, give back.

// moveWaitSeconds is the wait of a long poll (see polls).
const moveWaitSeconds = 1

// receive takes up to n messages from the DLQ, hidden for the hold,
// waiting up to wait seconds for them (0: a short poll).
func (m *moveRun) receive(ctx context.Context, n int, wait int32) ([]model.Message, error) {
	var out *sqs.ReceiveMessageOutput
	var lost atomic.Int32
	defer func() {
		if lost.Load() > 0 {
			m.noteLostHolds()
		}
	}()
	err := m.s.call(ctx, m.plan.dlqName, func(ctx context.Context) (err error) {
		out, err = m.s.api.ReceiveMessage(ctx, &sqs.ReceiveMessageInput{
			QueueUrl:              aws.String(m.req.SourceURL),
			MaxNumberOfMessages:   int32(n),
			VisibilityTimeout:     m.holdSec,
			WaitTimeSeconds:       wait,
			MessageAttributeNames: []string{"All"},
			MessageSystemAttributeNames: []types.MessageSystemAttributeName{
				types.MessageSystemAttributeNameAll},
			AttributeNames: []types.QueueAttributeName{types.QueueAttributeNameAll},
		}, observeAttempts(&lost))
		return err
	})
	if err != nil {
		return nil, err
	}
	msgs := make([]model.Message, len(out.Messages))
	for i, sm := range out.Messages {
		msgs[i] = messageFromSDK(sm)
	}
	return msgs, nil
}

// noteLostHolds records that a receive may have hidden messages whose
// receipt handles never arrived.
func (m *moveRun) noteLostHolds() {
	until := time.Now().Add(time.Duration(m.holdSec)*time.Second + time.Second)
	m.mu.Lock()
	defer m.mu.Unlock()
	if until.After(m.lostHolds) {
		m.lostHolds = until
	}
}

// deleteFromDLQ deletes the messages' DLQ copies, retrying entries SQS
// failed for a transient reason. It returns the ids it could not delete,
// each with its error. Deletes are not cut short by a cancel: the copies
// were sent, and leaving them would duplicate them.
func (m *moveRun) deleteFromDLQ(ctx context.Context, msgs []model.Message) map[string]error {
	entries := make([]types.DeleteMessageBatchRequestEntry, len(msgs))
	for i, msg := range msgs {
		entries[i] = types.DeleteMessageBatchRequestEntry{Id: aws.String(strconv.Itoa(i)), ReceiptHandle: aws.String(msg.ReceiptHandle)}
	}
	idOf := func(e types.DeleteMessageBatchRequestEntry) string { return aws.ToString(e.Id) }
	failed := retryBatch(context.WithoutCancel(ctx), m, "DeleteMessageBatch", m.plan.dlqName, entries, idOf, moveAttempts, nil,
		func(ctx context.Context, batch []types.DeleteMessageBatchRequestEntry) ([]string, []types.BatchResultErrorEntry, error) {
			out, err := m.s.api.DeleteMessageBatch(ctx, &sqs.DeleteMessageBatchInput{QueueUrl: aws.String(m.req.SourceURL), Entries: batch})
			if err != nil {
				return nil, nil, err
			}
			ok := make([]string, len(out.Successful))
			for i, s := range out.Successful {
				ok[i] = aws.ToString(s.Id)
			}
			return ok, out.Failed, nil
		})
	byMsg := make(map[string]error, len(failed))
	for id, err := range failed {
		byMsg[msgs[atoi(id)].ID] = err
	}
	return byMsg
}

// setVisibility changes the hold of up to maxBatch messages by receipt
// handle (0: visible now). It reports what failed; those messages become
// visible when their current hold ends, so nothing is lost either way.
func (m *moveRun) setVisibility(ctx context.Context, handles []string, seconds int32) []error {
	var errs []error
	for start := 0; start < len(handles); start += maxBatch {
		batch := handles[start:min(start+maxBatch, len(handles))]
		entries := make([]types.ChangeMessageVisibilityBatchRequestEntry, len(batch))
		for i, h := range batch {
			entries[i] = types.ChangeMessageVisibilityBatchRequestEntry{
				Id: aws.String(strconv.Itoa(i)), ReceiptHandle: aws.String(h), VisibilityTimeout: seconds,
			}
		}
		var out *sqs.ChangeMessageVisibilityBatchOutput
		err := m.s.call(context.WithoutCancel(ctx), m.plan.dlqName, func(ctx context.Context) (err error) {
			out, err = m.s.api.ChangeMessageVisibilityBatch(ctx, &sqs.ChangeMessageVisibilityBatchInput{
				QueueUrl: aws.String(m.req.SourceURL), Entries: entries,
			})
			return err
		})
		if err != nil {
			errs = append(errs, err)
			continue
		}
		for _, f := range out.Failed {
			errs = append(errs, &EntryError{Op: "ChangeMessageVisibilityBatch", Queue: m.plan.dlqName,
				Code: aws.ToString(f.Code), Message: aws.ToString(f.Message)})
		}
	}
	return errs
}

// heartbeat keeps a batch's messages hidden while the batch is being
// moved: a send that stalls in retries must not let a message come back
// into view (and be moved twice) while its copy is on the way.
type heartbeat struct {
	stop chan struct{}
	done sync.WaitGroup
	// mu is held through an extension, so that keep cannot return while
	// one that includes a dropped message is in flight.
	mu      sync.Mutex
	handles []string
}

func (m *moveRun) startHeartbeat(ctx context.Context, msgs []model.Message) *heartbeat {
	hb := &heartbeat{stop: make(chan struct{}), handles: handlesOf(msgs)}
	every := max(time.Duration(m.holdSec)*time.Second/3, 100*time.Millisecond)
	hb.done.Add(1)
	go func() {
		defer hb.done.Done()
		t := time.NewTicker(every)
		defer t.Stop()
		for {
			select {
			case <-hb.stop:
				return
			case <-t.C:
				// Failures are harmless here: a message already deleted
				// cannot be extended, and one that could not be extended
				// is caught by the journal if it comes back.
				hb.mu.Lock()
				_ = m.setVisibility(ctx, hb.handles, m.holdSec)
				hb.mu.Unlock()
			}
		}
	}()
	return hb
}

// keep narrows the heartbeat to msgs. It returns once no extension of
// the others can land, so they may be released.
func (hb *heartbeat) keep(msgs []model.Message) {
	h := handlesOf(msgs)
	hb.mu.Lock()
	hb.handles = h
	hb.mu.Unlock()
}

// end stops the heartbeat and waits for an extension in flight, so that
// no extension can land after a release.
func (hb *heartbeat) end() {
	close(hb.stop)
	hb.done.Wait()
}

func handlesOf(msgs []model.Message) []string {
	h := make([]string, len(msgs))
	for i, msg := range msgs {
		h[i] = msg.ReceiptHandle
	}
	return h
}
