package awsclient

import (
	"context"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	"github.com/aws/aws-sdk-go-v2/service/sqs/types"

	"github.com/sqscope/sqscope/model"
)

// Peek defaults. DefaultPeekConcurrency comes from BenchmarkPeek1000 (1,000
// messages, 20 ms per call, on a 2-core box): 1 in flight took 2.2 s, 4 took
// 0.58 s, 8 took 0.31 s, 16 took 0.17 s, all within 1.25× of the bound. 8
// halves 4's time; 16 only pays off past a few hundred messages in one
// call, and a peek never receives more than asked whatever the value.
const (
	DefaultPeekHold        = 30 * time.Second
	DefaultPeekConcurrency = 8

	// peekWaitSeconds makes every receive a long poll: a long poll asks all
	// of SQS's servers, while a short poll samples a few and can come back
	// empty from a queue that has messages.
	peekWaitSeconds = 1
	// peekEmptyStreak receives in a row that bring nothing new end a Next
	// call and mark the page Exhausted.
	peekEmptyStreak = 2
	maxBatch        = 10 // SQS's limit per receive and per batch call
	maxHoldSeconds  = 43200
)

// OpenPeek starts a peek session on one queue. It makes no call yet.
//
// In read-only mode it peeks only a queue without a redrive policy (most
// DLQs): every Next first reads the policy, and on a queue that has one it
// receives nothing and returns a *PeekRiskError, because a receive could
// move messages to the DLQ. The guard refuses any receive that did not pass
// this check (see guardReceive) and lets the reset through, so nothing
// peeked is left hidden. A peek never deletes or sends.
func (s *SQS) OpenPeek(queueURL string, o PeekOptions) Peek {
	if o.Hold <= 0 {
		o.Hold = DefaultPeekHold
	}
	if o.Concurrency <= 0 {
		o.Concurrency = DefaultPeekConcurrency
	}
	return &peekSession{
		s:       s,
		url:     queueURL,
		queue:   model.NameFromURL(queueURL),
		holdSec: holdSeconds(o.Hold),
		conc:    o.Concurrency,
		maxN:    o.MaxNumber,
		held:    map[string]hold{},
		seen:    map[string]struct{}{},
		calls:   map[uint64]chan struct{}{},
	}
}

// holdSeconds rounds a hold up to whole seconds within SQS's range. Never
// 0: the SDK omits a zero VisibilityTimeout, which means the queue default.
func holdSeconds(d time.Duration) int32 {
	s := (d + time.Second - 1) / time.Second
	return int32(min(max(s, 1), maxHoldSeconds))
}

// hold is the session's claim on one message: the newest receipt handle
// (an older one is stale once the message was received again) and the
// latest moment SQS can still be hiding the message.
type hold struct {
	handle string
	until  time.Time
}

type peekSession struct {
	s       *SQS
	url     string
	queue   string // name, for errors
	holdSec int32
	conc    int
	maxN    int

	mu      sync.Mutex
	held    map[string]hold          // by MessageId
	seen    map[string]struct{}      // MessageIds ever received
	pending []model.Message          // received, not yet returned by Next
	again   map[string]model.Message // received again since the last Next
	calls   map[uint64]chan struct{}
	callID  uint64
	lost    []time.Time // hold ends of lost receives (peek_lost.go)
}

// receiveResult is one receive's tally; its messages are already recorded.
type receiveResult struct {
	asked, received, fresh, dupes int
	err                           error
}

// Next keeps at most Concurrency receives in flight, each asking only for
// what is still missing, so a peek never receives (and costs a receive
// count to) more messages than n beyond duplicates.
func (p *peekSession) Next(ctx context.Context, n int) (PeekPage, error) {
	if p.maxN > 0 && n > p.maxN {
		n = p.maxN
	}
	if p.s.cfg.ReadOnly {
		var err error
		if ctx, err = p.clearReceives(ctx); err != nil {
			return PeekPage{}, err // nothing received; earlier pending stays for later
		}
	}
	var page PeekPage
	page.Messages = p.takePending(n)
	got := len(page.Messages)
	results := make(chan receiveResult, p.conc) // never blocks a receive
	var inflight, reserved, empties int
	var err error
	stop := false
	for {
		for !stop && inflight < p.conc && got+reserved < n {
			ask := min(maxBatch, n-got-reserved)
			if !p.startReceive(ctx, ask, results) {
				break
			}
			inflight++
			reserved += ask
		}
		if inflight == 0 {
			break
		}
		select {
		case r := <-results:
			inflight--
			reserved -= r.asked
			got += r.fresh
			page.Received += r.received
			page.Duplicates += r.dupes
			if r.err != nil {
				if err == nil {
					err = r.err
				}
				stop = true
				continue
			}
			if r.fresh == 0 {
				empties++
			} else {
				empties = 0
			}
			// One empty long poll once messages have come is reason
			// enough to show them rather than wait out another poll; the
			// next call makes sure.
			stop = stop || empties >= peekEmptyStreak || (empties > 0 && got > 0)
		case <-ctx.Done():
			// The receives in flight finish on their own and leave their
			// messages in pending, held, for Release or the next Next.
			inflight = 0
			err = ctx.Err()
		}
	}
	if err == nil && got < n && ctx.Err() != nil {
		err = ctx.Err() // ended between receives: the page is short because of it
	}
	page.Exhausted = empties >= peekEmptyStreak
	page.LostReceives, page.LostHoldUntil = p.lostHolds()
	page.Messages = append(page.Messages, p.takePending(n-len(page.Messages))...)
	page.Again = p.takeAgain()
	return page, err
}

