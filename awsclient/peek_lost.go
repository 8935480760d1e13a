package awsclient

import (
	"context"
	"errors"
	"net"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/sqs"
	"github.com/aws/smithy-go/middleware"
	smithyhttp "github.com/aws/smithy-go/transport/http"
)

// A lost receive is a ReceiveMessage attempt whose request may have reached
// SQS while its answer never reached us: a timeout, a reset connection, a
// 5xx or an unreadable answer. SQS may have hidden messages for the hold,
// and without their receipt handles nobody can release them. The SDK
// retries such an attempt and the retry finds those messages hidden, so a
// page can look like the end of the queue when it is not. Lost receives
// are counted per attempt (the SDK's retries hide them from the caller)
// and reported on every page and by Release until their holds end.

// attemptTally watches the attempts of one ReceiveMessage call.
type attemptTally struct {
	mu     sync.Mutex
	lost   int  // attempts whose outcome is unknown
	lastOK bool // the latest attempt got an answer SQS sent and we read
}

// option installs the tally's per-attempt middleware on one call. It goes
// at the end of the Finalize step, after the retry middleware, so it wraps
// each attempt separately.
func (a *attemptTally) option(o *sqs.Options) {
	o.APIOptions = append(o.APIOptions, func(stack *middleware.Stack) error {
		return stack.Finalize.Add(middleware.FinalizeMiddlewareFunc("sqscopeLostReceives",
			func(ctx context.Context, in middleware.FinalizeInput, next middleware.FinalizeHandler) (middleware.FinalizeOutput, middleware.Metadata, error) {
				out, md, err := next.HandleFinalize(ctx, in)
				a.mu.Lock()
				a.lastOK = err == nil
				if err != nil && outcomeUnknown(err) {
					a.lost++
				}
				a.mu.Unlock()
				return out, md, err
			}), middleware.After)
	})
}

// lostAfter is how many receives this call lost, given its final error.
// A call that failed after its last attempt was answered lost that
// answer's messages too (the SDK's MD5 check, which runs after the
// attempts, threw them away).
func (a *attemptTally) lostAfter(callErr error) int {
	a.mu.Lock()
	defer a.mu.Unlock()
	n := a.lost
	if callErr != nil && a.lastOK {
		n++
	}
	return n
}

// outcomeUnknown reports whether an attempt that failed with err may have
// been carried out by SQS. Only two failures prove it was not: SQS's own
// 4xx refusal (throttling, a bad parameter, no such queue), and a
// connection that was never made. Anything else — a 5xx, a 2xx we could
// not read, a reset or timeout after the request went out — may have
// hidden messages.
func outcomeUnknown(err error) bool {
	var re *smithyhttp.ResponseError
	if errors.As(err, &re) {
		code := re.HTTPStatusCode()
		return code < 400 || code >= 500
	}
	var oe *net.OpError
	if errors.As(err, &oe) && oe.Op == "dial" {
		return false
	}
	return true
}

// noteLost records n lost receives, whose holds end at the latest a hold
// after now: SQS started them before we learned they were lost.
func (p *peekSession) noteLost(n int) {
	if n <= 0 {
		return
	}
	until := time.Now().Add(time.Duration(p.holdSec) * time.Second)
	p.mu.Lock()
	defer p.mu.Unlock()
	for range n {
		p.lost = append(p.lost, until)
	}
}

// lostHolds counts the lost receives whose holds may still hide messages
// and says when the last of them ends; the rest are forgotten.
func (p *peekSession) lostHolds() (n int, until time.Time) {
	now := time.Now()
	p.mu.Lock()
	defer p.mu.Unlock()
	live := p.lost[:0]
	for _, u := range p.lost {
		if now.Before(u) {
			live = append(live, u)
			if u.After(until) {
				until = u
			}
		}
	}
	p.lost = live
	return len(live), until
}
