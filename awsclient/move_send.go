package awsclient

import (
	"context"
	"errors"
	"net/http/httptrace"
	"strconv"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	"github.com/aws/aws-sdk-go-v2/service/sqs/types"
	"github.com/aws/smithy-go/middleware"

	"github.com/sqscope/sqscope/model"
)

// maxBatchBytes is SQS's limit on one batch's total payload.
const maxBatchBytes = 1 << 20

// moveSendAttempts bounds how often one message is tried. The SDK does
// not retry a send on its own (see noSDKRetries), so this is every
// attempt.
const moveSendAttempts = 10

// outgoing is one DLQ message on its way to its destination.
type outgoing struct {
	msg  model.Message
	dest destQueue
	// prior: attempts an interrupted move journaled for it and never saw
	// answered; each may have stored a copy.
	prior int
	// unknown: attempts of this move whose outcome for it is unknown (no
	// answer, a 5xx, throttled, failed as a server fault, missing from
	// the answer); each may have stored a copy.
	unknown     int
	first, last time.Time // its first and latest attempt, over all moves
	err         error     // nil once the destination accepted it
}

// sendAll sends every message to its destination in batches of at most
// 10 entries and 1 MiB, in order within a destination (FIFO groups keep
// their order).
func (m *moveRun) sendAll(ctx context.Context, outs []*outgoing) {
	var order []string
	byDest := map[string][]*outgoing{}
	for _, o := range outs {
		if _, ok := byDest[o.dest.url]; !ok {
			order = append(order, o.dest.url)
		}
		byDest[o.dest.url] = append(byDest[o.dest.url], o)
	}
	for _, url := range order {
		pending := byDest[url]
		// broken: FIFO groups with a message that could not be sent, and
		// why. Their later messages stay in the DLQ, so the group's order
		// survives.
		broken := map[string]error{}
		for len(pending) > 0 {
			var batch []*outgoing
			size := 0
			for len(pending) > 0 && len(batch) < maxBatch && (len(batch) == 0 || size+pending[0].msg.Size() <= maxBatchBytes) {
				o := pending[0]
				pending = pending[1:]
				if why := broken[o.msg.GroupID]; o.dest.fifo && why != nil {
					o.err = &GroupHeldError{Group: o.msg.GroupID, Queue: model.NameFromURL(url)}
					if errors.Is(why, errMoveCancelled) {
						o.err = errMoveCancelled // a stop, not a failure: released unmoved
					}
					continue
				}
				size += o.msg.Size()
				batch = append(batch, o)
			}
			if len(batch) == 0 {
				continue
			}
			m.sendBatch(ctx, batch[0].dest, batch)
			for _, o := range batch {
				if o.dest.fifo && o.err != nil && broken[o.msg.GroupID] == nil {
					broken[o.msg.GroupID] = o.err
				}
			}
		}
	}
}

// sendBatch sends one batch, retrying failed entries; each outgoing gets
// its final err and the count of its attempts whose outcome is unknown.
// Every retry is journaled before it is made, so that a crash leaves on
// record every attempt that may have stored a copy. Retries stop when ctx
// is cancelled; a request already on the wire is finished.
func (m *moveRun) sendBatch(ctx context.Context, dest destQueue, batch []*outgoing) {
	entries := make([]types.SendMessageBatchRequestEntry, len(batch))
	for i, o := range batch {
		entries[i] = sendEntry(strconv.Itoa(i), o.msg, dest.fifo)
	}
	of := func(id string) *outgoing {
		if n, err := strconv.Atoi(id); err == nil && n >= 0 && n < len(batch) {
			return batch[n]
		}
		return nil
	}
	// okAt[i] is the attempt (1-based) on which entry i was accepted.
	okAt, attempt := make([]int, len(batch)), 0
	idOf := func(e types.SendMessageBatchRequestEntry) string { return aws.ToString(e.Id) }
	failed := retryBatch(context.WithoutCancel(ctx), m, "SendMessageBatch", model.NameFromURL(dest.url), entries, idOf,
		moveSendAttempts, ctx.Done(),
		func(ctx context.Context, b []types.SendMessageBatchRequestEntry) ([]string, []types.BatchResultErrorEntry, error) {
			attempt++
			pend := make([]*outgoing, 0, len(b))
			for _, e := range b {
				pend = append(pend, of(aws.ToString(e.Id)))
			}
			if attempt > 1 {
				if err := m.j.record("sending", items(pend), true); err != nil {
					return nil, nil, &journalError{err}
				}
			}
			now := time.Now()
			for _, o := range pend {
				if o.first.IsZero() {
					o.first = now
				}
				o.last = now
			}
			var reached atomic.Int32
			out, err := m.s.api.SendMessageBatch(ctx, &sqs.SendMessageBatchInput{
				QueueUrl: aws.String(dest.url), Entries: b,
			}, observeAttempts(&reached), noSDKRetries)
			if n := int(reached.Load()); n > 0 || (err != nil && throttled(err)) {
				for _, o := range pend {
					o.unknown += max(n, 1)
				}
			}
			if err != nil {
				return nil, nil, err
			}
			answered := map[string]bool{}
			ok := make([]string, len(out.Successful))
			for i, s := range out.Successful {
				ok[i] = aws.ToString(s.Id)
				answered[ok[i]] = true
				if n, err := strconv.Atoi(ok[i]); err == nil && n >= 0 && n < len(okAt) && okAt[n] == 0 {
					okAt[n] = attempt
				}
			}
			for _, f := range out.Failed {
				id := aws.ToString(f.Id)
				answered[id] = true
				// A server fault says nothing of whether the entry was
				// stored: SQS may have stored it and failed after.
				if o := of(id); o != nil && (!f.SenderFault || isThrottleCode(aws.ToString(f.Code))) {
					o.unknown++
				}
			}
			for _, e := range b {
				if !answered[aws.ToString(e.Id)] {
					of(aws.ToString(e.Id)).unknown++
				}
			}
			return ok, out.Failed, nil
		})
	for i, o := range batch {
		o.err = failed[strconv.Itoa(i)]
		var je *journalError
		if errors.As(o.err, &je) {
			m.fail(je.err) // a crash now could duplicate silently
		}
	}
	if dest.fifo {
		if n, groups := outOfOrder(batch, okAt); n > 0 {
			m.reorderedIn(dest.url, n, groups)
		}
	}
}

