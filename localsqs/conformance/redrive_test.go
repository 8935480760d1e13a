package conformance

import (
	"slices"
	"strconv"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
)

// deadLetter pushes every message now in url into its DLQ by receiving each
// maxReceive times (resetting visibility in between) and receiving once
// more, which is the receive that moves them.
func deadLetter(t *testing.T, tg *target, url string, maxReceive, n int) {
	t.Helper()
	for round := 1; round <= maxReceive; round++ {
		got := 0
		for attempt := 0; got < n && attempt < 10; attempt++ {
			msgs := receive(t, tg, url, 10, 30)
			for _, m := range msgs {
				makeVisible(t, tg, url, m)
			}
			got += len(msgs)
		}
		if got != n {
			t.Fatalf("round %d: received %d messages, want %d", round, got, n)
		}
	}
	expectEmpty(t, tg, url, "the receive past maxReceiveCount")
}

// redriven is a message that went through a redrive into a DLQ.
type redriven struct {
	src, srcArn, dlq string
	sent             *sqs.SendMessageOutput
	sentTimestamp    string // as the source queue reported it
}

// redriveOne sends one message with attributes to a queue with
// maxReceiveCount 2 and receives it until it lands in the DLQ, checking the
// receive counts on the way.
func redriveOne(t *testing.T, tg *target) redriven {
	t.Helper()
	dlq := createQueue(t, tg, uniqueName("dlq", false), nil)
	dlqArn := queueArn(t, tg, dlq)
	src := createQueue(t, tg, uniqueName("src", false), map[string]string{"RedrivePolicy": redrivePolicy(dlqArn, 2)})
	sent, err := tg.client.SendMessage(testCtx(t), &sqs.SendMessageInput{
		QueueUrl:          aws.String(src),
		MessageBody:       aws.String(`{"order":42}`),
		MessageAttributes: sampleAttrs(),
	})
	if err != nil {
		t.Fatalf("SendMessage: %v", err)
	}
	var sentTS string
	for i := 1; i <= 2; i++ {
		m := receiveOne(t, tg, src)
		sentTS = m.Attributes["SentTimestamp"]
		if got, want := m.Attributes["ApproximateReceiveCount"], strconv.Itoa(i); got != want {
			t.Errorf("receive %d: ApproximateReceiveCount = %q, want %s", i, got, want)
		}
		makeVisible(t, tg, src, m)
	}
	expectEmpty(t, tg, src, "third receive (count would exceed maxReceiveCount 2)")
	if c := queueCounts(t, tg, src); c != (counts{}) {
		t.Errorf("source counts after redrive = %+v, want zero", c)
	}
	return redriven{src: src, srcArn: queueArn(t, tg, src), dlq: dlq, sent: sent, sentTimestamp: sentTS}
}

func TestRedriveToDeadLetterQueue(t *testing.T) {
	forEachTarget(t, []feature{featSystemAttrs, featReceiveCount}, func(t *testing.T, tg *target) {
		r := redriveOne(t, tg)
		m := receiveOne(t, tg, r.dlq)
		if aws.ToString(m.Body) != `{"order":42}` {
			t.Errorf("DLQ body = %q", aws.ToString(m.Body))
		}
		// AWS moves the message "with its original message ID".
		if aws.ToString(m.MessageId) != aws.ToString(r.sent.MessageId) {
			t.Errorf("DLQ MessageId = %q, want the original %q", aws.ToString(m.MessageId), aws.ToString(r.sent.MessageId))
		}
		assertSameAttrs(t, m.MessageAttributes, sampleAttrs())
		// AWS: on a standard queue the enqueue timestamp is unchanged by
		// the move, which is why DLQ retention counts from the first send.
		if got := m.Attributes["SentTimestamp"]; got != r.sentTimestamp {
			t.Errorf("DLQ SentTimestamp = %q, want the original %q", got, r.sentTimestamp)
		}
	})
}

func TestRedriveSetsDeadLetterQueueSourceArn(t *testing.T) {
	forEachTarget(t, []feature{featSystemAttrs, featReceiveCount, featDLQSourceArn}, func(t *testing.T, tg *target) {
		r := redriveOne(t, tg)
		m := receiveOne(t, tg, r.dlq)
		if got := m.Attributes["DeadLetterQueueSourceArn"]; got != r.srcArn {
			t.Errorf("DeadLetterQueueSourceArn = %q, want %q (all: %v)", got, r.srcArn, m.Attributes)
		}
	})
}

func TestListDeadLetterSourceQueues(t *testing.T) {
	forEachTarget(t, nil, func(t *testing.T, tg *target) {
		dlq := createQueue(t, tg, uniqueName("shared-dlq", false), nil)
		dlqArn := queueArn(t, tg, dlq)
		a := createQueue(t, tg, uniqueName("src-a", false), map[string]string{"RedrivePolicy": redrivePolicy(dlqArn, 3)})
		b := createQueue(t, tg, uniqueName("src-b", false), map[string]string{"RedrivePolicy": redrivePolicy(dlqArn, 5)})
		createQueue(t, tg, uniqueName("unrelated", false), nil)

		out, err := tg.client.ListDeadLetterSourceQueues(testCtx(t), &sqs.ListDeadLetterSourceQueuesInput{QueueUrl: aws.String(dlq)})
		if err != nil {
			t.Fatalf("ListDeadLetterSourceQueues: %v", err)
		}
		got := slices.Sorted(slices.Values(out.QueueUrls))
		want := slices.Sorted(slices.Values([]string{a, b}))
		if !slices.Equal(got, want) {
			t.Errorf("ListDeadLetterSourceQueues = %v, want %v", got, want)
		}
	})
}

func TestFifoRedriveKeepsGroup(t *testing.T) {
	forEachTarget(t, []feature{featSystemAttrs, featReceiveCount}, func(t *testing.T, tg *target) {
		dlq := createFifo(t, tg, "fdlq", false)
		src := createQueue(t, tg, uniqueName("fsrc", true), map[string]string{
			"FifoQueue":     "true",
			"RedrivePolicy": redrivePolicy(queueArn(t, tg, dlq), 1),
		})
		sendFifo(t, tg, src, "customer-7", "dedup-7", "payment failed")
		deadLetter(t, tg, src, 1, 1)

		m := receiveOne(t, tg, dlq)
		if aws.ToString(m.Body) != "payment failed" || m.Attributes["MessageGroupId"] != "customer-7" {
			t.Errorf("FIFO DLQ message = %q in group %q, want %q in customer-7", aws.ToString(m.Body), m.Attributes["MessageGroupId"], "payment failed")
		}
	})
}
