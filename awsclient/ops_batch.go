package awsclient

import (
	"context"
	"errors"
	"math/rand/v2"
	"sync/atomic"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sqs/types"

	"github.com/sqscope/sqscope/model"
)

// opsEntryAttempts bounds the requests one batch entry of a send or a
// delete takes part in when SQS fails it as a server fault. Whole requests
// are retried by the SDK within each of them (and observed, see
// observeAttempts), so this only covers entries a 200 answer failed.
const opsEntryAttempts = 3

// entryOutcome is what became of one batch entry over every attempt.
type entryOutcome struct {
	ok     bool
	result string // the MessageId SQS gave a sent entry
	err    error  // the last refusal, when not ok
	// reached counts attempts whose outcome for this entry is unknown: a
	// lost answer, a 5xx, a throttling answer, a server fault, an entry
	// missing from the answer. Each may have carried it out.
	reached int
}

// batchRequest makes one request for the entries ids, observing with lost
// every attempt the SDK made that may have been carried out. It returns
// the accepted ids (with what SQS answered for each) and the failed ones.
type batchRequest func(ctx context.Context, ids []string, lost *atomic.Int32) (ok map[string]string, failed []types.BatchResultErrorEntry, err error)

// runBatch sends one batch and retries the entries SQS failed as server
// faults (or left out of its answer). Entries it refused as the sender's
// fault are final: SQS's code and message are kept. A request that fails
// after the SDK's own retries ends the batch with that error for every
// entry still pending (reqErr).
func (s *SQS) runBatch(ctx context.Context, op, queueURL string, ids []string, req batchRequest) (outs map[string]*entryOutcome, reqErr error) {
	outs = make(map[string]*entryOutcome, len(ids))
	for _, id := range ids {
		outs[id] = &entryOutcome{}
	}
	queue := model.NameFromURL(queueURL)
	pending := ids
	for attempt := 1; ; attempt++ {
		var lost atomic.Int32
		var ok map[string]string
		var failed []types.BatchResultErrorEntry
		err := s.call(ctx, queue, func(ctx context.Context) (err error) {
			ok, failed, err = req(ctx, pending, &lost)
			return err
		})
		n := int(lost.Load())
		if err != nil {
			for _, id := range pending {
				o := outs[id]
				o.err, o.reached = err, o.reached+n
				if n == 0 && throttled(err) {
					o.reached++ // see throttled: never let a duplicate go uncounted
				}
			}
			return outs, err
		}
		answered := make(map[string]bool, len(pending))
		for id, v := range ok {
			if o := outs[id]; o != nil {
				*o = entryOutcome{ok: true, result: v, reached: o.reached + n}
				answered[id] = true
			}
		}
		var retry []string
		for _, f := range failed {
			id := aws.ToString(f.Id)
			o := outs[id]
			if o == nil || answered[id] {
				continue
			}
			answered[id] = true
			code := aws.ToString(f.Code)
			o.err = &EntryError{Op: op, Queue: queue, Code: code, Message: aws.ToString(f.Message)}
			o.reached += n
			// A server fault says nothing of whether SQS carried it out.
			if !f.SenderFault || isThrottleCode(code) {
				o.reached++
				retry = append(retry, id)
			}
		}
		for _, id := range pending {
			if !answered[id] {
				o := outs[id]
				o.err = &EntryError{Op: op, Queue: queue, Code: "NoResult", Message: "entry missing from the answer"}
				o.reached += n + 1
				retry = append(retry, id)
			}
		}
		if len(retry) == 0 || attempt >= opsEntryAttempts || !sleepCtx(ctx, s.backoff(attempt)) {
			return outs, nil
		}
		pending = retry
	}
}

// backoff is the pause before retry n (1-based): exponential from
// moveBackoffBase, capped at the client's MaxBackoff, with jitter so that
// concurrent batches do not retry in lockstep. Moves and operations share it.
func (s *SQS) backoff(n int) time.Duration {
	d := min(moveBackoffBase<<min(n-1, 10), s.cfg.MaxBackoff)
	return d/2 + rand.N(d/2+1)
}

// refusedWhole reports a request SQS refused as a whole as the sender's
// fault (e.g. one entry's attribute it cannot parse): nothing of it was
// carried out, and its entries fare better one by one.
func refusedWhole(err error, lost int) bool {
	if lost > 0 || queueGone(err) || throttled(err) {
		return false
	}
	var ro *ReadOnlyError
	if errors.As(err, &ro) {
		return false
	}
	return settled(err)
}
