package awsclient

import (
	"context"
	"time"

	"github.com/sqscope/sqscope/model"
)

// Operator is every change sqscope makes besides moves. The adapter, not
// its callers, refuses each in read-only mode and writes each to the audit
// log (see package audit), so no screen or subcommand can skip either.
//
// A change whose audit line could not be written is said so: in the
// report's AuditErr (Send, DeleteMessages, CreateQueue: the results and
// the error mean what they say without it), or as an *AuditError (Purge,
// SetAttributes, DeleteQueue: its Cause is the call's own error, nil when
// the change was made). Show it: a deleted message's content is then kept
// nowhere.
type Operator interface {
	// Send sends msgs to queueURL, in batches of 10 (SendMessageBatch),
	// and reports each message on its own: a partial batch failure names
	// the entries that failed and why. The error is non-nil only when
	// nothing could be tried (ctx ended, read-only, queue gone).
	Send(ctx context.Context, queueURL string, msgs []model.Outgoing) (SendReport, error)
	// DeleteMessages deletes msgs from queueURL with the receipt handles
	// of the receives that read them (DeleteMessageBatch). A message whose
	// handle SQS refuses (the hold ran out and it was received again, or
	// it is gone) is reported in Failed with SQS's reason, never retried
	// with a guess. The audit log keeps each deleted message in full.
	DeleteMessages(ctx context.Context, queueURL string, msgs []model.Message) (DeleteReport, error)
	// Purge deletes every message of queueURL (PurgeQueue). SQS allows
	// one purge per queue per 60 s: a second one returns an error that
	// matches ErrPurgeInProgress.
	Purge(ctx context.Context, queueURL string) error
	// CreateQueue creates spec's queue and, when spec.DLQ is set, its DLQ
	// first (14-day retention, a RedriveAllowPolicy naming the source),
	// then the source with its RedrivePolicy. When a later step fails the
	// report still lists what was created.
	CreateQueue(ctx context.Context, spec CreateSpec) (CreateReport, error)
	// SetAttributes applies attrs (SQS attribute names, string values as
	// the API takes them; "" for RedrivePolicy removes it). before is what
	// the caller showed as the old values, for the audit log.
	SetAttributes(ctx context.Context, queueURL string, before, attrs map[string]string) error
	// DeadLetterSources lists the URLs of the queues whose redrive policy
	// names dlqURL — SQS's own answer, which knows sources the caller has
	// not listed (or could not read). A read: asked before DeleteQueue.
	DeadLetterSources(ctx context.Context, dlqURL string) ([]string, error)
	// DeleteQueue deletes queueURL.
	DeleteQueue(ctx context.Context, queueURL string) error
}

// ErrPurgeInProgress matches (errors.Is) SQS's PurgeQueueInProgress, which
// Purge returns as a *PurgeInProgressError holding SQS's own error.
var ErrPurgeInProgress = errPurgeInProgress{}

type errPurgeInProgress struct{}

func (errPurgeInProgress) Error() string {
	return "a purge of this queue ran in the last 60 seconds; SQS allows one a minute"
}

// SendReport says what Send did, message by message.
type SendReport struct {
	// Results has one entry per message, in the order given.
	Results []SendResult
	// AuditErr: the audit line could not be written (see Operator).
	AuditErr error
}

// SendResult is one message's outcome.
type SendResult struct {
	MessageID string // set when SQS accepted it
	Err       error  // set when it was refused or its outcome is unknown
	// Unknown: the request may have reached SQS but its answer was lost,
	// so the message may have been sent (a retry could duplicate it).
	Unknown bool
	// PossibleDuplicate: accepted, but an earlier attempt of the same
	// request may have been carried out too (its answer was lost and the
	// SDK retried), so a standard queue may hold it twice. Never set for a
	// FIFO queue, which drops the repeat.
	PossibleDuplicate bool
}

// DeleteReport says what DeleteMessages did.
type DeleteReport struct {
	Deleted []string         // message ids
	Failed  map[string]error // message id → SQS's reason
	Unknown []string         // answer lost: may or may not be deleted
	// AuditErr: the audit line, which keeps the deleted messages, could
	// not be written (see Operator).
	AuditErr error
}

// CreateSpec is a queue to create, with its optional DLQ.
type CreateSpec struct {
	Name       string // ".fifo" suffix for FIFO (the form enforces it)
	FIFO       bool
	Attributes map[string]string // VisibilityTimeout, MessageRetentionPeriod, DelaySeconds, ReceiveMessageWaitTimeSeconds, ContentBasedDeduplication
	// DLQ, when set, is created first and named in the source's
	// RedrivePolicy with MaxReceiveCount.
	DLQ             *CreateDLQ
	MaxReceiveCount int
}

// CreateDLQ is the DLQ created with a queue.
type CreateDLQ struct {
	Name      string        // FIFO when the source is; "<source>-dlq" by default
	Retention time.Duration // 14 days by default, SQS's maximum
}

// CreateReport lists what CreateQueue created, in order, even on failure.
type CreateReport struct {
	Created []string // queue URLs
	// Step names the step that failed ("create DLQ", "create queue",
	// "set redrive allow policy"), empty when all succeeded.
	Step string
	// AuditErr: the audit line could not be written (see Operator).
	AuditErr error
}
