package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	"github.com/aws/aws-sdk-go-v2/service/sqs/types"

	"github.com/sqscope/sqscope/localsqs"
)

// The changing subcommands (send, redrive, purge) are tested through
// run, as a script runs them, against localsqs in process (and moto when
// SQSCOPE_MOTO_ENDPOINT names one). Every test has its own state and cache
// directories, so audit logs and move journals never leak between tests
// or into the user's.

// wBackend is an SQS endpoint for one test, and an SDK client beside the
// command under test to set queues up and check what it did.
type wBackend struct {
	url   string
	admin *sqs.Client
	moto  bool
}

// wEnv isolates a test's environment: credentials, region, and the state,
// cache and config directories.
func wEnv(t *testing.T) {
	t.Helper()
	for k, v := range map[string]string{
		"AWS_ACCESS_KEY_ID": "test", "AWS_SECRET_ACCESS_KEY": "test", "AWS_REGION": "us-east-1",
		"XDG_STATE_HOME": t.TempDir(), "XDG_CACHE_HOME": t.TempDir(), "XDG_CONFIG_HOME": t.TempDir(),
		"AWS_PROFILE": "", "AWS_ENDPOINT_URL": "", "AWS_ENDPOINT_URL_SQS": "", "AWS_CONFIG_FILE": os.DevNull,
		"AWS_SHARED_CREDENTIALS_FILE": os.DevNull,
	} {
		t.Setenv(k, v)
	}
}

// wLocal starts localsqs on a loopback port for the test.
func wLocal(t *testing.T) *wBackend {
	t.Helper()
	wEnv(t)
	ctx, cancel := context.WithCancel(context.Background())
	srv := localsqs.New(localsqs.Options{Region: "us-east-1"})
	u, _, err := localsqs.ListenAndServe(ctx, "127.0.0.1:0", srv)
	if err != nil {
		cancel()
		t.Fatal(err)
	}
	t.Cleanup(func() { cancel(); srv.Close() })
	return &wBackend{url: u, admin: wAdmin(u)}
}

// wMoto is the moto server SQSCOPE_MOTO_ENDPOINT names; the test is
// skipped, with the reason printed, without one.
func wMoto(t *testing.T) *wBackend {
	t.Helper()
	ep := os.Getenv("SQSCOPE_MOTO_ENDPOINT")
	if ep == "" {
		t.Skip("SQSCOPE_MOTO_ENDPOINT is not set: start moto_server -H 127.0.0.1 -p PORT and set it to run this test against moto")
	}
	wEnv(t)
	return &wBackend{url: ep, admin: wAdmin(ep), moto: true}
}

func wAdmin(endpoint string) *sqs.Client {
	return sqs.New(sqs.Options{Region: "us-east-1", BaseEndpoint: aws.String(endpoint),
		Credentials: credentials.NewStaticCredentialsProvider("test", "test", "")})
}

// wRun runs sqscope with args against endpoint; stdin is not a terminal.
func wRun(t *testing.T, endpoint string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(append(args, "--endpoint-url", endpoint), &out, &errb)
	t.Logf("sqscope %s → %d\nstdout:\n%s\nstderr:\n%s", strings.Join(args, " "), code, out.String(), errb.String())
	return code, out.String(), errb.String()
}

// prefix makes queue names unique per test, for a shared moto.
func wPrefix(t *testing.T) string {
	return fmt.Sprintf("w%d-", time.Now().UnixNano()%1_000_000_000)
}

func (b *wBackend) create(t *testing.T, name string, attrs map[string]string) (url, arn string) {
	t.Helper()
	ctx := context.Background()
	out, err := b.admin.CreateQueue(ctx, &sqs.CreateQueueInput{QueueName: aws.String(name), Attributes: attrs})
	if err != nil {
		t.Fatalf("create %s: %v", name, err)
	}
	a, err := b.admin.GetQueueAttributes(ctx, &sqs.GetQueueAttributesInput{QueueUrl: out.QueueUrl,
		AttributeNames: []types.QueueAttributeName{types.QueueAttributeNameQueueArn}})
	if err != nil {
		t.Fatalf("arn of %s: %v", name, err)
	}
	return *out.QueueUrl, a.Attributes["QueueArn"]
}

