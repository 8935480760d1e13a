package awsclient

import (
	"context"
	"encoding/base64"
	"fmt"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	"github.com/aws/aws-sdk-go-v2/service/sqs/types"
)

// The heart of the product: after a peek and Release every message is
// visible again, and the peek cost each exactly one receive.
func TestPeekThenReleaseLeavesEveryMessage(t *testing.T) {
	for _, n := range []int{35, 120} {
		forEachBackend(t, "peek-release", func(t *testing.T, b backend) {
			t.Run(fmt.Sprint(n), func(t *testing.T) {
				ep := serve(t, b.handler)
				admin := adminClient(ep)
				url := createQueue(t, admin, uniquePrefix(t)+"q", nil)
				sendBatchN(t, admin, url, n)

				// moto can hand one message to two concurrent receives (a
				// race of its own), so there the peek runs one receive at a
				// time: the claim under test is the peek's, not moto's.
				opts := PeekOptions{}
				if !exactOnce(b) {
					opts.Concurrency = 1
				}
				p := newPeekClient(t, ep, false).OpenPeek(url, opts)
				bodies, received := peekAll(t, p, 25)
				if len(bodies) != n || distinct(bodies) != n {
					t.Fatalf("peeked %d messages (%d distinct), want %d", len(bodies), distinct(bodies), n)
				}
				if received != n {
					t.Errorf("peek received %d times for %d messages: each must cost exactly one receive", received, n)
				}
				if h := p.Held(); h != n {
					t.Errorf("Held = %d before Release, want %d", h, n)
				}
				rep, err := p.Release(context.Background())
				if err != nil || rep.Released != n || rep.Expired != 0 || rep.Failed != 0 {
					t.Fatalf("Release = %+v, %v; want %d released", rep, err, n)
				}
				if h := p.Held(); h != 0 {
					t.Errorf("Held = %d after Release", h)
				}
				assertAllBack(t, admin, url, n, received)
			})
		})
	}
}

func TestPeekPagesDoNotRepeat(t *testing.T) {
	forEachBackend(t, "peek-paging", func(t *testing.T, b backend) {
		ep := serve(t, b.handler)
		admin := adminClient(ep)
		url := createQueue(t, admin, uniquePrefix(t)+"q", nil)
		sendBatchN(t, admin, url, 30)
		p := newPeekClient(t, ep, false).OpenPeek(url, PeekOptions{})
		ctx := context.Background()

		var ids []string
		received := 0
		for i := 0; i < 2; i++ {
			page, err := p.Next(ctx, 10)
			if err != nil {
				t.Fatalf("Next #%d: %v", i+1, err)
			}
			if len(page.Messages) != 10 || page.Exhausted {
				t.Fatalf("Next #%d: %d messages, exhausted %v; want 10, false", i+1, len(page.Messages), page.Exhausted)
			}
			received += page.Received
			for _, m := range page.Messages {
				ids = append(ids, m.ID)
			}
		}
		if distinct(ids) != 20 {
			t.Fatalf("two pages of 10 gave %d distinct messages, want 20", distinct(ids))
		}
		// A page asks only for what it needs: nothing beyond the 20 was
		// received, so the other 10 cost nothing.
		if vis, hid := counts(t, admin, url); vis != 10 || hid != 20 {
			t.Errorf("after two pages: %d visible, %d hidden; want 10, 20", vis, hid)
		}
		page, err := p.Next(ctx, 100)
		if err != nil || len(page.Messages) != 10 {
			t.Fatalf("last page: %d messages, err %v; want 10, nil", len(page.Messages), err)
		}
		received += page.Received
		if page, err = p.Next(ctx, 100); err != nil || len(page.Messages) != 0 || !page.Exhausted {
			t.Fatalf("past the end: %d messages, exhausted %v, err %v; want 0, true, nil", len(page.Messages), page.Exhausted, err)
		}
		if rep, err := p.Release(ctx); err != nil || rep.Released != 30 {
			t.Fatalf("Release = %+v, %v", rep, err)
		}
		assertAllBack(t, admin, url, 30, received)
	})
}

// A peek never returns more than asked, even with many receives in flight.
func TestPeekNeverReturnsMoreThanAsked(t *testing.T) {
	forEachBackend(t, "peek-limit", func(t *testing.T, b backend) {
		ep := serve(t, b.handler)
		admin := adminClient(ep)
		url := createQueue(t, admin, uniquePrefix(t)+"q", nil)
		sendBatchN(t, admin, url, 40)
		p := newPeekClient(t, ep, false).OpenPeek(url, PeekOptions{Concurrency: 8, MaxNumber: 25})
		page, err := p.Next(context.Background(), 1000) // capped at MaxNumber
		if err != nil || len(page.Messages) != 25 {
			t.Fatalf("Next = %d messages, %v; want 25", len(page.Messages), err)
		}
		if _, hid := counts(t, admin, url); hid != 25 {
			t.Errorf("%d messages hidden, want exactly the 25 returned", hid)
		}
		if _, err := p.Release(context.Background()); err != nil {
			t.Fatal(err)
		}
	})
}

