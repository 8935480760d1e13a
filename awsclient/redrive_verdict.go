package awsclient

import "errors"

// StartVerdict is what a caller of StartRedrive does next, decided here
// once so that the TUI and `sqscope redrive` act alike on every answer.
// The rule that matters most: a start whose answer was lost never falls
// back to a client-side move, which would race a task that may be running.
type StartVerdict int

const (
	// StartFollow: the task started; poll MoveTasks for its progress.
	StartFollow StartVerdict = iota
	// StartAdopt: a task was already running on the DLQ (TaskActiveError
	// holds it); follow that one, start none.
	StartAdopt
	// StartSearch: the answer was lost and the task list could not be
	// read, so a task may be running: look for it with MoveTasks, never
	// move client-side beside it.
	StartSearch
	// StartRetry: the task list shows nothing started; nothing runs, and
	// the redrive may be asked for again.
	StartRetry
	// StartFallBack: the endpoint has no move-task API; move client-side
	// (model.WhyFellBack).
	StartFallBack
	// StartFailed: SQS refused the start (e.g. access denied); nothing runs.
	StartFailed
)

// JudgeStart is the verdict on StartRedrive's error (nil: StartFollow).
func JudgeStart(err error) StartVerdict {
	var active *TaskActiveError
	var unknown *StartUnknownError
	switch {
	case err == nil:
		return StartFollow
	case errors.As(err, &unknown) && unknown.Checked:
		return StartRetry
	case errors.As(err, &unknown):
		return StartSearch
	case errors.As(err, &active):
		return StartAdopt
	case NativeUnsupported(err):
		return StartFallBack
	}
	return StartFailed
}
