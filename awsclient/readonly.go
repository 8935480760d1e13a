package awsclient

import (
	"context"
	"errors"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	"github.com/aws/smithy-go/middleware"
)

// ErrReadOnly is returned (wrapped) for every call refused in read-only mode.
var ErrReadOnly = errors.New("read-only mode")

// ReadOnlyError names the refused operation. It matches ErrReadOnly with
// errors.Is.
type ReadOnlyError struct {
	Op  string
	Why string // optional: why this call is refused when others of its kind are not
}

func (e *ReadOnlyError) Error() string {
	if e.Why != "" {
		return fmt.Sprintf("read-only mode: %s not allowed: %s", e.Op, e.Why)
	}
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
// messages hidden for the hold. A receive raises receive counts, and on a
// queue with a redrive policy it moves a message at maxReceiveCount to the
// DLQ, so in read-only mode ReceiveMessage is let through only for a queue
// the peek has just found without a redrive policy (see receiveCleared and
// peekSession.clearReceives); any other receive is refused.
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
		op := stack.ID()
		switch {
		case !readOnly:
			return nil
		case op == "ReceiveMessage":
			return stack.Initialize.Add(middleware.InitializeMiddlewareFunc("sqscopeReadOnlyReceive", guardReceive), middleware.Before)
		case !IsMutating(op):
			return nil
		}
		return stack.Initialize.Add(middleware.InitializeMiddlewareFunc("sqscopeReadOnly",
			func(ctx context.Context, in middleware.InitializeInput, next middleware.InitializeHandler) (middleware.InitializeOutput, middleware.Metadata, error) {
				return middleware.InitializeOutput{}, middleware.Metadata{}, &ReadOnlyError{Op: op}
			}), middleware.Before)
	}
}

// guardReceive lets a read-only ReceiveMessage through only when its
// context carries the clearance for its queue, which only the peek's
// redrive check grants. A receive from anywhere else is refused: it could
// dead-letter messages, and read-only must change nothing.
func guardReceive(ctx context.Context, in middleware.InitializeInput, next middleware.InitializeHandler) (middleware.InitializeOutput, middleware.Metadata, error) {
	r, ok := in.Parameters.(*sqs.ReceiveMessageInput)
	if !ok || !receiveCleared(ctx, aws.ToString(r.QueueUrl)) {
		return middleware.InitializeOutput{}, middleware.Metadata{}, &ReadOnlyError{Op: "ReceiveMessage",
			Why: "the queue was not checked for a redrive policy, and a receive could move messages to a DLQ"}
	}
	return next.HandleInitialize(ctx, in)
}

// clearanceKey is the context key of a receive clearance: the URL of the
// one queue found without a redrive policy. Unexported, so nothing outside
// this package can forge one.
type clearanceKey struct{}

// withReceiveClearance lets read-only receives on url through; call it only
// right after finding that url's queue has no redrive policy.
func withReceiveClearance(ctx context.Context, url string) context.Context {
	return context.WithValue(ctx, clearanceKey{}, url)
}

func receiveCleared(ctx context.Context, url string) bool {
	cleared, _ := ctx.Value(clearanceKey{}).(string)
	return url != "" && cleared == url
}
