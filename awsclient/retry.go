package awsclient

import (
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
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