func TestPeekFillsEveryField(t *testing.T) {
	forEachBackend(t, "peek-fields", func(t *testing.T, b backend) {
		ep := serve(t, b.handler)
		admin := adminClient(ep)
		url := createQueue(t, admin, uniquePrefix(t)+"q", nil)
		blob := []byte{0, 1, 0x1b, 0xff}
		_, err := admin.SendMessage(context.Background(), &sqs.SendMessageInput{
			QueueUrl: &url, MessageBody: aws.String(`{"order":42}`),
			MessageAttributes: map[string]types.MessageAttributeValue{
				"kind": {DataType: aws.String("String"), StringValue: aws.String("order.created")},
				"n":    {DataType: aws.String("Number"), StringValue: aws.String("7")},
				"doc":  {DataType: aws.String("String.json"), StringValue: aws.String(`{"a":1}`)},
				"raw":  {DataType: aws.String("Binary"), BinaryValue: blob},
			},
		})
		if err != nil {
			t.Fatal(err)
		}
		p := newPeekClient(t, ep, false).OpenPeek(url, PeekOptions{})
		t.Cleanup(func() { _, _ = p.Release(context.Background()) })
		page, err := p.Next(context.Background(), 10)
		if err != nil || len(page.Messages) != 1 {
			t.Fatalf("Next = %+v, %v", page, err)
		}
		m := page.Messages[0]
		if m.ID == "" || m.ReceiptHandle == "" || m.Body != `{"order":42}` || m.MD5OfBody == "" {
			t.Errorf("identity/body: %+v", m)
		}
		if m.SentAt.IsZero() || m.FirstReceiveAt.IsZero() || m.FirstReceiveAt.Before(m.SentAt.Add(-2e9)) {
			t.Errorf("SentAt %v, FirstReceiveAt %v", m.SentAt, m.FirstReceiveAt)
		}
		if m.ReceiveCount != 1 || m.SenderID == "" || m.System["SentTimestamp"] == "" {
			t.Errorf("ReceiveCount %d, SenderID %q, System %v", m.ReceiveCount, m.SenderID, m.System)
		}
		want := map[string][2]string{"kind": {"String", "order.created"}, "n": {"Number", "7"}, "doc": {"String.json", `{"a":1}`}}
		for name, w := range want {
			if a := m.Attributes[name]; a.DataType != w[0] || a.StringValue != w[1] {
				t.Errorf("attribute %s = %+v, want %v", name, a, w)
			}
		}
		if a := m.Attributes["raw"]; !a.IsBinary() || base64.StdEncoding.EncodeToString(a.BinaryValue) != base64.StdEncoding.EncodeToString(blob) {
			t.Errorf("binary attribute = %+v", a)
		}
	})
}

func TestPeekFIFOGroupIsDeliverableAfterRelease(t *testing.T) {
	forEachBackend(t, "peek-fifo", func(t *testing.T, b backend) {
		ep := serve(t, b.handler)
		admin := adminClient(ep)
		url := createQueue(t, admin, uniquePrefix(t)+"q.fifo", map[string]string{"FifoQueue": "true"})
		for i := 0; i < 3; i++ {
			if _, err := admin.SendMessage(context.Background(), &sqs.SendMessageInput{
				QueueUrl: &url, MessageBody: aws.String(fmt.Sprintf("message %d", i)),
				MessageGroupId: aws.String("g1"), MessageDeduplicationId: aws.String(fmt.Sprintf("d%d", i)),
			}); err != nil {
				t.Fatal(err)
			}
		}
		p := newPeekClient(t, ep, false).OpenPeek(url, PeekOptions{})
		if page, err := p.Next(context.Background(), 3); err != nil || len(page.Messages) != 3 {
			t.Fatalf("peeked %d, %v; want 3", len(page.Messages), err)
		}
		// While the peek holds them the group is blocked for everyone.
		out, err := admin.ReceiveMessage(context.Background(), &sqs.ReceiveMessageInput{
			QueueUrl: &url, MaxNumberOfMessages: 10, VisibilityTimeout: 60, WaitTimeSeconds: 1})
		if err != nil || len(out.Messages) != 0 {
			t.Fatalf("a consumer received %d messages (%v) while the peek held the group", len(out.Messages), err)
		}
		if rep, err := p.Release(context.Background()); err != nil || rep.Released != 3 {
			t.Fatalf("Release = %+v, %v", rep, err)
		}
		got := receiveAll(t, admin, url, 3)
		if len(got) != 3 || got["message 0"] != 2 {
			t.Fatalf("after Release a consumer received %v; want all 3 (message 0 twice-received)", got)
		}
	})
}

