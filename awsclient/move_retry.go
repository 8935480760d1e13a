package awsclient

import (
	"context"
	"errors"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sqs/types"
)

// moveAttempts bounds how often one batch entry is tried, on top of the
// SDK's own retries of a whole failed request.
const moveAttempts = 5

// moveBackoffBase is the first pause before retrying failed entries.
const moveBackoffBase = 100 * time.Millisecond

// errMoveCancelled marks entries not retried because the move was
// cancelled: they are released, not counted as failed.
var errMoveCancelled = errors.New("move cancelled")

// batchCall sends one batch and returns the entry ids SQS accepted and
// the ones it failed (HTTP 200 with a Failed list), or a request error.
type batchCall[E any] func(ctx context.Context, batch []E) (ok []string, failed []types.BatchResultErrorEntry, err error)

// retryBatch runs a batch call (at most attempts times) and retries what failed for a transient
// reason (server faults, throttling, a failed request the SDK gave up on)
// with jittered exponential backoff. It returns the error of every entry
// that did not succeed, by entry Id; absent means accepted. An entry
// neither accepted nor failed in a response is retried: only an explicit
// success counts. When stop is closed during a backoff the remaining
// entries get errMoveCancelled.
func retryBatch[E any](ctx context.Context, m *moveRun, op, queue string, entries []E, idOf func(E) string,
	attempts int, stop <-chan struct{}, call batchCall[E]) map[string]error {
	failed := map[string]error{}
	pending := entries
	var lastErr error
	for attempt := 1; len(pending) > 0; attempt++ {
		if attempt > 1 {
			if attempt > attempts {
				for _, e := range pending {
					failed[idOf(e)] = lastErr
				}
				break
			}
			if !sleepOrStop(m.backoff(attempt-1), stop) {
				for _, e := range pending {
					failed[idOf(e)] = errMoveCancelled
				}
				break
			}
		}
		var ok []string
		var bad []types.BatchResultErrorEntry
		err := m.s.call(ctx, queue, func(ctx context.Context) (err error) {
			ok, bad, err = call(ctx, pending)
			return err
		})
		if err != nil {
			lastErr = err
			if !m.retryable(err) {
				for _, e := range pending {
					failed[idOf(e)] = err
				}
				break
			}
			continue
		}
		done := make(map[string]bool, len(ok))
		for _, id := range ok {
			done[id] = true
		}
		retry := map[string]bool{}
		for _, f := range bad {
			id := aws.ToString(f.Id)
			ee := &EntryError{Op: op, Queue: queue, Code: aws.ToString(f.Code), Message: aws.ToString(f.Message)}
			lastErr = ee
			if !f.SenderFault || isThrottleCode(ee.Code) {
				retry[id] = true
			} else {
				failed[id] = ee
			}
		}
		next := pending[:0:0]
		for _, e := range pending {
			id := idOf(e)
			if !done[id] && failed[id] == nil {
				next = append(next, e)
				if !retry[id] {
					lastErr = &EntryError{Op: op, Queue: queue, Code: "NoResult", Message: "entry missing from the response"}
				}
			}
		}
		pending = next
	}
	return failed
}

// journalError is a journal write that failed before a retry: the retry
// is not made, and the move stops.
type journalError struct{ err error }

func (e *journalError) Error() string { return e.err.Error() }
func (e *journalError) Unwrap() error { return e.err }

// retryable says whether a request that failed (after the SDK's own
// retries) is worth another round: the same rules as the SDK's retryer,
// plus a call that ran out of its own time.
func (m *moveRun) retryable(err error) bool {
	var te *TimeoutError
	if errors.As(err, &te) {
		return true
	}
	var ro *ReadOnlyError
	var je *journalError
	if errors.As(err, &ro) || errors.As(err, &je) {
		return false
	}
	return m.s.api.Options().Retryer.IsErrorRetryable(err)
}

// backoff is the client's (SQS.backoff).
func (m *moveRun) backoff(n int) time.Duration { return m.s.backoff(n) }

// sleepOrStop waits d; false when stop closed first.
func sleepOrStop(d time.Duration, stop <-chan struct{}) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-stop:
		return false
	}
}
