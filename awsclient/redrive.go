package awsclient

import (
	"context"
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
	var moved int64
	err := s.call(ctx, "", func(ctx context.Context) error {
		out, err := s.api.CancelMessageMoveTask(ctx, &sqs.CancelMessageMoveTaskInput{
			TaskHandle: aws.String(taskHandle),
		}, noRetryIfUnsupported)
		if err == nil {
			moved = out.ApproximateNumberOfMessagesMoved
		}
		return err
	})
	s.auditCancel(taskHandle, moved, err)
	return err
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
