package awsclient

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	"github.com/aws/aws-sdk-go-v2/service/sqs/types"
	"github.com/aws/smithy-go/middleware"

	"github.com/sqscope/sqscope/model"
)

// backend is an SQS wire-protocol server the integration tests run against.
type backend struct {
	name    string
	handler http.Handler // the server itself, for wrapping with faults
	// missing names the cases this backend cannot run, with the reason.
	missing map[string]string
}

// backendFactories are tried in order; localsqs registers itself in its own
// file, moto is used when SQSCOPE_MOTO_ENDPOINT is set.
var backendFactories = []func(t *testing.T) (backend, bool){motoBackend}

func motoBackend(t *testing.T) (backend, bool) {
	ep := os.Getenv("SQSCOPE_MOTO_ENDPOINT")
	if ep == "" {
		t.Log("moto: skipped, SQSCOPE_MOTO_ENDPOINT is not set")
		return backend{}, false
	}
	u, err := url.Parse(ep)
	if err != nil {
		t.Fatalf("SQSCOPE_MOTO_ENDPOINT: %v", err)
	}
	proxy := httputil.NewSingleHostReverseProxy(u)
	// A test that cancels mid-call makes the proxy log "context canceled".
	proxy.ErrorLog = log.New(io.Discard, "", 0)
	return backend{
		name:    "moto",
		handler: proxy,
		missing: map[string]string{
			"paging":     "moto ignores MaxResults and never returns a NextToken",
			"peek-stale": "moto accepts any receipt handle a message ever had, so a stale handle is never refused",
		},
	}, true
}

// forEachBackend runs f as a subtest per available backend. A case the
// backend lacks is skipped by name with the reason.
func forEachBackend(t *testing.T, caseName string, f func(t *testing.T, b backend)) {
	t.Helper()
	ran := 0
	for _, mk := range backendFactories {
		b, ok := mk(t)
		if !ok {
			continue
		}
		ran++
		t.Run(b.name, func(t *testing.T) {
			if why, lacks := b.missing[caseName]; lacks {
				t.Skipf("%s: case %q skipped: %s", b.name, caseName, why)
			}
			f(t, b)
		})
	}
	if ran == 0 {
		t.Skip("no SQS backend available (localsqs not registered, SQSCOPE_MOTO_ENDPOINT unset)")
	}
}

// serve starts h on loopback for the duration of the test.
func serve(t testing.TB, h http.Handler) string {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv.URL
}

// testConfig keeps retries quick so throttling tests do not sleep for
// seconds; the behaviour (retry, then succeed or give up) is the same.
func testConfig() Config {
	return Config{MaxBackoff: 20 * time.Millisecond, CallTimeout: 30 * time.Second}
}

// adminClient talks to a server directly, without sqscope's guard, to set
// up fixtures and check the outcome. It has closeSafeBody all the same:
// without it a busy machine loses the answers of large receives, and a
// check finds a queue empty whose messages that lost receive hid.
func adminClient(endpoint string) *sqs.Client {
	return sqs.New(sqs.Options{
		Region:       "us-east-1",
		BaseEndpoint: aws.String(endpoint),
		Credentials:  credentials.NewStaticCredentialsProvider("test", "test", ""),
		Retryer:      recordingRetryer{retry.NewStandard(), endpoint},
		APIOptions:   []func(*middleware.Stack) error{closeSafeBody},
	})
}

// adminRetries are the errors the SDK silently retried for fixtures, by
// endpoint. A retried receive may have hidden messages the fixture never
// saw, so a count that comes out short prints them.
var adminRetries sync.Map // endpoint → *retryLog

type retryLog struct {
	mu   sync.Mutex
	errs []string
}

type recordingRetryer struct {
	aws.RetryerV2
	endpoint string
}

func (r recordingRetryer) IsErrorRetryable(err error) bool {
	ok := r.RetryerV2.IsErrorRetryable(err)
	if ok {
		v, _ := adminRetries.LoadOrStore(r.endpoint, &retryLog{})
		l := v.(*retryLog)
		l.mu.Lock()
		l.errs = append(l.errs, err.Error())
		l.mu.Unlock()
	}
	return ok
}

