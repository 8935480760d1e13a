package awsclient

import (
	"context"
	"errors"
	"net/http"
	"strconv"

	"github.com/aws/smithy-go"
	"github.com/aws/smithy-go/middleware"
	smithyhttp "github.com/aws/smithy-go/transport/http"
)

// UnavailableError means CloudWatch cannot be used in this session: asking
// again would fail the same way (and still be billed where it reached
// AWS). Its message is one short line for the metrics pane.
type UnavailableError struct {
	Why string
	Err error // the call's error; nil when turned off
	Off bool  // turned off by the user (--no-cloudwatch), not refused
}

func (e *UnavailableError) Error() string {
	if e.Off {
		return "CloudWatch off (" + e.Why + ")"
	}
	return "CloudWatch unavailable: " + e.Why
}

func (e *UnavailableError) Unwrap() error { return e.Err }

// ErrNoCloudWatch is what the UI shows when CloudWatch was turned off.
var ErrNoCloudWatch = &UnavailableError{Why: "--no-cloudwatch", Off: true}

// Unavailable reports whether err means CloudWatch cannot be used at all,
// and says so in one line: "CloudWatch unavailable: access denied to
// GetMetricData", "CloudWatch off (--no-cloudwatch)".
func Unavailable(err error) (line string, ok bool) {
	var ue *UnavailableError
	if errors.As(err, &ue) {
		return ue.Error(), true
	}
	return "", false
}

// Codes that mean the endpoint speaks AWS but has no CloudWatch: an SQS
// emulator asked an operation it does not know.
var notServedCodes = set("UnknownOperationException", "UnknownOperation", "InvalidAction",
	"UnsupportedOperation", "NotImplemented")

// classifyCloudWatch wraps the errors that make CloudWatch unusable in an
// UnavailableError; the rest (throttling, timeouts, a server error, the
// network) are returned as they are, to be tried again a minute later.
func classifyCloudWatch(err error) error {
	if err == nil || errors.Is(err, context.Canceled) {
		return err
	}
	var apiErr smithy.APIError
	if errors.As(err, &apiErr) {
		switch code := apiErr.ErrorCode(); {
		case accessDeniedCodes[code] || code == "AccessDeniedException":
			return &UnavailableError{Why: "access denied to GetMetricData", Err: err}
		case badCredentialCodes[code]:
			return &UnavailableError{Why: "CloudWatch rejected the credentials (" + code + ")", Err: err}
		case notServedCodes[code]:
			return &UnavailableError{Why: "the endpoint does not serve CloudWatch (" + code + ")", Err: err}
		}
	}
	// An answer that is not CloudWatch's CBOR, or a path the server does
	// not know: an SQS-only endpoint (an emulator, a proxy).
	var de *smithy.DeserializationError
	if errors.As(err, &de) {
		return &UnavailableError{Why: "the endpoint does not serve CloudWatch", Err: err}
	}
	var re *smithyhttp.ResponseError
	if errors.As(err, &re) {
		switch s := re.HTTPStatusCode(); s {
		case http.StatusNotFound, http.StatusMethodNotAllowed, http.StatusNotImplemented:
			return &UnavailableError{Why: "the endpoint does not serve CloudWatch (HTTP " + strconv.Itoa(s) + ")", Err: err}
		}
	}
	return err
}

// cloudWatchReads are the CloudWatch operations sqscope may call. The
// client refuses every other one whether or not --read-only is given:
// watching queues never changes alarms, dashboards or metrics.
var cloudWatchReads = map[string]bool{"GetMetricData": true, "ListMetrics": true}

// cloudWatchReadsOnly is installed in the CloudWatch client's APIOptions,
// so it runs before signing, retrying or any network I/O. It stands in
// for SQS's read-only guard, whose allow-list names SQS operations only
// (it would refuse GetMetricData as unknown).
func cloudWatchReadsOnly(stack *middleware.Stack) error {
	op := stack.ID()
	if cloudWatchReads[op] {
		return nil
	}
	return stack.Initialize.Add(middleware.InitializeMiddlewareFunc("sqscopeCloudWatchReadsOnly",
		func(ctx context.Context, in middleware.InitializeInput, next middleware.InitializeHandler) (middleware.InitializeOutput, middleware.Metadata, error) {
			return middleware.InitializeOutput{}, middleware.Metadata{}, &ReadOnlyError{Op: op, Why: "sqscope only reads CloudWatch"}
		}), middleware.Before)
}
