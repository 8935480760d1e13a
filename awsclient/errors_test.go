package awsclient

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"
)

// awsErrorHandler always answers with one AWS-shaped error.
func awsErrorHandler(status int, typ, code, msg string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		writeAWSError(w, status, typ, code, msg)
	})
}

// TestDescribe runs real SDK calls against servers that fail in known ways,
// so the error chains are the ones the SDK really builds.
func TestDescribe(t *testing.T) {
	closed, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closedAddr := closed.Addr().String()
	closed.Close()

	tests := []struct {
		name    string
		handler http.Handler // nil: connect to a closed port
		timeout time.Duration
		want    string
	}{
		{name: "access denied",
			handler: awsErrorHandler(400, "com.amazon.coral.service#AccessDeniedException", "AccessDenied", "User is not authorized"),
			want:    "access denied: GetQueueAttributes on orders"},
		{name: "queue deleted",
			handler: awsErrorHandler(400, "com.amazonaws.sqs#QueueDoesNotExist", "AWS.SimpleQueueService.NonExistentQueue", "The specified queue does not exist."),
			want:    "queue deleted: orders"},
		{name: "throttled",
			handler: awsErrorHandler(400, "com.amazonaws.sqs#RequestThrottled", "RequestThrottled", "Rate exceeded"),
			want:    "throttled by SQS: GetQueueAttributes on orders (gave up after 2 attempts)"},
		{name: "bad credentials",
			handler: awsErrorHandler(403, "com.amazon.coral.service#UnrecognizedClientException", "InvalidClientTokenId", "The security token included in the request is invalid."),
			want:    "credentials rejected (InvalidClientTokenId): check AWS_PROFILE / AWS_ACCESS_KEY_ID, or run `aws sso login`"},
		{name: "other API error on one line",
			handler: awsErrorHandler(400, "com.amazonaws.sqs#InvalidAttributeName", "InvalidAttributeName", "Unknown\nattribute   Foo."),
			want:    "GetQueueAttributes on orders: InvalidAttributeName: Unknown attribute Foo."},
		{name: "timeout",
			handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				// The body must be read for the server to notice the client
				// hanging up; the cap keeps a bug from hanging the test.
				_, _ = io.Copy(io.Discard, r.Body)
				select {
				case <-r.Context().Done():
				case <-time.After(5 * time.Second):
				}
			}),
			timeout: 50 * time.Millisecond,
			want:    "timed out after 50ms: GetQueueAttributes on orders"},
		{name: "unreachable",
			want: "cannot reach " + closedAddr + ": connection refused"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ep := "http://" + closedAddr
			if tt.handler != nil {
				ep = serve(t, tt.handler)
			}
			cfg := testConfig()
			cfg.MaxAttempts = 2
			if tt.timeout > 0 {
				cfg.CallTimeout = tt.timeout
			}
			c := NewStatic(ep, "us-east-1", cfg)
			q := c.queue(context.Background(), ep+"/000000000000/orders")
			if q.Err == nil {
				t.Fatal("no error")
			}
			if got := Describe(q.Err); got != tt.want {
				t.Errorf("Describe = %q\n          want %q\n   from %v", got, tt.want, q.Err)
			}
		})
	}
}

func TestDescribePlainErrors(t *testing.T) {
	long := strings.Repeat("x", 300)
	tests := []struct {
		err  error
		want string
	}{
		{nil, ""},
		{errors.New("line one\nline two"), "line one line two"},
		{errors.New(long), strings.Repeat("x", 159) + "…"},
		{&QueueError{Queue: "orders", Err: context.DeadlineExceeded}, "timed out: orders"},
		{&ReadOnlyError{Op: "PurgeQueue"}, "read-only mode: PurgeQueue not allowed"},
		{&CredentialsError{Cause: errors.New("no EC2 IMDS role found")}, (&CredentialsError{}).Error()},
	}
	for _, tt := range tests {
		if got := Describe(tt.err); got != tt.want {
			t.Errorf("Describe(%v) = %q, want %q", tt.err, got, tt.want)
		}
	}
}

// With --profile given, the credentials error names that profile's fix,
// not "pass --profile".
func TestCredentialsErrorNamesTheProfile(t *testing.T) {
	sso := &CredentialsError{Profile: "sso-x", Cause: errors.New("failed to refresh cached credentials, the SSO session has expired or is invalid")}
	if got := sso.Error(); got != "SSO session expired: run `aws sso login --profile sso-x`" {
		t.Errorf("SSO: %q", got)
	}
	none := &CredentialsError{Profile: "nocreds", Cause: errors.New("failed to retrieve credentials: no EC2 IMDS role found")}
	if got := none.Error(); !strings.Contains(got, "--profile nocreds") || strings.Contains(got, "pass --profile") {
		t.Errorf("no credentials: %q", got)
	}
}
