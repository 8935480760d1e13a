package conformance

import (
	"errors"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	"github.com/aws/aws-sdk-go-v2/service/sqs/types"
)

func TestChangeVisibilityToZeroRedelivers(t *testing.T) {
	forEachTarget(t, nil, func(t *testing.T, tg *target) {
		url := createQueue(t, tg, uniqueName("cmv", false), nil)
		send(t, tg, url, "again")
		m := receiveOne(t, tg, url)
		expectEmpty(t, tg, url, "while the only message is in flight")
		makeVisible(t, tg, url, m)
		if again := receiveOne(t, tg, url); aws.ToString(again.Body) != "again" {
			t.Errorf("body after reset = %q, want %q", aws.ToString(again.Body), "again")
		}
	})
}

func TestChangeVisibilityBatchToZero(t *testing.T) {
	forEachTarget(t, []feature{featApproxCounts}, func(t *testing.T, tg *target) {
		ctx := testCtx(t)
		url := createQueue(t, tg, uniqueName("cmvb", false), nil)
		send(t, tg, url, "one")
		send(t, tg, url, "two")
		var held []types.Message
		for range 5 { // short polls may return a subset; two are enough
			held = append(held, receive(t, tg, url, 10, 30)...)
			if len(held) == 2 {
				break
			}
		}
		if len(held) != 2 {
			t.Fatalf("received %d messages, want 2", len(held))
		}
		out, err := tg.client.ChangeMessageVisibilityBatch(ctx, &sqs.ChangeMessageVisibilityBatchInput{
			QueueUrl: aws.String(url),
			Entries: []types.ChangeMessageVisibilityBatchRequestEntry{
				{Id: aws.String("a"), ReceiptHandle: held[0].ReceiptHandle, VisibilityTimeout: 0},
				{Id: aws.String("b"), ReceiptHandle: held[1].ReceiptHandle, VisibilityTimeout: 0},
				{Id: aws.String("bogus"), ReceiptHandle: aws.String("not-a-receipt-handle"), VisibilityTimeout: 0},
			},
		})
		if err != nil {
			t.Fatalf("ChangeMessageVisibilityBatch: %v (want HTTP 200 with the bad entry in Failed)", err)
		}
		if len(out.Successful) != 2 || len(out.Failed) != 1 || aws.ToString(out.Failed[0].Id) != "bogus" {
			t.Fatalf("ChangeMessageVisibilityBatch: %d successful, failed %+v; want 2 and only bogus", len(out.Successful), out.Failed)
		}
		if c := queueCounts(t, tg, url); c.visible != 2 || c.notVisible != 0 {
			t.Errorf("counts after reset = %+v, want 2 visible, 0 in flight", c)
		}
		var again []types.Message
		for range 5 {
			again = append(again, receive(t, tg, url, 10, 30)...)
			if len(again) == 2 {
				break
			}
		}
		if len(again) != 2 {
			t.Errorf("after the batch reset %d of 2 messages were receivable", len(again))
		}
	})
}

func TestChangeVisibilityBadReceiptHandle(t *testing.T) {
	forEachTarget(t, nil, func(t *testing.T, tg *target) {
		url := createQueue(t, tg, uniqueName("cmv-bad", false), nil)
		_, err := tg.client.ChangeMessageVisibility(testCtx(t), &sqs.ChangeMessageVisibilityInput{
			QueueUrl:          aws.String(url),
			ReceiptHandle:     aws.String("not-a-receipt-handle"),
			VisibilityTimeout: 0,
		})
		var invalid *types.ReceiptHandleIsInvalid
		if !errors.As(err, &invalid) {
			t.Errorf("err = %v (%T), want *types.ReceiptHandleIsInvalid", err, err)
		}
	})
}

func TestReceiveParameterRanges(t *testing.T) {
	forEachTarget(t, nil, func(t *testing.T, tg *target) {
		ctx := testCtx(t)
		url := createQueue(t, tg, uniqueName("recv-range", false), nil)
		send(t, tg, url, "x")
		_, err := tg.client.ReceiveMessage(ctx, &sqs.ReceiveMessageInput{QueueUrl: aws.String(url), MaxNumberOfMessages: 11})
		if apiCode(err) == "" {
			t.Errorf("ReceiveMessage with MaxNumberOfMessages 11: err = %v, want an API error (AWS allows 1 to 10)", err)
		}
		_, err = tg.client.ReceiveMessage(ctx, &sqs.ReceiveMessageInput{QueueUrl: aws.String(url), WaitTimeSeconds: 21})
		if apiCode(err) == "" {
			t.Errorf("ReceiveMessage with WaitTimeSeconds 21: err = %v, want an API error (AWS allows 0 to 20)", err)
		}
	})
}

func TestVisibilityTimeoutHidesThenReturns(t *testing.T) {
	forEachTarget(t, []feature{featSystemAttrs}, func(t *testing.T, tg *target) {
		url := createQueue(t, tg, uniqueName("vis", false), nil)
		send(t, tg, url, "hidden")
		msgs := receive(t, tg, url, 1, 2)
		if len(msgs) != 1 {
			t.Fatalf("received %d, want 1", len(msgs))
		}
		expectEmpty(t, tg, url, "inside the 2 s visibility timeout")
		// A long poll returns a message that becomes visible while it
		// waits, so no sleep is needed; the 5 s wait is ample, not timed.
		again := receiveWait(t, tg, url, 1, 30, 5)
		if len(again) != 1 || aws.ToString(again[0].Body) != "hidden" {
			t.Fatalf("after the timeout: received %v, want [hidden]", bodies(again))
		}
		if got := again[0].Attributes["ApproximateReceiveCount"]; got != "2" {
			t.Errorf("ApproximateReceiveCount = %q, want 2", got)
		}
	})
}

func TestDelayedMessage(t *testing.T) {
	forEachTarget(t, nil, func(t *testing.T, tg *target) {
		url := createQueue(t, tg, uniqueName("delay", false), nil)
		_, err := tg.client.SendMessage(testCtx(t), &sqs.SendMessageInput{
			QueueUrl:     aws.String(url),
			MessageBody:  aws.String("later"),
			DelaySeconds: 2,
		})
		if err != nil {
			t.Fatalf("SendMessage with DelaySeconds 2: %v", err)
		}
		if c := queueCounts(t, tg, url); c != (counts{delayed: 1}) {
			t.Errorf("counts while delayed = %+v, want 1 delayed only", c)
		}
		expectEmpty(t, tg, url, "while delayed")
		// As above: the long poll picks the message up when its delay ends.
		got := receiveWait(t, tg, url, 1, 30, 5)
		if len(got) != 1 || aws.ToString(got[0].Body) != "later" {
			t.Fatalf("after the delay: received %v, want [later]", bodies(got))
		}
	})
}

func TestQueueDelaySeconds(t *testing.T) {
	forEachTarget(t, nil, func(t *testing.T, tg *target) {
		url := createQueue(t, tg, uniqueName("qdelay", false), map[string]string{"DelaySeconds": "2"})
		send(t, tg, url, "held by the queue")
		if c := queueCounts(t, tg, url); c != (counts{delayed: 1}) {
			t.Errorf("counts while delayed by the queue = %+v, want 1 delayed only", c)
		}
		expectEmpty(t, tg, url, "inside the queue's 2 s delay")
		got := receiveWait(t, tg, url, 1, 30, 5)
		if len(got) != 1 || aws.ToString(got[0].Body) != "held by the queue" {
			t.Fatalf("after the delay: received %v", bodies(got))
		}
	})
}
