package awsclient

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	"github.com/aws/aws-sdk-go-v2/service/sqs/types"
	"github.com/aws/smithy-go"
	"golang.org/x/sync/errgroup"
)

// EntryError is one entry of a batch call that SQS refused while the call
// as a whole succeeded (HTTP 200 with a Failed list).
type EntryError struct {
	Op      string // e.g. "ChangeMessageVisibilityBatch"
	Queue   string // queue name
	Code    string
	Message string
}

func (e *EntryError) Error() string {
	return fmt.Sprintf("%s on %s: %s: %s", e.Op, e.Queue, e.Code, e.Message)
}

// heldEntry is one hold to give back.
type heldEntry struct {
	id string
	hold
}

// Release first waits for receives still in flight (their messages must be
// released too), then resets every live hold. Releases run with the
// client's own Concurrency rather than the peek's: unlike a receive, a
// reset costs the messages nothing, and on quit it should be quick.
func (p *peekSession) Release(ctx context.Context) (ReleaseReport, error) {
	var rep ReleaseReport
	if err := p.waitReceives(ctx); err != nil {
		return rep, err
	}
	live := p.liveHolds(&rep)
	var mu sync.Mutex
	var g errgroup.Group
	g.SetLimit(p.s.cfg.Concurrency)
	for start := 0; start < len(live); start += maxBatch {
		batch := live[start:min(start+maxBatch, len(live))]
		g.Go(func() error {
			r := p.releaseBatch(ctx, batch)
			mu.Lock()
			rep.Released += r.Released
			rep.Expired += r.Expired
			rep.Failed += r.Failed
			rep.Errs = append(rep.Errs, r.Errs...)
			mu.Unlock()
			return nil
		})
	}
	_ = g.Wait() // batches report through rep
	rep.LostReceives, rep.LostHoldUntil = p.lostHolds()
	if rep.Failed > 0 {
		return rep, fmt.Errorf("%d of %d peeked messages still held (visible again when the hold ends): %w",
			rep.Failed, len(live), rep.Errs[0])
	}
	return rep, nil
}

// waitReceives waits until no receive is in flight, including any a Next
// still running starts meanwhile.
func (p *peekSession) waitReceives(ctx context.Context) error {
	for {
		p.mu.Lock()
		var wait chan struct{}
		for _, d := range p.calls {
			wait = d
			break
		}
		p.mu.Unlock()
		if wait == nil {
			return nil
		}
		select {
		case <-wait:
		case <-ctx.Done():
			return fmt.Errorf("releasing peeked messages of %s: %w", p.queue, ctx.Err())
		}
	}
}

// liveHolds returns the holds to release and forgets (counting as Expired)
// those already over: SQS has made those messages visible by itself.
func (p *peekSession) liveHolds(rep *ReleaseReport) []heldEntry {
	now := time.Now()
	p.mu.Lock()
	defer p.mu.Unlock()
	live := make([]heldEntry, 0, len(p.held))
	for id, h := range p.held {
		if !now.Before(h.until) {
			rep.Expired++
			delete(p.held, id)
			continue
		}
		live = append(live, heldEntry{id: id, hold: h})
	}
	return live
}

// releaseBatch resets up to 10 holds in one call. Entries released or found
// expired are forgotten; failed ones stay held, so Release can be retried.
func (p *peekSession) releaseBatch(ctx context.Context, batch []heldEntry) ReleaseReport {
	var rep ReleaseReport
	entries := make([]types.ChangeMessageVisibilityBatchRequestEntry, len(batch))
	for i, e := range batch {
		entries[i] = types.ChangeMessageVisibilityBatchRequestEntry{
			Id:            aws.String(strconv.Itoa(i)),
			ReceiptHandle: aws.String(e.handle),
			// Sent even though it is zero: this member is required, so the
			// SDK serializes it always (unlike ReceiveMessage's).
			VisibilityTimeout: 0,
		}
	}
	var out *sqs.ChangeMessageVisibilityBatchOutput
	err := p.s.call(ctx, p.queue, func(ctx context.Context) (err error) {
		out, err = p.s.api.ChangeMessageVisibilityBatch(ctx, &sqs.ChangeMessageVisibilityBatchInput{
			QueueUrl: aws.String(p.url),
			Entries:  entries,
		})
		return err
	})
	if err != nil {
		if queueGone(err) {
			// Deleted meanwhile: its messages are gone, none is hidden.
			rep.Expired = len(batch)
			p.forget(batch)
			return rep
		}
		rep.Failed = len(batch)
		rep.Errs = append(rep.Errs, err)
		return rep
	}
	done := make([]heldEntry, 0, len(batch))
	answered := map[string]bool{}
	for _, ok := range out.Successful {
		id := aws.ToString(ok.Id)
		if i, err := strconv.Atoi(id); err == nil && i >= 0 && i < len(batch) && !answered[id] {
			answered[id] = true
			rep.Released++
			done = append(done, batch[i])
		}
	}
	for _, f := range out.Failed {
		id := aws.ToString(f.Id)
		i, err := strconv.Atoi(id)
		if err != nil || i < 0 || i >= len(batch) || answered[id] {
			continue
		}
		answered[id] = true
		code, msg := aws.ToString(f.Code), aws.ToString(f.Message)
		if holdIsOver(code, msg) {
			rep.Expired++
			done = append(done, batch[i])
			continue
		}
		rep.Failed++
		rep.Errs = append(rep.Errs, &EntryError{Op: "ChangeMessageVisibilityBatch", Queue: p.queue, Code: code, Message: msg})
	}
	// An entry SQS did not mention at all is still held as far as we know.
	if missing := len(batch) - len(answered); missing > 0 {
		rep.Failed += missing
		rep.Errs = append(rep.Errs, fmt.Errorf("ChangeMessageVisibilityBatch on %s: %d entries not answered", p.queue, missing))
	}
	p.forget(done)
	return rep
}

// forget drops holds that are over, unless the message was received again
// meanwhile (a newer handle is a new hold).
func (p *peekSession) forget(done []heldEntry) {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, e := range done {
		if h, ok := p.held[e.id]; ok && h.handle == e.handle {
			delete(p.held, e.id)
		}
	}
}

func queueGone(err error) bool {
	var apiErr smithy.APIError
	return errors.As(err, &apiErr) && notExistCodes[apiErr.ErrorCode()]
}

// holdIsOver tells a per-entry failure that means "this message is not held
// by this handle any more" — the hold ran out (MessageNotInflight), the
// message was received again by someone (the handle "has expired") or
// deleted by a consumer — from a real failure. In each of these cases the
// message is not hidden by us, which is all Release is for.
func holdIsOver(code, msg string) bool {
	if strings.HasSuffix(code, "MessageNotInflight") {
		return true
	}
	m := strings.ToLower(msg)
	return strings.Contains(m, "expired") || strings.Contains(m, "does not exist") ||
		strings.Contains(m, "not in flight") || strings.Contains(m, "not inflight")
}