func TestPeekFIFOFields(t *testing.T) {
	forEachBackend(t, "peek-fifo", func(t *testing.T, b backend) {
		ep := serve(t, b.handler)
		admin := adminClient(ep)
		url := createQueue(t, admin, uniquePrefix(t)+"q.fifo", map[string]string{"FifoQueue": "true"})
		if _, err := admin.SendMessage(context.Background(), &sqs.SendMessageInput{
			QueueUrl: &url, MessageBody: aws.String("x"),
			MessageGroupId: aws.String("g7"), MessageDeduplicationId: aws.String("dd7"),
		}); err != nil {
			t.Fatal(err)
		}
		p := newPeekClient(t, ep, false).OpenPeek(url, PeekOptions{})
		t.Cleanup(func() { _, _ = p.Release(context.Background()) })
		page, err := p.Next(context.Background(), 1)
		if err != nil || len(page.Messages) != 1 {
			t.Fatalf("Next = %+v, %v", page, err)
		}
		if m := page.Messages[0]; m.GroupID != "g7" || m.DedupID != "dd7" || m.SequenceNumber == "" {
			t.Errorf("FIFO fields: group %q dedup %q seq %q", m.GroupID, m.DedupID, m.SequenceNumber)
		}
	})
}

// Read-only mode lets the peek of a queue without a redrive policy
// through: receive and reset are allowed together (see readOnlyAllowed),
// and a peek never deletes or sends.
func TestPeekWorksReadOnly(t *testing.T) {
	forEachBackend(t, "peek-readonly", func(t *testing.T, b backend) {
		ep := serve(t, b.handler)
		admin := adminClient(ep)
		url := createQueue(t, admin, uniquePrefix(t)+"q", nil)
		sendBatchN(t, admin, url, 12)
		p := newPeekClient(t, ep, true).OpenPeek(url, PeekOptions{})
		page, err := p.Next(context.Background(), 12)
		if err != nil || len(page.Messages) != 12 {
			t.Fatalf("read-only peek got %d messages (%v), want 12", len(page.Messages), err)
		}
		if rep, err := p.Release(context.Background()); err != nil || rep.Released != 12 {
			t.Fatalf("read-only Release = %+v, %v", rep, err)
		}
		assertAllBack(t, admin, url, 12, page.Received)
	})
}

func distinct(xs []string) int {
	m := map[string]bool{}
	for _, x := range xs {
		m[x] = true
	}
	return len(m)
}

// TestPeekReportsMessagesReceivedAgain: once a hold ends the messages are
// visible, and the next page receives them again. They are not shown
// twice, but their raised receive count comes back in Again.
func TestPeekReportsMessagesReceivedAgain(t *testing.T) {
	b, _ := localsqsBackend(t)
	ep := serve(t, b.handler)
	admin := adminClient(ep)
	url := createQueue(t, admin, uniquePrefix(t)+"q", nil)
	sendBatchN(t, admin, url, 5)
	p := newPeekClient(t, ep, false).OpenPeek(url, PeekOptions{Hold: time.Second})
	ctx := context.Background()
	first, err := p.Next(ctx, 5)
	if err != nil || len(first.Messages) != 5 || len(first.Again) != 0 {
		t.Fatalf("first page: %d messages, %d again, %v", len(first.Messages), len(first.Again), err)
	}
	if !p.Holds(first.Messages[0].ID) || p.Holds("no-such-id") {
		t.Errorf("Holds: %v for a message just read, %v for an unknown id", p.Holds(first.Messages[0].ID), p.Holds("no-such-id"))
	}
	for p.Held() > 0 {
		time.Sleep(50 * time.Millisecond) // the 1 s hold runs out
	}
	if p.Holds(first.Messages[0].ID) {
		t.Error("Holds is true after the hold ran out")
	}
	again, err := p.Next(ctx, 5)
	// At least 5: with a 1 s hold, the page's own later long polls may
	// receive them a third time.
	if err != nil || len(again.Messages) != 0 || again.Duplicates < 5 {
		t.Fatalf("second page: %d new, %d duplicates, %v; want 0 new, at least 5 duplicates", len(again.Messages), again.Duplicates, err)
	}
	if len(again.Again) != 5 {
		t.Fatalf("Again holds %d messages, want the 5 received again", len(again.Again))
	}
	for _, m := range again.Again {
		if m.ReceiveCount < 2 {
			t.Errorf("%s: receive count %d in Again, want the raised count (at least 2)", m.ID, m.ReceiveCount)
		}
	}
	if _, err := p.Release(ctx); err != nil {
		t.Fatal(err)
	}
}