// retriedFor lists the errors the fixture client retried against endpoint.
func retriedFor(endpoint string) []string {
	v, ok := adminRetries.Load(endpoint)
	if !ok {
		return nil
	}
	l := v.(*retryLog)
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]string(nil), l.errs...)
}

// uniquePrefix keeps tests apart on a shared moto, which cannot be reset
// while other packages' tests use it.
func uniquePrefix(t testing.TB) string {
	r := strings.NewReplacer("/", "-", "_", "-")
	name := r.Replace(strings.ToLower(t.Name()))
	if len(name) > 30 {
		name = name[:30]
	}
	return fmt.Sprintf("t%d-%s-", time.Now().UnixNano()%1e9, name)
}

func createQueue(t testing.TB, c *sqs.Client, name string, attrs map[string]string) string {
	t.Helper()
	out, err := c.CreateQueue(context.Background(), &sqs.CreateQueueInput{QueueName: aws.String(name), Attributes: attrs})
	if err != nil {
		t.Fatalf("CreateQueue %s: %v", name, err)
	}
	return aws.ToString(out.QueueUrl)
}

func queueARN(t *testing.T, c *sqs.Client, url string) string {
	t.Helper()
	out, err := c.GetQueueAttributes(context.Background(), &sqs.GetQueueAttributesInput{
		QueueUrl: aws.String(url), AttributeNames: []types.QueueAttributeName{"QueueArn"},
	})
	if err != nil {
		t.Fatalf("GetQueueAttributes %s: %v", url, err)
	}
	return out.Attributes["QueueArn"]
}

func sendN(t *testing.T, c *sqs.Client, url string, n int) {
	t.Helper()
	for i := 0; i < n; i++ {
		if _, err := c.SendMessage(context.Background(), &sqs.SendMessageInput{
			QueueUrl: aws.String(url), MessageBody: aws.String(fmt.Sprintf("message %d", i)),
		}); err != nil {
			t.Fatalf("SendMessage %s: %v", url, err)
		}
	}
}

// faultProxy sits in front of a backend and can answer a request itself
// (to inject AWS-shaped errors) or act before passing it on.
type faultProxy struct {
	next http.Handler
	// hook sees every request with the name of the queue it is about (by
	// name: a server builds queue URLs from the Host it was reached at, so
	// URLs differ behind the proxy). It returns true when it answered.
	hook func(w http.ResponseWriter, op, queue string) bool

	mu    sync.Mutex
	calls map[string]int // operation → requests seen
}

func newFaultProxy(next http.Handler, hook func(w http.ResponseWriter, op, queue string) bool) *faultProxy {
	return &faultProxy{next: next, hook: hook, calls: map[string]int{}}
}

func (p *faultProxy) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	op := strings.TrimPrefix(r.Header.Get("X-Amz-Target"), "AmazonSQS.")
	body, _ := io.ReadAll(r.Body)
	r.Body = io.NopCloser(bytes.NewReader(body))
	var in struct{ QueueUrl string }
	_ = json.Unmarshal(body, &in)
	p.mu.Lock()
	p.calls[op]++
	p.mu.Unlock()
	if p.hook != nil && p.hook(w, op, model.NameFromURL(in.QueueUrl)) {
		return
	}
	p.next.ServeHTTP(w, r)
}

func (p *faultProxy) count(op string) int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.calls[op]
}

// writeAWSError answers as SQS does in the JSON protocol: the __type, a
// message, and the legacy query code the SDK reads for ErrorCode.
func writeAWSError(w http.ResponseWriter, status int, typ, queryCode, msg string) {
	w.Header().Set("Content-Type", "application/x-amz-json-1.0")
	w.Header().Set("x-amzn-query-error", queryCode+";Sender")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(map[string]string{"__type": typ, "message": msg})
}
