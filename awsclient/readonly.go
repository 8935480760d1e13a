package awsclient

import (
	"context"
	"errors"
	"fmt"

	"github.com/aws/smithy-go/middleware"
)

// ErrReadOnly is returned (wrapped) for every call refused in read-only mode.
var ErrReadOnly = errors.New("read-only mode")

// ReadOnlyError names the refused operation. It matches ErrReadOnly with
// errors.Is.
type ReadOnlyError struct{ Op string }

func (e *ReadOnlyError) Error() string {
	return fmt.Sprintf("read-only mode: %s not allowed", e.Op)
}

// Is makes errors.Is(err, ErrReadOnly) true.
func (e *ReadOnlyError) Is(target error) bool { return target == ErrReadOnly }

// readOnlyAllowed are the operations read-only mode lets through. It is an
// allow-list on purpose: an operation added to the SDK later, or one nobody
// thought about, is refused until someone decides it is harmless.
//
// ReceiveMessage and ChangeMessageVisibility[Batch] are allowed together or
// not at all: they are the peek (receive with a short hold, then make every
// message visible again). Refusing the reset alone would leave peeked
// messages hidden for the hold. A peek does raise receive counts, which the
// UI confirms before peeking a queue with a redrive policy; it never deletes,
// sends or moves anything.
var readOnlyAllowed = map[string]bool{
	"ListQueues":                   true,
	"GetQueueUrl":                  true,
	"GetQueueAttributes":           true,
	"ListDeadLetterSourceQueues":   true,
	"ListQueueTags":                true,
	"ListMessageMoveTasks":         true,
	"ReceiveMessage":               true,
	"ChangeMessageVisibility":      true,
	"ChangeMessageVisibilityBatch": true,
}

// IsMutating reports whether read-only mode refuses the SQS operation op
// (the SDK's operation name, e.g. "SendMessageBatch"). The UI can use it to
// hide actions that would only fail.
func IsMutating(op string) bool { return !readOnlyAllowed[op] }

// readOnlyGuard is installed in the SDK client's APIOptions, so it runs for
// every operation of that client, before signing, retrying or any network
// I/O. When read-only is off it adds nothing.
func readOnlyGuard(readOnly bool) func(*middleware.Stack) error {
	return func(stack *middleware.Stack) error {
		if !readOnly || !IsMutating(stack.ID()) {
			return nil
		}
		op := stack.ID()
		return stack.Initialize.Add(middleware.InitializeMiddlewareFunc("sqscopeReadOnly",
			func(ctx context.Context, in middleware.InitializeInput, next middleware.InitializeHandler) (middleware.InitializeOutput, middleware.Metadata, error) {
				return middleware.InitializeOutput{}, middleware.Metadata{}, &ReadOnlyError{Op: op}
			}), middleware.Before)
	}
}