// sendN sends n messages with a String, a Number and a Binary attribute;
// bodies are "<tag>-<i>".
func (b *wBackend) sendN(t *testing.T, url, tag string, n int) {
	t.Helper()
	for start := 0; start < n; start += 10 {
		var es []types.SendMessageBatchRequestEntry
		for i := start; i < min(start+10, n); i++ {
			es = append(es, types.SendMessageBatchRequestEntry{Id: aws.String(strconv.Itoa(i)), MessageBody: aws.String(fmt.Sprintf("%s-%d", tag, i)),
				MessageAttributes: map[string]types.MessageAttributeValue{
					"kind": {DataType: aws.String("String"), StringValue: aws.String("k" + strconv.Itoa(i%3))},
					"n":    {DataType: aws.String("Number"), StringValue: aws.String(strconv.Itoa(i * 7))},
					"blob": {DataType: aws.String("Binary"), BinaryValue: []byte{0, 0xff, byte(i)}},
				}})
		}
		if _, err := b.admin.SendMessageBatch(context.Background(), &sqs.SendMessageBatchInput{QueueUrl: aws.String(url), Entries: es}); err != nil {
			t.Fatalf("send: %v", err)
		}
	}
}

// dlqWith makes a source queue and its DLQ and fails n messages into the
// DLQ the real way (received past maxReceiveCount), so each carries its
// source. Bodies are "msg-<i>".
func (b *wBackend) dlqWith(t *testing.T, p string, n int) (srcURL, dlqURL string) {
	t.Helper()
	dlqURL, dlqARN := b.create(t, p+"dlq", nil)
	srcURL, _ = b.create(t, p+"src", map[string]string{
		"RedrivePolicy": fmt.Sprintf(`{"deadLetterTargetArn":%q,"maxReceiveCount":"1"}`, dlqARN)})
	b.sendN(t, srcURL, "msg", n)
	ctx := context.Background()
	for range 200 {
		if b.depth(t, srcURL) == 0 {
			break
		}
		out, err := b.admin.ReceiveMessage(ctx, &sqs.ReceiveMessageInput{QueueUrl: aws.String(srcURL), MaxNumberOfMessages: 10, VisibilityTimeout: 30})
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range out.Messages {
			if _, err := b.admin.ChangeMessageVisibility(ctx, &sqs.ChangeMessageVisibilityInput{QueueUrl: aws.String(srcURL),
				ReceiptHandle: m.ReceiptHandle, VisibilityTimeout: 0}); err != nil {
				t.Fatal(err)
			}
		}
	}
	if d := b.depth(t, dlqURL); d != n {
		t.Fatalf("fixture: the DLQ holds %d, want %d", d, n)
	}
	return srcURL, dlqURL
}

// depth is every message a queue holds: visible, in flight and delayed.
func (b *wBackend) depth(t *testing.T, url string) int {
	t.Helper()
	a, err := b.admin.GetQueueAttributes(context.Background(), &sqs.GetQueueAttributesInput{QueueUrl: aws.String(url),
		AttributeNames: []types.QueueAttributeName{types.QueueAttributeNameApproximateNumberOfMessages,
			types.QueueAttributeNameApproximateNumberOfMessagesNotVisible, types.QueueAttributeNameApproximateNumberOfMessagesDelayed}})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, v := range a.Attributes {
		k, _ := strconv.Atoi(v)
		n += k
	}
	return n
}