// sendEntry copies a DLQ message: body, every message attribute with its
// exact data type, the trace header; on FIFO the group, and a
// deduplication id derived from the DLQ message's own id, so a retried
// send (within SQS's 5-minute window) is dropped by SQS instead of
// duplicated, while the original's dedup id — possibly still in the
// window — cannot swallow the copy.
func sendEntry(id string, msg model.Message, fifo bool) types.SendMessageBatchRequestEntry {
	e := types.SendMessageBatchRequestEntry{Id: aws.String(id), MessageBody: aws.String(msg.Body)}
	e.MessageAttributes = wireAttributes(msg.Attributes)
	if tr := msg.System["AWSTraceHeader"]; tr != "" {
		e.MessageSystemAttributes = map[string]types.MessageSystemAttributeValue{
			"AWSTraceHeader": {DataType: aws.String("String"), StringValue: aws.String(tr)},
		}
	}
	if fifo {
		e.MessageGroupId = aws.String(msg.GroupID)
		e.MessageDeduplicationId = aws.String(msg.ID)
	}
	return e
}

// observeAttempts counts the attempts of a call that may have been carried
// out by SQS although they failed: the SDK retries those silently, and on
// a standard queue a retried send can duplicate the message. A second
// connection for one attempt counts too: Go's HTTP transport may re-send a
// request on a fresh connection, unseen by the SDK.
func observeAttempts(count *atomic.Int32) func(*sqs.Options) {
	return func(o *sqs.Options) {
		o.APIOptions = append(o.APIOptions, func(st *middleware.Stack) error {
			// After the retry middleware, so it sees every attempt.
			return st.Finalize.Add(middleware.FinalizeMiddlewareFunc("sqscopeObserveAttempt",
				func(ctx context.Context, in middleware.FinalizeInput, next middleware.FinalizeHandler) (middleware.FinalizeOutput, middleware.Metadata, error) {
					var conns atomic.Int32
					ctx = httptrace.WithClientTrace(ctx, &httptrace.ClientTrace{
						GotConn: func(httptrace.GotConnInfo) {
							if conns.Add(1) > 1 {
								count.Add(1)
							}
						},
					})
					out, md, err := next.HandleFinalize(ctx, in)
					if err != nil && mayHaveReached(err) {
						count.Add(1)
					}
					return out, md, err
				}), middleware.After)
		})
	}
}

// mayHaveReached reports whether a failed attempt may have been carried
// out: a 5xx, a 2xx (or 3xx) whose answer could not be read, or no
// response at all, except a refused connection. Only SQS's own 4xx says
// it did nothing (as outcomeUnknown has it for peeks).
func mayHaveReached(err error) bool {
	if errors.Is(err, syscall.ECONNREFUSED) {
		return false
	}
	// The SDK wraps transport errors in a ResponseError too, with a stub
	// response whose status is 0. A 200 whose body broke off was carried
	// out: a receive hid its messages, a send stored its entries.
	var re *awshttp.ResponseError
	if errors.As(err, &re) && re.HTTPStatusCode() != 0 {
		return re.HTTPStatusCode() < 400 || re.HTTPStatusCode() >= 500
	}
	return true
}

// wireAttributes are message attributes as SendMessageBatch takes them:
// each with its exact data type, Binary ones as bytes; nil for none.
func wireAttributes(attrs map[string]model.MessageAttribute) map[string]types.MessageAttributeValue {
	if len(attrs) == 0 {
		return nil
	}
	out := make(map[string]types.MessageAttributeValue, len(attrs))
	for name, a := range attrs {
		v := types.MessageAttributeValue{DataType: aws.String(a.DataType)}
		if a.IsBinary() {
			v.BinaryValue = a.BinaryValue
		} else {
			v.StringValue = aws.String(a.StringValue)
		}
		out[name] = v
	}
	return out
}
