package awsclient

import (
	"context"
	"errors"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	"github.com/aws/smithy-go"
)

// newRetryer is the SDK's standard retryer (exponential backoff with full
// jitter; throttling codes such as ThrottlingException and RequestThrottled,
// 5xx, and connection errors are retryable) with more attempts than the
// SDK's 3, because a 2,000-queue fan-out is exactly what trips throttling,
// and a shorter backoff cap so a refresh is not stuck for 20 s.
//
// The SDK's client-side retry quota (a token bucket shared by all calls of
// this client) is kept: under sustained throttling it makes further calls
// fail fast rather than pile on, and those rows are retried on the next
// refresh.
func newRetryer(cfg Config) aws.Retryer {
	return retry.NewStandard(func(o *retry.StandardOptions) {
		o.MaxAttempts = cfg.MaxAttempts
		o.MaxBackoff = cfg.MaxBackoff
	})
}

// noSDKRetries is a per-call option for calls that are not idempotent
// (a send, a move task's start): the SDK would retry a failed request
// unseen, and each of its attempts may have been carried out. Their
// callers retry themselves, after journaling the attempt or looking for
// its effect.
func noSDKRetries(o *sqs.Options) { o.Retryer = aws.NopRetryer{} }

// throttled reports a throttling answer to a whole request. SQS sends it
// before acting, but sqscope counts it as an unknown outcome all the same:
// a proxy or gateway in between may answer so after forwarding, and a
// duplicate must never go uncounted.
func throttled(err error) bool {
	var apiErr smithy.APIError
	return errors.As(err, &apiErr) && isThrottleCode(apiErr.ErrorCode())
}

// sleepCtx waits d; false when ctx ended first.
func sleepCtx(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(max(d, 0))
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}