// drain receives and deletes every message of url, and returns each as
// "body|attributes", sorted, for comparison.
func (b *wBackend) drain(t *testing.T, url string) []string {
	t.Helper()
	ctx := context.Background()
	var got []string
	for empty := 0; empty < 3; {
		out, err := b.admin.ReceiveMessage(ctx, &sqs.ReceiveMessageInput{QueueUrl: aws.String(url), MaxNumberOfMessages: 10,
			VisibilityTimeout: 60, MessageAttributeNames: []string{"All"}})
		if err != nil {
			t.Fatal(err)
		}
		if len(out.Messages) == 0 {
			empty++
			continue
		}
		for _, m := range out.Messages {
			got = append(got, *m.Body+"|"+attrText(m.MessageAttributes))
			if _, err := b.admin.DeleteMessage(ctx, &sqs.DeleteMessageInput{QueueUrl: aws.String(url), ReceiptHandle: m.ReceiptHandle}); err != nil {
				t.Fatal(err)
			}
		}
	}
	sort.Strings(got)
	return got
}

func attrText(as map[string]types.MessageAttributeValue) string {
	var parts []string
	for k, v := range as {
		parts = append(parts, fmt.Sprintf("%s=%s:%s%x", k, aws.ToString(v.DataType), aws.ToString(v.StringValue), v.BinaryValue))
	}
	sort.Strings(parts)
	return strings.Join(parts, ",")
}

// peekIDs reads every message of url and makes it visible again at once:
// the message id of each body.
func (b *wBackend) peekIDs(t *testing.T, url string) map[string]string {
	t.Helper()
	ctx := context.Background()
	ids := map[string]string{}
	var handles []*string
	for empty := 0; empty < 3; {
		out, err := b.admin.ReceiveMessage(ctx, &sqs.ReceiveMessageInput{QueueUrl: aws.String(url), MaxNumberOfMessages: 10, VisibilityTimeout: 60})
		if err != nil {
			t.Fatal(err)
		}
		if len(out.Messages) == 0 {
			empty++
		}
		for _, m := range out.Messages {
			ids[*m.Body] = *m.MessageId
			handles = append(handles, m.ReceiptHandle)
		}
	}
	for _, h := range handles {
		if _, err := b.admin.ChangeMessageVisibility(ctx, &sqs.ChangeMessageVisibilityInput{QueueUrl: aws.String(url), ReceiptHandle: h}); err != nil {
			t.Fatal(err)
		}
	}
	return ids
}

// visible is a queue's visible count.
func (b *wBackend) visible(t *testing.T, url string) int {
	t.Helper()
	a, err := b.admin.GetQueueAttributes(context.Background(), &sqs.GetQueueAttributesInput{QueueUrl: aws.String(url),
		AttributeNames: []types.QueueAttributeName{types.QueueAttributeNameApproximateNumberOfMessages}})
	if err != nil {
		t.Fatal(err)
	}
	n, _ := strconv.Atoi(a.Attributes["ApproximateNumberOfMessages"])
	return n
}

// sendBody sends one message with the attributes sendN gives message i
// of the body "msg-<i>".
func (b *wBackend) sendBody(t *testing.T, url, body string) {
	t.Helper()
	i, _ := strconv.Atoi(strings.TrimPrefix(body, "msg-"))
	if _, err := b.admin.SendMessage(context.Background(), &sqs.SendMessageInput{QueueUrl: aws.String(url), MessageBody: aws.String(body),
		MessageAttributes: map[string]types.MessageAttributeValue{
			"kind": {DataType: aws.String("String"), StringValue: aws.String("k" + strconv.Itoa(i%3))},
			"n":    {DataType: aws.String("Number"), StringValue: aws.String(strconv.Itoa(i * 7))},
			"blob": {DataType: aws.String("Binary"), BinaryValue: []byte{0, 0xff, byte(i)}},
		}}); err != nil {
		t.Fatal(err)
	}
}

func (b *wBackend) arn(t *testing.T, url string) string {
	t.Helper()
	a, err := b.admin.GetQueueAttributes(context.Background(), &sqs.GetQueueAttributesInput{QueueUrl: aws.String(url),
		AttributeNames: []types.QueueAttributeName{types.QueueAttributeNameQueueArn}})
	if err != nil {
		t.Fatal(err)
	}
	return a.Attributes["QueueArn"]
}
