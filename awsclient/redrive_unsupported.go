package awsclient

import (
	"errors"
	"net/http"

	"github.com/aws/aws-sdk-go-v2/aws"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	"github.com/aws/smithy-go"
)

// unknownOperationCodes are how SQS-compatible servers say "no such
// action". UnsupportedOperation is also SQS's answer to a second task on
// one queue; StartRedrive turns that case into a TaskActiveError first.
var unknownOperationCodes = set("UnknownOperationException", "UnknownOperation",
	"InvalidAction", "UnsupportedOperation", "AWS.SimpleQueueService.UnsupportedOperation",
	"NotImplemented", "NotImplementedException")

// NativeUnsupported reports whether err means the endpoint does not have
// the move-task API at all, so the UI should fall back to a client-side
// Move. moto 5.2.1 answers these actions with an HTML 500 page; other
// emulators say UnknownOperation, InvalidAction, 501 or 404. A real SQS
// 500 carries a JSON error body and is not taken for a missing API.
func NativeUnsupported(err error) bool {
	if err == nil {
		return false
	}
	var active *TaskActiveError
	if errors.As(err, &active) {
		return false
	}
	var apiErr smithy.APIError
	if errors.As(err, &apiErr) && unknownOperationCodes[apiErr.ErrorCode()] {
		return true
	}
	var re *awshttp.ResponseError
	if !errors.As(err, &re) {
		return false
	}
	switch status := re.HTTPStatusCode(); {
	case status == http.StatusNotImplemented || status == http.StatusNotFound:
		return true
	case status >= 500:
		// The body could not be read as an AWS JSON error: not an SQS
		// service error but a server that crashed on the unknown action.
		var de *smithy.DeserializationError
		return errors.As(err, &de)
	}
	return false
}

// noRetryIfUnsupported is a per-call option for the move-task calls: the
// standard retryer would retry moto's 500 five times, with backoff, before
// the UI could fall back.
func noRetryIfUnsupported(o *sqs.Options) {
	if r, ok := o.Retryer.(aws.RetryerV2); ok {
		o.Retryer = unsupportedNoRetry{r}
	}
}

type unsupportedNoRetry struct{ aws.RetryerV2 }

func (r unsupportedNoRetry) IsErrorRetryable(err error) bool {
	return !NativeUnsupported(err) && r.RetryerV2.IsErrorRetryable(err)
}
