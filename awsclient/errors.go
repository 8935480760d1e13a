package awsclient

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/url"
	"strings"
	"syscall"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws/ratelimit"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	"github.com/aws/smithy-go"
)

// CredentialsError means no usable AWS credentials were found. Its message
// is meant to be printed as is, instead of starting the TUI.
type CredentialsError struct {
	Cause    error
	NoRegion bool   // no region was found either
	Profile  string // the profile asked for with --profile; "" when none
}

func (e *CredentialsError) Error() string {
	// With a profile named, the fix names it too (an SSO login for that
	// profile, or configuring it): the generic advice would say to pass
	// the --profile that was passed.
	if e.Profile != "" && !e.NoRegion && e.Cause != nil {
		return IdentityProblem(&CredentialsError{Cause: e.Cause}, e.Profile, false)
	}
	what, region := "no AWS credentials found", ""
	if e.NoRegion {
		what = "no AWS credentials and no region found"
		region = "; and set AWS_REGION (or pass --region)"
	}
	return what + ": set AWS_PROFILE (or pass --profile), " +
		"or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or run `aws sso login` " +
		"for an SSO profile" + region + "; to look around without an AWS account, run `sqscope --demo`"
}

func (e *CredentialsError) Unwrap() error { return e.Cause }

// QueueError ties a failed call to the queue it was about, so Describe can
// name the queue.
type QueueError struct {
	Queue string // queue name
	Err   error
}

func (e *QueueError) Error() string { return e.Queue + ": " + e.Err.Error() }
func (e *QueueError) Unwrap() error { return e.Err }

// TimeoutError is a call that ran out of its own CallTimeout (not one whose
// caller gave up), so Describe can say how long it waited.
type TimeoutError struct {
	After time.Duration
	Err   error
}

func (e *TimeoutError) Error() string { return fmt.Sprintf("timed out after %s: %v", e.After, e.Err) }
func (e *TimeoutError) Unwrap() error { return e.Err }

// Error codes as SQS sends them in both protocols: the JSON __type and the
// legacy query code from x-amzn-query-error, which the SDK prefers.
var (
	accessDeniedCodes = set("AccessDenied", "AccessDeniedException", "UnauthorizedOperation",
		"AWS.SimpleQueueService.UnauthorizedOperation", "KMS.AccessDeniedException")
	notExistCodes = set("QueueDoesNotExist", "AWS.SimpleQueueService.NonExistentQueue",
		"QueueDeletedRecently", "AWS.SimpleQueueService.QueueDeletedRecently")
	badCredentialCodes = set("InvalidClientTokenId", "UnrecognizedClientException",
		"ExpiredToken", "ExpiredTokenException", "SignatureDoesNotMatch",
		"InvalidSecurity", "AWS.SimpleQueueService.InvalidSecurity", "MissingAuthenticationToken")
)

func set(codes ...string) map[string]bool {
	m := make(map[string]bool, len(codes))
	for _, c := range codes {
		m[c] = true
	}
	return m
}

// Describe turns an error from this package into one short line for the
// status bar, e.g. "access denied: GetQueueAttributes on orders".
func Describe(err error) string {
	if err == nil {
		return ""
	}
	var risk *PeekRiskError
	if errors.As(err, &risk) {
		return shorten(risk.short())
	}
	var ro *ReadOnlyError
	if errors.As(err, &ro) {
		return ro.Error()
	}
	var ce *CredentialsError
	if errors.As(err, &ce) {
		return ce.Error()
	}
	var purge *PurgeInProgressError
	if errors.As(err, &purge) {
		return shorten(purge.Error())
	}
	op, queue, where := whereOf(err)
	var te *TimeoutError
	switch {
	case errors.As(err, &te):
		return fmt.Sprintf("timed out after %s: %s", te.After, where)
	case errors.Is(err, context.DeadlineExceeded):
		return "timed out: " + where
	case errors.Is(err, context.Canceled):
		return "cancelled: " + where
	}
	var apiErr smithy.APIError
	if errors.As(err, &apiErr) {
		return describeAPI(apiErr, op, queue, where, err)
	}
	if host, cause, ok := networkCause(err); ok {
		return fmt.Sprintf("cannot reach %s: %s", host, cause)
	}
	// The SDK joins this to the error that caused the retry, so it is only
	// the whole story when nothing above matched.
	var quota ratelimit.QuotaExceededError
	if errors.As(err, &quota) {
		return "too many failed calls, not retrying for now: " + where
	}
	return shorten(err.Error())
}

func describeAPI(apiErr smithy.APIError, op, queue, where string, err error) string {
	code := apiErr.ErrorCode()
	switch {
	case accessDeniedCodes[code]:
		return "access denied: " + where
	case notExistCodes[code]:
		if queue == "" {
			return "queue deleted"
		}
		return "queue deleted: " + queue
	case isThrottleCode(code):
		msg := "throttled by SQS: " + where
		var gaveUp *retry.MaxAttemptsError
		if errors.As(err, &gaveUp) {
			msg += fmt.Sprintf(" (gave up after %d attempts)", gaveUp.Attempt)
		}
		return msg
	case badCredentialCodes[code]:
		return fmt.Sprintf("credentials rejected (%s): check AWS_PROFILE / AWS_ACCESS_KEY_ID, or run `aws sso login`", code)
	}
	msg := strings.TrimSpace(apiErr.ErrorMessage())
	if msg == "" {
		return shorten(fmt.Sprintf("%s: %s", where, code))
	}
	return shorten(fmt.Sprintf("%s: %s: %s", where, code, msg))
}

func isThrottleCode(code string) bool {
	_, ok := retry.DefaultThrottleErrorCodes[code]
	return ok
}

// whereOf names the operation and queue an error is about, as
// "GetQueueAttributes on orders".
func whereOf(err error) (op, queue, where string) {
	var oe *smithy.OperationError
	if errors.As(err, &oe) {
		op = oe.OperationName
	}
	var qe *QueueError
	if errors.As(err, &qe) {
		queue = qe.Queue
	}
	switch {
	case op != "" && queue != "":
		where = op + " on " + queue
	case op != "":
		where = op
	case queue != "":
		where = queue
	default:
		where = "SQS"
	}
	return op, queue, where
}

// networkCause finds the host and a short reason in a transport error.
func networkCause(err error) (host, cause string, ok bool) {
	var ue *url.Error
	var oe *net.OpError
	var dns *net.DNSError
	switch {
	case errors.As(err, &ue):
		if u, perr := url.Parse(ue.URL); perr == nil {
			host = u.Host
		}
	case errors.As(err, &oe):
		if oe.Addr != nil {
			host = oe.Addr.String()
		}
	case errors.As(err, &dns):
		host = dns.Name
	default:
		return "", "", false
	}
	if host == "" {
		host = "endpoint"
	}
	switch {
	case errors.Is(err, syscall.ECONNREFUSED):
		cause = "connection refused"
	case errors.Is(err, syscall.ECONNRESET):
		cause = "connection reset"
	case errors.As(err, &dns):
		cause = "no such host"
	case errors.As(err, &oe):
		cause = oe.Err.Error()
	case ue != nil:
		cause = ue.Err.Error()
	default:
		cause = err.Error()
	}
	return host, shorten(cause), true
}

// shorten makes any message one status-bar line.
func shorten(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	const limit = 160
	if r := []rune(s); len(r) > limit {
		s = string(r[:limit-1]) + "…"
	}
	return s
}
