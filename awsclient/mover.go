package awsclient

import (
	"context"
	"time"

	"github.com/sqscope/sqscope/model"
)

// Mover moves messages out of a dead-letter queue, natively (a move task
// SQS runs) or client-side (receive → send → delete, here).
type Mover interface {
	// StartRedrive starts a native move task with an empty DestinationArn,
	// so each message returns to its own source. rate is messages per
	// second, 1–500; 0 means as fast as SQS goes. If a task is already
	// active on the queue it returns a *TaskActiveError naming it. When the
	// endpoint lacks the API (moto), NativeUnsupported(err) is true: fall
	// back to Move.
	StartRedrive(ctx context.Context, dlqARN string, rate int) (model.MoveTask, error)
	// MoveTasks lists the queue's recent move tasks, newest first (SQS
	// keeps up to 10).
	MoveTasks(ctx context.Context, dlqARN string) ([]model.MoveTask, error)
	// CancelRedrive cancels a RUNNING task by its handle.
	CancelRedrive(ctx context.Context, taskHandle string) error
	// Move is the client-side move. It never deletes a message whose copy
	// was not accepted by the destination. Progress snapshots go to
	// progress (may be nil) without ever blocking the move; the channel is
	// closed when Move returns. Cancelling ctx stops it cleanly: the
	// batches in flight are finished or released, every message it still
	// holds is made visible again, and the report says Cancelled. The
	// error is non-nil only when the move could not start or had to stop
	// (e.g. the DLQ is gone); the report is valid either way.
	Move(ctx context.Context, req MoveRequest, progress chan<- MoveProgress) (MoveReport, error)
}

// MoveRequest describes one client-side move.
type MoveRequest struct {
	SourceURL string // the DLQ
	// DestURL is a fixed destination the user picked. Empty: each message
	// goes back to its own source (DeadLetterQueueSourceArn; when an
	// emulator omits it, the DLQ's only source queue).
	DestURL string
	// Select picks the messages to move (selected ids, a filter); nil
	// moves all. The others are counted Skipped and stay hidden until the
	// move ends (so receives make progress past them), then are made
	// visible again.
	Select func(m model.Message) bool
	// Limit stops after this many selected messages (0: until the queue
	// is drained). For an id selection, pass the number of ids.
	Limit int
	// Concurrency is how many batches of 10 are in flight (default 4).
	Concurrency int
	// Hold is the visibility timeout of each receive (default 60 s, at
	// least 1 s); a batch that takes longer has its hold extended.
	Hold time.Duration
	// JournalPath is an append-only file of sent-but-not-deleted message
	// ids, so a move restarted after a crash deletes those DLQ copies
	// instead of sending them twice, counts what it must send again, and
	// waits for what the crashed move still holds. Empty: no journal. Use
	// one file per DLQ (JournalPath); it is removed when a move ends with
	// nothing outstanding. A second Move with the same journal while one
	// runs fails with ErrJournalInUse.
	JournalPath string
}

// MoveProgress is a running total, sent after every batch and, while the
// move waits for hidden messages, after every look at the DLQ.
type MoveProgress struct {
	Moved, Failed, PossiblyDuplicated, Skipped int
	// Total is the DLQ's visible depth at the start (capped by Limit): the
	// progress bar's denominator, approximate.
	Total int
	// Waiting, when not 0, is how many DLQ messages are hidden by holds
	// that are not this move's — an interrupted move's receives, or a
	// receive of this move whose answer was lost — which the move waits
	// for before it reports done, until WaitUntil at the latest. Show it
	// ("waiting for 40 messages still hidden by an earlier receive, until
	// 04:05:06 at most"); cancelling ends the wait.
	Waiting   int
	WaitUntil time.Time
}

// MoveReport is the outcome of a client-side move.
type MoveReport struct {
	// Moved: accepted by the destination and deleted from the DLQ.
	Moved int
	// Failed: could not be sent (after retries); left in the DLQ, visible.
	// A failed message whose copy may have arrived all the same is also
	// counted in PossiblyDuplicated.
	Failed int
	// PossiblyDuplicated bounds the copies that may now exist beyond one
	// per message, over the destinations and the DLQ; a message that may
	// have been stored three times counts twice. It counts every send
	// attempt whose outcome was unknown (no answer, a 5xx, a throttling
	// answer, an entry failed as a server fault or missing from the
	// answer, an attempt an interrupted move journaled and never saw
	// answered) and every message left in the DLQ after a copy was
	// accepted (its delete failed). A FIFO destination drops a repeat of
	// the same deduplication id for 5 minutes, so there repeats within
	// that window do not count. Never 0 when a duplicate may exist.
	PossiblyDuplicated int
	// Skipped: received but not selected; made visible again.
	Skipped int
	// Resumed: DLQ copies of messages a previous, interrupted move had
	// already sent (per the journal), deleted now instead of sent again.
	// Included in Moved.
	Resumed int
	// Resent: messages an interrupted move may already have sent — it
	// died before learning the outcome — that this move sent (or tried to
	// send) again. Each may now exist twice: their copies are counted in
	// PossiblyDuplicated. Say so; they were never promised unduplicated.
	Resent int
	// Settled: messages an interrupted move had sent whose DLQ copies
	// turned out to be gone (it died after deleting them, before
	// journaling the delete), found when this move left the DLQ verifiably
	// empty. Nothing more to do for them; not in Moved.
	Settled int
	// HeldBack: messages still hidden in the DLQ when the move ended —
	// holds of an interrupted move that had not run out, or of another
	// consumer — so the DLQ is not done even though the move is. They
	// become visible again at HeldUntil (zero: not known, the holds are
	// someone else's); R again then moves them. Never report "done" over
	// them.
	HeldBack  int
	HeldUntil time.Time
	// OutOfOrder: FIFO messages that reached their destination ahead of an
	// earlier message of their group, because a batch entry failed and was
	// retried or left behind; Errs names the groups. They are in Moved, or
	// in PossiblyDuplicated when their DLQ copy could not be deleted.
	OutOfOrder int
	// MovedIDs are the DLQ message ids counted in Moved, so that a view of
	// the DLQ can drop them.
	MovedIDs []string
	// Failures name the messages counted in Failed, each with why its
	// send failed, in the order they failed: a report can say which
	// messages stayed behind (the first MaxReportFailures of them).
	Failures []MoveFailure
	// Total is the DLQ's visible depth when the move started.
	Total     int
	Cancelled bool
	Errs      []error // one per distinct failure, at most maxReportErrs
}

// MoveFailure is one message a move could not send.
type MoveFailure struct {
	ID  string // the DLQ message id
	Err error
}

// MaxReportFailures bounds MoveReport.Failures.
const MaxReportFailures = 1000

// DefaultMoveHold and DefaultMoveConcurrency are Move's defaults.
const (
	DefaultMoveHold        = 60 * time.Second
	DefaultMoveConcurrency = 4
)
