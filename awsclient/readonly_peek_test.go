package awsclient

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	"github.com/aws/aws-sdk-go-v2/service/sqs/types"

	"github.com/sqscope/sqscope/model"
)

// fragile is a queue whose messages are one receive away from its DLQ:
// maxReceiveCount 2, every message already received twice (the
// sqs_scenario seed of issue 15).
type fragile struct {
	src, dlq string
	n        int
}

func newFragile(t *testing.T, admin *sqs.Client, n int) fragile {
	t.Helper()
	p := uniquePrefix(t)
	dlq := createQueue(t, admin, p+"dlq", nil)
	src := createQueue(t, admin, p+"fragile", map[string]string{
		"RedrivePolicy": `{"deadLetterTargetArn":"` + queueARN(t, admin, dlq) + `","maxReceiveCount":"2"}`,
	})
	sendBatchN(t, admin, src, n)
	for range 2 {
		got := 0
		for got < n {
			out, err := admin.ReceiveMessage(context.Background(), &sqs.ReceiveMessageInput{
				QueueUrl: &src, MaxNumberOfMessages: 10, VisibilityTimeout: 60, WaitTimeSeconds: 1})
			if err != nil || len(out.Messages) == 0 {
				t.Fatalf("setup receive: %d of %d, %v", got, n, err)
			}
			for _, m := range out.Messages {
				got++
				if _, err := admin.ChangeMessageVisibility(context.Background(), &sqs.ChangeMessageVisibilityInput{
					QueueUrl: &src, ReceiptHandle: m.ReceiptHandle, VisibilityTimeout: 0}); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	return fragile{src: src, dlq: dlq, n: n}
}

// receiveCounts drops the redrive policy (so reading cannot move anything)
// and returns each message's ApproximateReceiveCount, by body.
func (f fragile) receiveCounts(t *testing.T, admin *sqs.Client) map[string]int {
	t.Helper()
	if _, err := admin.SetQueueAttributes(context.Background(), &sqs.SetQueueAttributesInput{
		QueueUrl: &f.src, Attributes: map[string]string{"RedrivePolicy": ""}}); err != nil {
		t.Fatalf("removing the redrive policy to read the counts: %v", err)
	}
	got := receiveAll(t, admin, f.src, f.n)
	if len(got) != f.n {
		t.Fatalf("read the counts of %d messages, want %d", len(got), f.n)
	}
	return got
}

// Issue 15, defect 3: read-only must change nothing, so a peek that could
// dead-letter is refused before any receive reaches SQS.
func TestReadOnlyPeekOfFragileQueueChangesNothing(t *testing.T) {
	forEachBackend(t, "readonly-fragile", func(t *testing.T, b backend) {
		admin := adminClient(serve(t, b.handler))
		f := newFragile(t, admin, 5)
		proxy := newFaultProxy(b.handler, nil)
		p := newPeekClient(t, serve(t, proxy), true).OpenPeek(f.src, PeekOptions{})

		page, err := p.Next(context.Background(), 10)
		var risk *PeekRiskError
		if !errors.Is(err, ErrReadOnly) || !errors.As(err, &risk) {
			t.Fatalf("read-only Next on a queue with a redrive policy: %d messages, err %v; want a *PeekRiskError", len(page.Messages), err)
		}
		if risk.MaxReceiveCount != 2 || risk.Queue != model.NameFromURL(f.src) || risk.DeadLetterQueue != model.NameFromURL(f.dlq) || risk.Err != nil {
			t.Errorf("PeekRiskError = %+v; want maxReceiveCount 2, the queue and its DLQ named", risk)
		}
		// The user is told why and what to do.
		for _, s := range []string{err.Error(), Describe(err)} {
			if !strings.Contains(s, "redrive") && !strings.Contains(s, "DLQ") || !strings.Contains(s, "without --read-only") {
				t.Errorf("message %q does not say why (redrive policy) and what to do (restart without --read-only)", s)
			}
		}
		if len(page.Messages) != 0 || page.Received != 0 {
			t.Errorf("refused page = %+v, want empty", page)
		}
		if n := proxy.count("ReceiveMessage"); n != 0 {
			t.Errorf("%d ReceiveMessage calls reached SQS in read-only mode", n)
		}
		if _, err := p.Release(context.Background()); err != nil {
			t.Errorf("Release: %v", err)
		}
		if vis, hid := counts(t, admin, f.dlq); vis+hid != 0 {
			t.Errorf("DLQ holds %d messages after a read-only peek, want 0", vis+hid)
		}
		if vis, hid := counts(t, admin, f.src); vis != f.n || hid != 0 {
			t.Errorf("source: %d visible, %d hidden; want %d, 0", vis, hid, f.n)
		}
		// The check's own receive is the third: nothing else received them.
		for body, c := range f.receiveCounts(t, admin) {
			if c != 3 {
				t.Errorf("%s: ApproximateReceiveCount %d, want 3 (2 before, 1 by this check)", body, c)
			}
		}
	})
}

// Without a redrive policy a receive cannot dead-letter: a read-only peek
// of a DLQ works and releases what it read.
func TestReadOnlyPeekOfQueueWithoutRedrivePolicy(t *testing.T) {
	forEachBackend(t, "readonly-dlq", func(t *testing.T, b backend) {
		admin := adminClient(serve(t, b.handler))
		f := newFragile(t, admin, 4)
		sendBatchN(t, admin, f.dlq, 6)
		p := newPeekClient(t, serve(t, b.handler), true).OpenPeek(f.dlq, PeekOptions{})
		bodies, received := peekAll(t, p, 10)
		if distinct(bodies) != 6 {
			t.Fatalf("read-only peek of the DLQ read %d distinct messages, want 6", distinct(bodies))
		}
		if rep, err := p.Release(context.Background()); err != nil || rep.Failed != 0 {
			t.Fatalf("Release = %+v, %v", rep, err)
		}
		assertAllBack(t, admin, f.dlq, 6, received)
	})
}

// The guard itself: in read-only mode a ReceiveMessage that did not come
// through the peek's redrive check is refused before the network, so a
// code path that forgets the check cannot dead-letter anything.
func TestReadOnlyRefusesUncheckedReceive(t *testing.T) {
	h := &countingHandler{}
	c := NewStatic(serve(t, h), "us-east-1", Config{ReadOnly: true})
	_, err := c.api.ReceiveMessage(context.Background(), &sqs.ReceiveMessageInput{
		QueueUrl:       aws.String("http://x/000000000000/q"),
		AttributeNames: []types.QueueAttributeName{"All"}})
	if !errors.Is(err, ErrReadOnly) || h.n.Load() != 0 {
		t.Fatalf("unchecked ReceiveMessage: err %v, %d requests; want ErrReadOnly before the network", err, h.n.Load())
	}
	if d := Describe(err); !strings.Contains(d, "ReceiveMessage") {
		t.Errorf("Describe = %q, want it to name ReceiveMessage", d)
	}
	// A clearance for one queue does not clear another.
	ctx := withReceiveClearance(context.Background(), "http://x/000000000000/other")
	if _, err := c.api.ReceiveMessage(ctx, &sqs.ReceiveMessageInput{QueueUrl: aws.String("http://x/000000000000/q")}); !errors.Is(err, ErrReadOnly) {
		t.Errorf("receive cleared for another queue: err %v, want ErrReadOnly", err)
	}
}

// The UI can tell before asking: the listed attributes already say whether
// a read-only peek would be refused.
func TestReadOnlyPeekRisk(t *testing.T) {
	q := model.Queue{Name: "orders", Redrive: &model.RedrivePolicy{DeadLetterTargetARN: "arn:aws:sqs:us-east-1:1:orders-dlq", MaxReceiveCount: 3}}
	var risk *PeekRiskError
	if err := ReadOnlyPeekRisk(q); !errors.As(err, &risk) || risk.DeadLetterQueue != "orders-dlq" || risk.MaxReceiveCount != 3 {
		t.Errorf("queue with a policy: %v", err)
	}
	if err := ReadOnlyPeekRisk(model.Queue{Name: "q", RedriveErr: errors.New("bad json")}); !errors.Is(err, ErrReadOnly) {
		t.Errorf("queue with a malformed policy: %v, want refused", err)
	}
	if err := ReadOnlyPeekRisk(model.Queue{Name: "orders-dlq"}); err != nil {
		t.Errorf("queue without a policy: %v, want nil", err)
	}
	if got := Describe(ReadOnlyPeekRisk(q)); got != "read-only: peek refused: a receive could dead-letter messages (redrive policy, maxReceiveCount 3); restart without --read-only to accept that risk" {
		t.Errorf("Describe = %q", got)
	}
}
