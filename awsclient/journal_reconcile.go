package awsclient

import (
	"context"
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/aws/smithy-go"
)

// Reconciling a journal with its DLQ. A journal can outlive the messages
// it speaks of: a move killed while its DeleteMessageBatch was in flight
// leaves "sent" lines for messages already deleted, and the DLQ may since
// have been emptied, purged or deleted. SQS cannot look a message up by
// id, and receiving the whole DLQ to find them would itself be a move, so
// entries are settled only when the DLQ holds no message at all — none
// visible, in flight or delayed, in two reads some time apart (the counts
// are approximate) — or no longer exists. Then no DLQ copy remains that a
// later move could send twice, and the journal is removed.

// reconcileRecheck is the pause between the two reads.
var reconcileRecheck = time.Second

// Reconciler settles journals; *SQS implements it. (It is apart from
// Mover so that existing fakes of Mover stay whole.)
type Reconciler interface {
	ReconcileJournal(ctx context.Context, dlqURL, path string) (JournalCheck, error)
}

var _ Reconciler = (*SQS)(nil)

// JournalCheck is what ReconcileJournal found.
type JournalCheck struct {
	// Settled: half-moved entries found to have nothing left in the DLQ;
	// the journal was removed with them.
	Settled int
	// Left is what the journal still holds (Left.Pending() == 0: nothing,
	// the file is gone).
	Left JournalInfo
	// The DLQ's counts when it was read, to say why entries were left:
	// "the DLQ still holds 12 messages: R finishes the move".
	Visible, InFlight, Delayed int
	// Gone: the DLQ no longer exists, so neither do its copies.
	Gone bool
}

// ReconcileJournal settles the journal at path (the journal of the DLQ at
// dlqURL; see JournalPath) against the DLQ: if the DLQ holds no message
// at all, or no longer exists, every entry is settled and the file
// removed. Otherwise nothing changes, and the check says what the DLQ
// holds: only a client-side Move with the journal can finish those
// messages without sending any twice. Call it at start-up for each of
// Journals() whose DLQ is known, and before offering DismissJournal. It
// reads the DLQ's attributes twice, reconcileRecheck apart; it never
// receives. It fails with ErrJournalInUse while a Move has the journal.
func (s *SQS) ReconcileJournal(ctx context.Context, dlqURL, path string) (JournalCheck, error) {
	release, err := claimJournal(path)
	if err != nil {
		return JournalCheck{}, err
	}
	defer release()
	info, err := ReadJournal(path)
	if err != nil {
		return JournalCheck{Left: info}, err
	}
	check := JournalCheck{Left: info}
	if info.Pending() > 0 {
		empty, err := s.dlqEmpty(ctx, dlqURL, &check)
		if err != nil || !empty {
			return check, err
		}
	}
	// Nothing half-moved (any more): the file is no news.
	if err := os.Remove(path); err != nil && !errors.Is(err, os.ErrNotExist) {
		return check, fmt.Errorf("move journal: %w", err)
	}
	check.Settled, check.Left = info.Pending(), JournalInfo{Key: info.Key, Path: path}
	return check, nil
}

// dlqEmpty reads the DLQ's counts twice; true when both reads found
// nothing, or the queue is gone.
func (s *SQS) dlqEmpty(ctx context.Context, dlqURL string, check *JournalCheck) (bool, error) {
	for read := 0; read < 2; read++ {
		if read > 0 && !sleepCtx(ctx, reconcileRecheck) {
			return false, ctx.Err()
		}
		attrs, err := s.queueAttrs(ctx, dlqURL, "ApproximateNumberOfMessages",
			"ApproximateNumberOfMessagesNotVisible", "ApproximateNumberOfMessagesDelayed")
		var apiErr smithy.APIError
		if errors.As(err, &apiErr) && notExistCodes[apiErr.ErrorCode()] {
			check.Gone = true
			return true, nil
		}
		if err != nil {
			return false, err
		}
		check.Visible = atoi(attrs["ApproximateNumberOfMessages"])
		check.InFlight = atoi(attrs["ApproximateNumberOfMessagesNotVisible"])
		check.Delayed = atoi(attrs["ApproximateNumberOfMessagesDelayed"])
		if check.Visible+check.InFlight+check.Delayed > 0 {
			return false, nil
		}
	}
	return true, nil
}
