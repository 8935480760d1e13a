// Package model holds sqscope's plain domain types and the pure functions on
// them. It imports nothing but the standard library so that every other
// package can depend on it and it can be table-tested in isolation.
package model

import "time"

// QueueType tells standard queues from FIFO queues.
type QueueType int

const (
	// Standard is an at-least-once, best-effort-ordering queue.
	Standard QueueType = iota
	// FIFO is an exactly-once, ordered-within-group queue (name ends in .fifo).
	FIFO
)

func (t QueueType) String() string {
	if t == FIFO {
		return "FIFO"
	}
	return "Standard"
}

// QueueStats are the approximate counts SQS reports for one queue.
type QueueStats struct {
	Visible  int64 // ApproximateNumberOfMessages
	InFlight int64 // ApproximateNumberOfMessagesNotVisible
	Delayed  int64 // ApproximateNumberOfMessagesDelayed
}

// Total is every message the queue holds, whatever its state.
func (s QueueStats) Total() int64 { return s.Visible + s.InFlight + s.Delayed }

// Queue is one SQS queue as the queue list shows it.
type Queue struct {
	Name string
	URL  string
	ARN  string
	Type QueueType

	Stats QueueStats
	// Redrive is the queue's own RedrivePolicy: where its failures go. Nil
	// when the queue has none (or it could not be parsed, see RedriveErr).
	Redrive *RedrivePolicy
	// RedriveErr is set when the RedrivePolicy attribute is present but
	// malformed. It is kept apart from Err because the counts are still good:
	// the row shows its numbers and only the DLQ link is missing.
	RedriveErr error

	VisibilityTimeout time.Duration
	RetentionPeriod   time.Duration
	DelaySeconds      time.Duration
	CreatedAt         time.Time

	// Attrs holds every attribute as returned, for the detail views.
	Attrs map[string]string

	// Err is set when this queue's attributes could not be read (access
	// denied, deleted meanwhile, …). The row stays in the list, marked.
	Err error
	// FetchedAt is when Stats were read.
	FetchedAt time.Time
}

// IsFIFO reports whether the queue is a FIFO queue.
func (q Queue) IsFIFO() bool { return q.Type == FIFO }
