package model

import "time"

// MoveTaskStatus is a native move task's state as ListMessageMoveTasks
// reports it.
type MoveTaskStatus string

// The states SQS documents. Only RUNNING can be cancelled.
const (
	TaskRunning    MoveTaskStatus = "RUNNING"
	TaskCompleted  MoveTaskStatus = "COMPLETED"
	TaskCancelling MoveTaskStatus = "CANCELLING"
	TaskCancelled  MoveTaskStatus = "CANCELLED"
	TaskFailed     MoveTaskStatus = "FAILED"
)

// MoveTask is one native message move task (StartMessageMoveTask) out of a
// dead-letter queue.
type MoveTask struct {
	// Handle cancels the task; SQS reports it only while RUNNING.
	Handle         string
	Status         MoveTaskStatus
	SourceARN      string
	DestinationARN string // empty: each message back to its own source
	Moved          int64  // ApproximateNumberOfMessagesMoved
	ToMove         int64  // ApproximateNumberOfMessagesToMove; 0 when unknown
	Rate           int    // messages per second; 0 = unlimited
	StartedAt      time.Time
	FailureReason  string
}

// Done reports whether the task has stopped for good (completed, cancelled
// or failed). A CANCELLING task is still moving its last messages.
func (t MoveTask) Done() bool {
	switch t.Status {
	case TaskCompleted, TaskCancelled, TaskFailed:
		return true
	}
	return false
}

// Active reports whether the task still holds the queue: SQS allows one
// active task per source queue, so a new one must not be started.
func (t MoveTask) Active() bool {
	return t.Status == TaskRunning || t.Status == TaskCancelling
}

// Fraction is the progress bar's fill, in [0, 1]. A completed task is full
// even when ToMove was an underestimate or unknown; an unknown total while
// running reads as 0 rather than a guess.
func (t MoveTask) Fraction() float64 {
	if t.Status == TaskCompleted {
		return 1
	}
	if t.ToMove <= 0 || t.Moved <= 0 {
		return 0
	}
	// ToMove is approximate: messages arriving meanwhile can push Moved past it.
	return min(1, float64(t.Moved)/float64(t.ToMove))
}

// TaskOf is the task with handle among ts, else the newest (ts[0]): SQS
// reports a task's handle only while it runs, so a finished task is known
// only as the newest.
func TaskOf(ts []MoveTask, handle string) (MoveTask, bool) {
	for _, t := range ts {
		if handle != "" && t.Handle == handle {
			return t, true
		}
	}
	if len(ts) == 0 {
		return MoveTask{}, false
	}
	return ts[0], true
}