// takeAgain removes and returns the messages received again, in no
// particular order.
func (p *peekSession) takeAgain() []model.Message {
	p.mu.Lock()
	defer p.mu.Unlock()
	out := make([]model.Message, 0, len(p.again))
	for _, m := range p.again {
		out = append(out, m)
	}
	p.again = nil
	return out
}

// startReceive sends one receive in its own goroutine, unless ctx has
// ended. Once started it runs to the end under a context that ignores
// ctx's cancellation (s.call still bounds it with CallTimeout): SQS may
// already have hidden the messages, and only the response tells which, so
// abandoning it would leave them hidden for the whole hold with nobody to
// release them.
//
// ctx is checked under the lock Release takes to find the receives in
// flight: so once a caller has cancelled ctx and then called Release, no
// receive can start that Release does not wait for.
func (p *peekSession) startReceive(ctx context.Context, ask int, out chan<- receiveResult) bool {
	done := make(chan struct{})
	p.mu.Lock()
	if ctx.Err() != nil {
		p.mu.Unlock()
		return false
	}
	id := p.callID
	p.callID++
	p.calls[id] = done
	p.mu.Unlock()
	rctx := context.WithoutCancel(ctx)
	go func() {
		r := p.receive(rctx, ask)
		p.mu.Lock()
		delete(p.calls, id)
		p.mu.Unlock()
		close(done)
		out <- r
	}()
	return true
}

// receive runs one ReceiveMessage and records what it brought.
func (p *peekSession) receive(ctx context.Context, ask int) receiveResult {
	r := receiveResult{asked: ask}
	var out *sqs.ReceiveMessageOutput
	var tally attemptTally
	defer func() { p.noteLost(tally.lostAfter(r.err)) }()
	r.err = p.s.call(ctx, p.queue, func(ctx context.Context) (err error) {
		out, err = p.s.api.ReceiveMessage(ctx, &sqs.ReceiveMessageInput{
			QueueUrl:              aws.String(p.url),
			MaxNumberOfMessages:   int32(ask),
			VisibilityTimeout:     p.holdSec,
			WaitTimeSeconds:       peekWaitSeconds,
			MessageAttributeNames: []string{"All"},
			MessageSystemAttributeNames: []types.MessageSystemAttributeName{
				types.MessageSystemAttributeNameAll},
			// The deprecated spelling too: some emulators read only it.
			AttributeNames: []types.QueueAttributeName{types.QueueAttributeNameAll},
		}, tally.option)
		return err
	})
	if r.err != nil {
		return r
	}
	// SQS started each hold before it answered, so now+hold is the latest
	// it can end: Release never skips a message that might still be hidden.
	until := time.Now().Add(time.Duration(p.holdSec) * time.Second)
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, m := range out.Messages {
		id := aws.ToString(m.MessageId)
		if old, ok := p.held[id]; !ok || !until.Before(old.until) {
			p.held[id] = hold{handle: aws.ToString(m.ReceiptHandle), until: until}
		}
		r.received++
		if _, dup := p.seen[id]; dup {
			r.dupes++
			if p.again == nil {
				p.again = map[string]model.Message{}
			}
			p.again[id] = messageFromSDK(m)
			continue
		}
		p.seen[id] = struct{}{}
		r.fresh++
		p.pending = append(p.pending, messageFromSDK(m))
	}
	return r
}

// takePending removes and returns up to n received, unreturned messages.
func (p *peekSession) takePending(n int) []model.Message {
	p.mu.Lock()
	defer p.mu.Unlock()
	n = max(0, min(n, len(p.pending)))
	out := append([]model.Message(nil), p.pending[:n]...)
	p.pending = append(p.pending[:0:0], p.pending[n:]...)
	return out
}

// Holds reports whether the hold on id has not run out and was not
// released.
func (p *peekSession) Holds(id string) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	h, ok := p.held[id]
	return ok && time.Now().Before(h.until)
}

// Held counts the holds that have not run out and were not released.
func (p *peekSession) Held() int {
	now := time.Now()
	p.mu.Lock()
	defer p.mu.Unlock()
	n := 0
	for _, h := range p.held {
		if now.Before(h.until) {
			n++
		}
	}
	return n
}
