package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	"github.com/aws/aws-sdk-go-v2/service/sqs/types"

	"github.com/sqscope/sqscope/localsqs"
)

// The scripting commands are tested as a user runs them: run(args) against
// an SQS server over HTTP, with the fixtures set up and checked by a plain
// SDK client that bypasses sqscope.

// sqsBackend is a server the scripting tests run against.
type sqsBackend struct {
	name     string
	endpoint string
	admin    *sqs.Client
	prefix   string // queue names start with it: moto is shared between tests
}

// scriptBackends are in-process localsqs (always) and moto when
// SQSCOPE_MOTO_ENDPOINT is set, as in awsclient's backend tests.
func scriptBackends(t *testing.T) []sqsBackend {
	t.Helper()
	bs := []sqsBackend{localBackend(t, nil)}
	ep := os.Getenv("SQSCOPE_MOTO_ENDPOINT")
	if ep == "" {
		t.Log("moto: skipped, SQSCOPE_MOTO_ENDPOINT is not set")
		return bs
	}
	var b [4]byte
	_, _ = rand.Read(b[:])
	return append(bs, sqsBackend{name: "moto", endpoint: ep, admin: adminFor(ep), prefix: "t" + hex.EncodeToString(b[:]) + "-"})
}

// localBackend is a fresh localsqs behind wrap (nil: none).
func localBackend(t *testing.T, wrap func(http.Handler) http.Handler) sqsBackend {
	t.Helper()
	srv := localsqs.New(localsqs.Options{})
	t.Cleanup(srv.Close)
	var h http.Handler = srv
	if wrap != nil {
		h = wrap(srv)
	}
	hs := httptest.NewServer(h)
	t.Cleanup(hs.Close)
	return sqsBackend{name: "localsqs", endpoint: hs.URL, admin: adminFor(hs.URL)}
}

func adminFor(endpoint string) *sqs.Client {
	return sqs.New(sqs.Options{
		Region:       "us-east-1",
		BaseEndpoint: aws.String(endpoint),
		Credentials:  credentials.NewStaticCredentialsProvider("test", "test", ""),
	})
}

// forEachScriptBackend runs f as a subtest per backend.
func forEachScriptBackend(t *testing.T, f func(t *testing.T, b sqsBackend)) {
	for _, b := range scriptBackends(t) {
		t.Run(b.name, func(t *testing.T) { f(t, b) })
	}
}

// script runs `sqscope args… --endpoint-url B --region us-east-1` with no
// terminal on stdin (answer, when set, is typed at a terminal instead).
func (b sqsBackend) script(t *testing.T, answer *string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	isolateAWS(t, nil)
	old := scriptInput
	t.Cleanup(func() { scriptInput = old })
	scriptInput = func() (io.Reader, bool) {
		if answer == nil {
			return strings.NewReader(""), false
		}
		return strings.NewReader(*answer), true
	}
	var out, errOut bytes.Buffer
	code = run(append(args, "--endpoint-url", b.endpoint, "--region", "us-east-1"), &out, &errOut)
	return code, out.String(), errOut.String()
}

// queue creates a queue (with attrs) and returns its URL and ARN.
func (b sqsBackend) queue(t *testing.T, name string, attrs map[string]string) (url, arn string) {
	t.Helper()
	ctx := context.Background()
	out, err := b.admin.CreateQueue(ctx, &sqs.CreateQueueInput{QueueName: aws.String(b.prefix + name), Attributes: attrs})
	if err != nil {
		t.Fatalf("create %s: %v", name, err)
	}
	a, err := b.admin.GetQueueAttributes(ctx, &sqs.GetQueueAttributesInput{QueueUrl: out.QueueUrl,
		AttributeNames: []types.QueueAttributeName{types.QueueAttributeNameQueueArn}})
	if err != nil {
		t.Fatalf("attributes of %s: %v", name, err)
	}
	return *out.QueueUrl, a.Attributes["QueueArn"]
}

// redriveTo is the RedrivePolicy attribute for dlqARN.
func redriveTo(dlqARN string, max int) map[string]string {
	return map[string]string{"RedrivePolicy": fmt.Sprintf(`{"deadLetterTargetArn":%q,"maxReceiveCount":%d}`, dlqARN, max)}
}

// send sends bodies (with attrs on each) to url.
func (b sqsBackend) send(t *testing.T, url string, attrs map[string]types.MessageAttributeValue, bodies ...string) {
	t.Helper()
	for _, body := range bodies {
		in := &sqs.SendMessageInput{QueueUrl: aws.String(url), MessageBody: aws.String(body), MessageAttributes: attrs}
		if strings.HasSuffix(url, ".fifo") {
			in.MessageGroupId, in.MessageDeduplicationId = aws.String("g-"+body), aws.String("d-"+body)
		}
		if _, err := b.admin.SendMessage(context.Background(), in); err != nil {
			t.Fatalf("send: %v", err)
		}
	}
}

// counts are url's visible and in-flight counts.
func (b sqsBackend) counts(t *testing.T, url string) (visible, inFlight int) {
	t.Helper()
	out, err := b.admin.GetQueueAttributes(context.Background(), &sqs.GetQueueAttributesInput{QueueUrl: aws.String(url),
		AttributeNames: []types.QueueAttributeName{types.QueueAttributeNameAll}})
	if err != nil {
		t.Fatalf("counts: %v", err)
	}
	visible, _ = strconv.Atoi(out.Attributes["ApproximateNumberOfMessages"])
	inFlight, _ = strconv.Atoi(out.Attributes["ApproximateNumberOfMessagesNotVisible"])
	return visible, inFlight
}

// receiveCounts receives every message of url (held for a minute, so each
// comes once) and returns each body's ApproximateReceiveCount, this
// receive included.
func (b sqsBackend) receiveCounts(t *testing.T, url string, want int) map[string]int {
	t.Helper()
	got := map[string]int{}
	for empty := 0; len(got) < want && empty < 3; {
		out, err := b.admin.ReceiveMessage(context.Background(), &sqs.ReceiveMessageInput{QueueUrl: aws.String(url),
			MaxNumberOfMessages: 10, VisibilityTimeout: 60, WaitTimeSeconds: 1,
			MessageSystemAttributeNames: []types.MessageSystemAttributeName{types.MessageSystemAttributeNameAll}})
		if err != nil {
			t.Fatalf("receive: %v", err)
		}
		if len(out.Messages) == 0 {
			empty++
		}
		for _, m := range out.Messages {
			got[*m.Body], _ = strconv.Atoi(m.Attributes["ApproximateReceiveCount"])
		}
	}
	return got
}

var (
	uuidRE = regexp.MustCompile(`[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}`)
	msRE   = regexp.MustCompile(`"1[0-9]{12}"`)
	timeRE = regexp.MustCompile(`\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ`)
)

// normalize makes output comparable with a golden file: the server's
// address, message ids (numbered in order of appearance) and timestamps
// differ from run to run.
func normalize(s, endpoint string) string {
	s = strings.ReplaceAll(s, endpoint, "http://localsqs")
	ids := map[string]string{}
	s = uuidRE.ReplaceAllStringFunc(s, func(id string) string {
		if ids[id] == "" {
			ids[id] = fmt.Sprintf("<id%d>", len(ids)+1)
		}
		return ids[id]
	})
	s = msRE.ReplaceAllString(s, `"<ms>"`)
	return timeRE.ReplaceAllString(s, "<time>")
}
