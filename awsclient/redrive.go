package awsclient

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	"github.com/aws/aws-sdk-go-v2/service/sqs/types"

	"github.com/sqscope/sqscope/model"
)

// maxMoveRate is SQS's ceiling for MaxNumberOfMessagesPerSecond.
const maxMoveRate = 500

// TaskActiveError means a move task already runs on the DLQ: SQS allows
// one at a time. The UI shows Task instead of starting another.
type TaskActiveError struct {
	Task model.MoveTask
	Err  error // what StartMessageMoveTask said
}

func (e *TaskActiveError) Error() string {
	return fmt.Sprintf("a move task is already %s on %s (%d of %d moved)",
		e.Task.Status, model.NameFromARN(e.Task.SourceARN), e.Task.Moved, e.Task.ToMove)
}

func (e *TaskActiveError) Unwrap() error { return e.Err }

// StartRedrive starts a native move task back to each message's source.
func (s *SQS) StartRedrive(ctx context.Context, dlqARN string, rate int) (model.MoveTask, error) {
	if rate < 0 || rate > maxMoveRate {
		return model.MoveTask{}, fmt.Errorf("move rate %d: must be between 1 and %d messages per second, or 0 for no limit", rate, maxMoveRate)
	}
	in := &sqs.StartMessageMoveTaskInput{SourceArn: aws.String(dlqARN)}
	if rate > 0 {
		in.MaxNumberOfMessagesPerSecond = aws.Int32(int32(rate))
	}
	name := model.NameFromARN(dlqARN)
	started := time.Now()
	var out *sqs.StartMessageMoveTaskOutput
	err := s.call(ctx, name, func(ctx context.Context) (err error) {
		out, err = s.api.StartMessageMoveTask(ctx, in, noRetryIfUnsupported)
		return err
	})
	if err != nil {
		var unsupported *types.UnsupportedOperation
		if errors.As(err, &unsupported) {
			// SQS answers "a task is already running" with this code too;
			// only a listing tells the two apart.
			if tasks, lerr := s.MoveTasks(ctx, dlqARN); lerr == nil && len(tasks) > 0 && tasks[0].Active() {
				return tasks[0], &TaskActiveError{Task: tasks[0], Err: err}
			}
		}
		return model.MoveTask{}, err
	}
	task := model.MoveTask{
		Handle: aws.ToString(out.TaskHandle), Status: model.TaskRunning,
		SourceARN: dlqARN, Rate: rate, StartedAt: started,
	}
	// The listing has the server's own start time and the count to move;
	// without it the task above is still right, only less complete.
	if tasks, lerr := s.MoveTasks(ctx, dlqARN); lerr == nil {
		for _, t := range tasks {
			if t.Handle == task.Handle {
				return t, nil
			}
		}
	}
	return task, nil
}

// MoveTasks lists the DLQ's move tasks, newest first.
func (s *SQS) MoveTasks(ctx context.Context, dlqARN string) ([]model.MoveTask, error) {
	var out *sqs.ListMessageMoveTasksOutput
	err := s.call(ctx, model.NameFromARN(dlqARN), func(ctx context.Context) (err error) {
		out, err = s.api.ListMessageMoveTasks(ctx, &sqs.ListMessageMoveTasksInput{
			SourceArn: aws.String(dlqARN), MaxResults: aws.Int32(10),
		}, noRetryIfUnsupported)
		return err
	})
	if err != nil {
		return nil, err
	}
	tasks := make([]model.MoveTask, 0, len(out.Results))
	for _, r := range out.Results {
		tasks = append(tasks, moveTaskFromSDK(r))
	}
	return tasks, nil
}

// CancelRedrive cancels a running task.
func (s *SQS) CancelRedrive(ctx context.Context, taskHandle string) error {
	return s.call(ctx, "", func(ctx context.Context) error {
		_, err := s.api.CancelMessageMoveTask(ctx, &sqs.CancelMessageMoveTaskInput{
			TaskHandle: aws.String(taskHandle),
		}, noRetryIfUnsupported)
		return err
	})
}

func moveTaskFromSDK(r types.ListMessageMoveTasksResultEntry) model.MoveTask {
	t := model.MoveTask{
		Handle:         aws.ToString(r.TaskHandle),
		Status:         model.MoveTaskStatus(aws.ToString(r.Status)),
		SourceARN:      aws.ToString(r.SourceArn),
		DestinationARN: aws.ToString(r.DestinationArn),
		Moved:          r.ApproximateNumberOfMessagesMoved,
		ToMove:         aws.ToInt64(r.ApproximateNumberOfMessagesToMove),
		Rate:           int(aws.ToInt32(r.MaxNumberOfMessagesPerSecond)),
		FailureReason:  aws.ToString(r.FailureReason),
	}
	if r.StartedTimestamp > 0 {
		t.StartedAt = time.UnixMilli(r.StartedTimestamp)
	}
	return t
}
