package conformance

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"strconv"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	"github.com/aws/aws-sdk-go-v2/service/sqs/types"
)

// uniqueName returns a queue name no other case or run shares, so targets can
// be long-lived and shared between runs. fifo adds the mandatory suffix.
func uniqueName(prefix string, fifo bool) string {
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	name := "cf-" + prefix + "-" + hex.EncodeToString(b)
	if fifo {
		name += ".fifo"
	}
	return name
}

// createQueue creates a queue that is deleted when the case ends.
func createQueue(t *testing.T, tg *target, name string, attrs map[string]string) string {
	t.Helper()
	out, err := tg.client.CreateQueue(testCtx(t), &sqs.CreateQueueInput{
		QueueName:  aws.String(name),
		Attributes: attrs,
	})
	if err != nil {
		t.Fatalf("CreateQueue %s: %v", name, err)
	}
	url := aws.ToString(out.QueueUrl)
	t.Cleanup(func() {
		// The queue may already be gone (a case deleting it is a test of its
		// own); only the attempt matters here.
		_, _ = tg.client.DeleteQueue(context.Background(), &sqs.DeleteQueueInput{QueueUrl: aws.String(url)})
	})
	return url
}

// queueAttrs fetches the named attributes (or All when none are named).
func queueAttrs(t *testing.T, tg *target, url string, names ...types.QueueAttributeName) map[string]string {
	t.Helper()
	if len(names) == 0 {
		names = []types.QueueAttributeName{types.QueueAttributeNameAll}
	}
	out, err := tg.client.GetQueueAttributes(testCtx(t), &sqs.GetQueueAttributesInput{
		QueueUrl:       aws.String(url),
		AttributeNames: names,
	})
	if err != nil {
		t.Fatalf("GetQueueAttributes %s: %v", url, err)
	}
	return out.Attributes
}

func queueArn(t *testing.T, tg *target, url string) string {
	t.Helper()
	arn := queueAttrs(t, tg, url, types.QueueAttributeNameQueueArn)["QueueArn"]
	if arn == "" {
		t.Fatalf("no QueueArn for %s", url)
	}
	return arn
}

// counts are the three Approximate* depth attributes.
type counts struct{ visible, notVisible, delayed int }

func queueCounts(t *testing.T, tg *target, url string) counts {
	t.Helper()
	a := queueAttrs(t, tg, url,
		types.QueueAttributeNameApproximateNumberOfMessages,
		types.QueueAttributeNameApproximateNumberOfMessagesNotVisible,
		types.QueueAttributeNameApproximateNumberOfMessagesDelayed)
	return counts{
		visible:    atoi(t, a, "ApproximateNumberOfMessages"),
		notVisible: atoi(t, a, "ApproximateNumberOfMessagesNotVisible"),
		delayed:    atoi(t, a, "ApproximateNumberOfMessagesDelayed"),
	}
}

func atoi(t *testing.T, m map[string]string, key string) int {
	t.Helper()
	v, ok := m[key]
	if !ok {
		t.Fatalf("attribute %s missing from %v", key, m)
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		t.Fatalf("attribute %s = %q: %v", key, v, err)
	}
	return n
}

func send(t *testing.T, tg *target, url, body string) *sqs.SendMessageOutput {
	t.Helper()
	out, err := tg.client.SendMessage(testCtx(t), &sqs.SendMessageInput{
		QueueUrl:    aws.String(url),
		MessageBody: aws.String(body),
	})
	if err != nil {
		t.Fatalf("SendMessage: %v", err)
	}
	return out
}

// receive does one short-poll receive of up to max messages with all
// system and message attributes; visibility 0 means the queue default (the
// SDK cannot send 0).
func receive(t *testing.T, tg *target, url string, max, visibility int32) []types.Message {
	t.Helper()
	return receiveWait(t, tg, url, max, visibility, 0)
}

func receiveWait(t *testing.T, tg *target, url string, max, visibility, wait int32) []types.Message {
	t.Helper()
	out, err := tg.client.ReceiveMessage(testCtx(t), &sqs.ReceiveMessageInput{
		QueueUrl:                    aws.String(url),
		MaxNumberOfMessages:         max,
		VisibilityTimeout:           visibility,
		WaitTimeSeconds:             wait,
		MessageAttributeNames:       []string{"All"},
		MessageSystemAttributeNames: []types.MessageSystemAttributeName{types.MessageSystemAttributeNameAll},
	})
	if err != nil {
		t.Fatalf("ReceiveMessage: %v", err)
	}
	return out.Messages
}

// receiveOne receives exactly one message or fails the case.
func receiveOne(t *testing.T, tg *target, url string) types.Message {
	t.Helper()
	msgs := receive(t, tg, url, 1, 30)
	if len(msgs) != 1 {
		t.Fatalf("received %d messages, want 1", len(msgs))
	}
	return msgs[0]
}

// expectEmpty asserts a short-poll receive returns nothing.
func expectEmpty(t *testing.T, tg *target, url, why string) {
	t.Helper()
	if msgs := receive(t, tg, url, 10, 30); len(msgs) != 0 {
		t.Fatalf("%s: received %d messages (first body %q), want none", why, len(msgs), aws.ToString(msgs[0].Body))
	}
}

// makeVisible resets a message's visibility so the next receive gets it.
func makeVisible(t *testing.T, tg *target, url string, m types.Message) {
	t.Helper()
	_, err := tg.client.ChangeMessageVisibility(testCtx(t), &sqs.ChangeMessageVisibilityInput{
		QueueUrl:          aws.String(url),
		ReceiptHandle:     m.ReceiptHandle,
		VisibilityTimeout: 0,
	})
	if err != nil {
		t.Fatalf("ChangeMessageVisibility 0: %v", err)
	}
}

func deleteMsg(t *testing.T, tg *target, url string, m types.Message) {
	t.Helper()
	_, err := tg.client.DeleteMessage(testCtx(t), &sqs.DeleteMessageInput{
		QueueUrl:      aws.String(url),
		ReceiptHandle: m.ReceiptHandle,
	})
	if err != nil {
		t.Fatalf("DeleteMessage: %v", err)
	}
}

func bodies(msgs []types.Message) []string {
	var out []string
	for _, m := range msgs {
		out = append(out, aws.ToString(m.Body))
	}
	return out
}

// redrivePolicy is the RedrivePolicy attribute value as AWS documents it.
func redrivePolicy(dlqArn string, maxReceive int) string {
	return `{"deadLetterTargetArn":"` + dlqArn + `","maxReceiveCount":` + strconv.Itoa(maxReceive) + `}`
}

func hasSuffixName(url, name string) bool { return strings.HasSuffix(url, "/"+name) }
