// Package awsclient is the asynchronous boundary between the UI and SQS. The UI
// depends only on the narrow interfaces declared here; one implementation over
// aws-sdk-go-v2 satisfies them. Every method takes a context and may be called
// from a tea.Cmd goroutine.
package awsclient

import (
	"context"
	"time"

	"github.com/sqscope/sqscope/model"
)

// Lister reads the queues of an account in two steps, so that a caller can
// list the names rarely and read the counts of the queues it shows often:
// every call is billed, and 2,000 queues every 3 s is ~55 M calls a day.
type Lister interface {
	// QueueURLs lists every queue's URL (all pages, past 1,000): one
	// ListQueues call per 1,000 queues, no attributes.
	QueueURLs(ctx context.Context) ([]string, error)
	// Refresh reads the attributes (counts, ARN, redrive policy) of the
	// queues at urls, one GetQueueAttributes each, concurrently: one row
	// per URL, in the order given. A queue whose attributes cannot be read
	// is still returned, with Err set; only ctx ending returns an error.
	// Show any of these errors with Describe, which makes them one short
	// line.
	Refresh(ctx context.Context, urls []string) ([]model.Queue, error)
}

// Endpoint describes where the client points, for the header line.
type Endpoint struct {
	URL      string // empty when the SDK resolves the regional endpoint
	Region   string
	Profile  string
	ReadOnly bool
	Demo     bool
}

// PeekOptions tune one peek session. Zero fields take the defaults below.
type PeekOptions struct {
	// Hold is how long each received message stays hidden while paging
	// (default 30 s), so that a "load more" inside it does not receive the
	// same messages again. Rounded up to whole seconds, at least 1: a
	// receive with VisibilityTimeout 0 cannot be sent (the SDK omits int32
	// zero, which means the queue's default).
	Hold time.Duration
	// Concurrency is how many receives may be in flight (default 8).
	Concurrency int
	// MaxNumber caps n in one Next call (0: no cap).
	MaxNumber int
}

// Peeker opens peek sessions. A peek is a receive: it raises each message's
// receive count by one, and on a queue with a redrive policy it can move
// messages to the DLQ (see model.PeekCostOf for the confirmation dialog).
type Peeker interface {
	OpenPeek(queueURL string, o PeekOptions) Peek
}

// Peek is one reading session on one queue. Safe for use from several
// goroutines. Call Release when done, on error, when the pane closes and on
// quit — with a fresh context, since the one Next ran under may be gone.
//
// On a FIFO queue every received message blocks its message group until it
// is visible again, so the consumers of those groups stall until Release
// (or, if Release never runs, until the hold ends).
type Peek interface {
	// Next receives up to n messages this session has not returned yet
	// (de-duplicated by MessageId), holding each for Hold. It never
	// deletes and never returns more than n. Messages it received are
	// tracked for Release even when Next fails or ctx ends mid-load:
	// receives already sent are allowed to finish, and what they bring is
	// returned by the next call to Next. After Release the session can go
	// on, but a message it returned before is never returned again (open a
	// new session to start afresh).
	Next(ctx context.Context, n int) (PeekPage, error)
	// Release makes every message the session still holds visible again
	// (ChangeMessageVisibilityBatch with VisibilityTimeout 0, in batches of
	// 10, concurrently), after waiting for receives still in flight. A hold
	// that already ran out is counted as Expired, not as a failure: that
	// message is visible anyway. The error is non-nil only when some
	// message could not be released (it stays held until its hold ends;
	// calling Release again retries it).
	Release(ctx context.Context) (ReleaseReport, error)
	// Held is how many messages the session holds right now (holds not yet
	// run out and not released).
	Held() int
	// Holds reports whether the session holds message id right now: one
	// it does not hold is visible, and the next receive may return it.
	Holds(id string) bool
}

// PeekPage is one Next call's result.
type PeekPage struct {
	Messages   []model.Message // new to this session, in order of arrival
	Received   int             // messages received, duplicates included
	Duplicates int             // received again, not returned again
	// Again holds the newest copy of each message received again since
	// the last page (its hold had ended or was released): the same
	// message with its receive count raised, for the caller to update.
	Again []model.Message
	// Exhausted: two receives in a row brought nothing new, so probably
	// nothing more is visible (every message is held, or the queue is empty).
	Exhausted     bool
	LostReceives  int
	LostHoldUntil time.Time
}

// ReleaseReport says what Release did.
type ReleaseReport struct {
	Released      int     // made visible again
	Expired       int     // hold already over (or message gone): visible anyway
	Failed        int     // still held; see Errs
	Errs          []error // one per failed call or entry
	LostReceives  int
	LostHoldUntil time.Time
}

// Client is everything the UI may call.
type Client interface {
	Lister
	Peeker
	Mover
	Reconciler
	Operator
	// Endpoint describes the connection for display.
	Endpoint() Endpoint
}
