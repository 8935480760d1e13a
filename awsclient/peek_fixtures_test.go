package awsclient

import (
	"context"
	"fmt"
	"strconv"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	"github.com/aws/aws-sdk-go-v2/service/sqs/types"
	"golang.org/x/sync/errgroup"
)

// Fixtures for the peek tests. They go through the admin client (no guard)
// and use only plain SQS calls, so what they observe is what any consumer
// of the queue would see after a peek.

// sendBatchN sends n messages ("message 0" …) ten at a time, several
// batches at once. Bodies are unique, so a test can tell every message.
func sendBatchN(t testing.TB, c *sqs.Client, url string, n int) {
	t.Helper()
	var g errgroup.Group
	g.SetLimit(8)
	for start := 0; start < n; start += 10 {
		g.Go(func() error {
			var entries []types.SendMessageBatchRequestEntry
			for i := start; i < min(start+10, n); i++ {
				entries = append(entries, types.SendMessageBatchRequestEntry{
					Id: aws.String(strconv.Itoa(i)), MessageBody: aws.String(fmt.Sprintf("message %d", i)),
				})
			}
			out, err := c.SendMessageBatch(context.Background(), &sqs.SendMessageBatchInput{QueueUrl: &url, Entries: entries})
			if err == nil && len(out.Failed) > 0 {
				err = fmt.Errorf("%d entries failed: %s", len(out.Failed), aws.ToString(out.Failed[0].Message))
			}
			return err
		})
	}
	if err := g.Wait(); err != nil {
		t.Fatalf("SendMessageBatch %s: %v", url, err)
	}
}

// counts returns ApproximateNumberOfMessages and …NotVisible.
func counts(t *testing.T, c *sqs.Client, url string) (visible, hidden int) {
	t.Helper()
	out, err := c.GetQueueAttributes(context.Background(), &sqs.GetQueueAttributesInput{
		QueueUrl: aws.String(url),
		AttributeNames: []types.QueueAttributeName{
			types.QueueAttributeNameApproximateNumberOfMessages,
			types.QueueAttributeNameApproximateNumberOfMessagesNotVisible,
		},
	})
	if err != nil {
		t.Fatalf("GetQueueAttributes %s: %v", url, err)
	}
	visible, _ = strconv.Atoi(out.Attributes["ApproximateNumberOfMessages"])
	hidden, _ = strconv.Atoi(out.Attributes["ApproximateNumberOfMessagesNotVisible"])
	return visible, hidden
}

// receiveAll is a plain consumer: it receives (holding for a minute) until
// it has want distinct messages or two receives in a row bring nothing new,
// and returns each message's ApproximateReceiveCount by body.
func receiveAll(t *testing.T, c *sqs.Client, url string, want int) map[string]int {
	t.Helper()
	got := map[string]int{}
	for empty := 0; len(got) < want && empty < 2; {
		out, err := c.ReceiveMessage(context.Background(), &sqs.ReceiveMessageInput{
			QueueUrl: aws.String(url), MaxNumberOfMessages: 10, VisibilityTimeout: 60, WaitTimeSeconds: 1,
			MessageSystemAttributeNames: []types.MessageSystemAttributeName{types.MessageSystemAttributeNameApproximateReceiveCount},
			AttributeNames:              []types.QueueAttributeName{"ApproximateReceiveCount"},
		})
		if err != nil {
			t.Fatalf("ReceiveMessage %s: %v", url, err)
		}
		fresh := 0
		for _, m := range out.Messages {
			body := aws.ToString(m.Body)
			if _, dup := got[body]; !dup {
				fresh++
			}
			got[body], _ = strconv.Atoi(m.Attributes["ApproximateReceiveCount"])
		}
		if fresh == 0 {
			empty++
		} else {
			empty = 0
		}
	}
	return got
}

// peekAll pages through a queue until Next reports it exhausted. It
// returns the bodies and how many receives of a message the peek made in
// all, duplicates included.
func peekAll(t *testing.T, p Peek, pageSize int) (bodies []string, received int) {
	t.Helper()
	for i := 0; i < 1000; i++ {
		page, err := p.Next(context.Background(), pageSize)
		if err != nil {
			t.Fatalf("Next: %v", err)
		}
		for _, m := range page.Messages {
			bodies = append(bodies, m.Body)
		}
		received += page.Received
		if page.Exhausted {
			return bodies, received
		}
	}
	t.Fatal("Next never reported Exhausted")
	return nil, 0
}

// assertAllBack checks that nothing is left hidden, that a consumer gets
// all n messages, and that their receive counts add up to the consumer's n
// receives plus the peekReceived the peek made and reported. A server may
// deliver a message twice to concurrent receives (SQS's at-least-once; moto
// races): the peek then reports a duplicate and the count shows it.
func assertAllBack(t *testing.T, admin *sqs.Client, url string, n, peekReceived int) {
	t.Helper()
	if vis, hid := counts(t, admin, url); hid != 0 || vis != n {
		t.Errorf("after Release: %d visible, %d not visible; want %d, 0", vis, hid, n)
	}
	got := receiveAll(t, admin, url, n)
	if len(got) != n {
		t.Fatalf("a consumer received %d distinct messages after Release, want %d", len(got), n)
	}
	sum := 0
	for body, c := range got {
		sum += c
		if c < 2 {
			t.Errorf("%s: ApproximateReceiveCount %d: the peek's receive is missing", body, c)
		}
	}
	if sum != n+peekReceived {
		t.Errorf("receive counts add up to %d, want %d consumer + %d peek receives", sum, n, peekReceived)
	}
}

// exactOnce is true for backends that never deliver one message to two
// concurrent receives, where a peek must cost exactly one receive each.
func exactOnce(b backend) bool { return b.name == "localsqs" }

// newPeekClient is the client under test, pointed at the backend.
func newPeekClient(t *testing.T, endpoint string, readOnly bool) *SQS {
	cfg := testConfig()
	cfg.ReadOnly = readOnly
	cfg.CallTimeout = 20 * time.Second
	return NewStatic(endpoint, "us-east-1", cfg)
}
