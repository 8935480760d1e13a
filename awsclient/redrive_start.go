package awsclient

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	"github.com/aws/aws-sdk-go-v2/service/sqs/types"
	"github.com/aws/smithy-go"

	"github.com/sqscope/sqscope/model"
)

// Starting a move task is not idempotent: a start whose answer is lost
// may have started the task, and starting again then either fails ("a task
// is already running") or, once the first task has finished, starts a
// second one on the emptied DLQ (0 of 0 moved). So the SDK never retries
// it; after any answer that does not settle the outcome, the task list is
// read first, and a task that was not there before the start is the one
// it started.

// startAttempts bounds the starts tried when the listing shows that the
// earlier ones started nothing.
const startAttempts = 3

// StartUnknownError is a StartRedrive that failed without a definite
// answer (no answer, a 5xx, a gateway's error page), retries included. It
// never means the API is missing: NativeUnsupported is false for it, so do
// not fall back to a client-side move, which would race a task that may be
// running.
type StartUnknownError struct {
	Err error
	// Checked: the task list, read after the failure, shows no task
	// started — the redrive did not start; offer to try again. Not
	// checked: the list could not be read either, so a task may be
	// running: poll MoveTasks and show what it finds.
	Checked bool
}

func (e *StartUnknownError) Error() string {
	if e.Checked {
		return "the move task did not start: " + e.Err.Error()
	}
	return "the move task may have started (its answer was lost and the task list could not be read): " + e.Err.Error()
}

func (e *StartUnknownError) Unwrap() error { return e.Err }

// startRedrive starts a native move task back to each message's source
// (StartRedrive adds the audit line).
func (s *SQS) startRedrive(ctx context.Context, dlqARN string, rate int) (model.MoveTask, error) {
	if rate < 0 || rate > maxMoveRate {
		return model.MoveTask{}, fmt.Errorf("move rate %d: must be between 1 and %d messages per second, or 0 for no limit", rate, maxMoveRate)
	}
	// Checked here, not left to the guard: the listing below is a read,
	// and a read-only session should not even look as if it were starting.
	if s.cfg.ReadOnly {
		return model.MoveTask{}, &ReadOnlyError{Op: "StartMessageMoveTask"}
	}
	before, lerr := s.MoveTasks(ctx, dlqARN)
	switch {
	case lerr == nil && len(before) > 0 && before[0].Active():
		return before[0], &TaskActiveError{Task: before[0]}
	case lerr != nil && definitelyMissing(lerr):
		return model.MoveTask{}, lerr
	}
	listed := lerr == nil
	started := time.Now()
	var err error
	for attempt := 1; attempt <= startAttempts; attempt++ {
		if attempt > 1 && !sleepCtx(ctx, min(s.cfg.MaxBackoff, 200*time.Millisecond<<(attempt-2))) {
			return model.MoveTask{}, ctx.Err()
		}
		var handle string
		handle, err = s.startTask(ctx, dlqARN, rate)
		if err == nil {
			return s.startedTask(ctx, dlqARN, rate, handle, started), nil
		}
		if settled(err) {
			var unsupported *types.UnsupportedOperation
			if !errors.As(err, &unsupported) {
				return model.MoveTask{}, err
			}
			// SQS answers "a task is already running" with this code too.
			// Running since before this call: someone else's. Since: ours,
			// from an attempt whose answer was lost.
			after, aerr := s.MoveTasks(ctx, dlqARN)
			switch {
			case aerr != nil && (listed || attempt > 1):
				// The API is there, so this is "already running" — by
				// an attempt of ours, perhaps — and nothing can tell.
				return model.MoveTask{}, &StartUnknownError{Err: err}
			case aerr != nil:
				return model.MoveTask{}, err
			}
			if t, ok := newTask(before, after, listed); ok {
				return t, nil
			}
			if len(after) > 0 && after[0].Active() {
				return after[0], &TaskActiveError{Task: after[0], Err: err}
			}
			// Nothing runs: no task can race a client-side move.
			return model.MoveTask{}, err
		}
		after, aerr := s.MoveTasks(ctx, dlqARN)
		if aerr != nil {
			if !listed && definitelyMissingOrMoto(aerr) && NativeUnsupported(err) {
				// Neither call is understood: moto's answer to both.
				return model.MoveTask{}, err
			}
			return model.MoveTask{}, &StartUnknownError{Err: err}
		}
		if t, ok := newTask(before, after, listed); ok {
			return t, nil
		}
		before, listed = after, true
	}
	return model.MoveTask{}, &StartUnknownError{Err: err, Checked: true}
}

// startTask is one StartMessageMoveTask, not retried by the SDK.
func (s *SQS) startTask(ctx context.Context, dlqARN string, rate int) (string, error) {
	in := &sqs.StartMessageMoveTaskInput{SourceArn: aws.String(dlqARN)}
	if rate > 0 {
		in.MaxNumberOfMessagesPerSecond = aws.Int32(int32(rate))
	}
	var out *sqs.StartMessageMoveTaskOutput
	err := s.call(ctx, model.NameFromARN(dlqARN), func(ctx context.Context) (err error) {
		out, err = s.api.StartMessageMoveTask(ctx, in, noSDKRetries)
		return err
	})
	if err != nil {
		return "", err
	}
	return aws.ToString(out.TaskHandle), nil
}

// startedTask is the task a successful start began, completed from the
// listing (the server's start time, the count to move) when it can be.
func (s *SQS) startedTask(ctx context.Context, dlqARN string, rate int, handle string, started time.Time) model.MoveTask {
	task := model.MoveTask{Handle: handle, Status: model.TaskRunning, SourceARN: dlqARN, Rate: rate, StartedAt: started}
	if tasks, err := s.MoveTasks(ctx, dlqARN); err == nil {
		for _, t := range tasks {
			if t.Handle == task.Handle {
				return t
			}
		}
	}
	return task
}

// newTask finds, in a listing taken after a start, the task that was not
// in the one before: SQS lists only the newest tasks (and a finished task
// without its handle), so the newest start time tells. Without a listing
// from before, the newest task that is active is taken.
func newTask(before, after []model.MoveTask, listed bool) (model.MoveTask, bool) {
	if len(after) == 0 {
		return model.MoveTask{}, false
	}
	if !listed {
		return after[0], after[0].Active()
	}
	if len(before) == 0 || after[0].StartedAt.After(before[0].StartedAt) {
		return after[0], true
	}
	return model.MoveTask{}, false
}

// settled reports whether a failed start's answer says what happened:
// an AWS error from the service itself, not a lost answer, a 5xx or a
// page from something in between.
func settled(err error) bool {
	if definitelyMissing(err) {
		return true
	}
	var apiErr smithy.APIError
	if !errors.As(err, &apiErr) || apiErr.ErrorFault() == smithy.FaultServer {
		return false
	}
	var re *awshttp.ResponseError
	return errors.As(err, &re) && re.HTTPStatusCode() >= 400 && re.HTTPStatusCode() < 500 && !throttled(err)
}
