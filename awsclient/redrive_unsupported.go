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
// Move. Only a definite answer counts: UnknownOperation, InvalidAction,
// UnsupportedOperation with no task running, a 501 or 404, or moto 5.2.1's
// HTML 500 page for both StartMessageMoveTask and ListMessageMoveTasks. A
// StartUnknownError, an SQS 500 with a JSON error body, and a gateway's
// 502, 503 or 504 page are not: the task may have started.
func NativeUnsupported(err error) bool {
	if err == nil {
		return false
	}
	var active *TaskActiveError
	var unknown *StartUnknownError
	if errors.As(err, &active) || errors.As(err, &unknown) {
		return false
	}
	return definitelyMissingOrMoto(err)
}

// definitelyMissing: the server said it has no such action.
func definitelyMissing(err error) bool {
	var apiErr smithy.APIError
	if errors.As(err, &apiErr) && unknownOperationCodes[apiErr.ErrorCode()] {
		return true
	}
	var re *awshttp.ResponseError
	if !errors.As(err, &re) {
		return false
	}
	status := re.HTTPStatusCode()
	return status == http.StatusNotImplemented || status == http.StatusNotFound
}

// definitelyMissingOrMoto adds moto's answer to an action it lacks: a 500
// whose body is an HTML page, not an AWS JSON error. Alone it could be any
// crashed server; StartRedrive takes it for a missing API only when the
// listing answers it too.
func definitelyMissingOrMoto(err error) bool {
	if definitelyMissing(err) {
		return true
	}
	var re *awshttp.ResponseError
	var de *smithy.DeserializationError
	return errors.As(err, &re) && re.HTTPStatusCode() == http.StatusInternalServerError && errors.As(err, &de)
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
