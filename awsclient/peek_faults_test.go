package awsclient

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sqs"

	"github.com/sqscope/sqscope/localsqs"
	"github.com/sqscope/sqscope/model"
)

// slowAnswers lets the backend handle each ReceiveMessage at once, then
// holds the answer back for delay: the messages are hidden on the server
// but the client does not know them yet — the worst moment to give up.
type slowAnswers struct {
	next    http.Handler
	delay   time.Duration
	handled chan struct{} // one send per receive the backend handled
}

func (s *slowAnswers) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Header.Get("X-Amz-Target") != "AmazonSQS.ReceiveMessage" {
		s.next.ServeHTTP(w, r)
		return
	}
	rec := httptest.NewRecorder()
	s.next.ServeHTTP(rec, r)
	select {
	case s.handled <- struct{}{}:
	default:
	}
	time.Sleep(s.delay)
	for k, v := range rec.Header() {
		w.Header()[k] = v
	}
	w.WriteHeader(rec.Code)
	_, _ = w.Write(rec.Body.Bytes())
}

// Leaving the pane mid-load cancels Next while receives are on the wire;
// Release with a fresh context must still make every message visible.
func TestPeekCancelledMidLoadLosesNothing(t *testing.T) {
	forEachBackend(t, "peek-cancel", func(t *testing.T, b backend) {
		admin := adminClient(serve(t, b.handler))
		url := createQueue(t, admin, uniquePrefix(t)+"q", nil)
		sendBatchN(t, admin, url, 80)
		slow := &slowAnswers{next: b.handler, delay: 300 * time.Millisecond, handled: make(chan struct{}, 1)}
		p := newPeekClient(t, serve(t, slow), false).OpenPeek(url, PeekOptions{Concurrency: 4})

		ctx, cancel := context.WithCancel(context.Background())
		var wg sync.WaitGroup
		var page PeekPage
		var err error
		wg.Add(1)
		go func() {
			defer wg.Done()
			page, err = p.Next(ctx, 80)
		}()
		<-slow.handled // SQS has hidden messages; their answer is on its way
		cancel()
		wg.Wait()
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("Next after cancel: err %v, want context.Canceled", err)
		}
		if len(page.Messages) != 0 {
			t.Logf("Next returned %d messages before it saw the cancel", len(page.Messages))
		}

		rep, err := p.Release(context.Background())
		if err != nil || rep.Failed != 0 || rep.Released == 0 {
			t.Fatalf("Release = %+v, %v; want the in-flight receives' messages released", rep, err)
		}
		// Everything that was received once is visible again, now.
		if vis, hid := counts(t, admin, url); hid != 0 || vis != 80 {
			t.Fatalf("after Release: %d visible, %d hidden; want 80, 0", vis, hid)
		}
		got := receiveAll(t, admin, url, 80)
		if len(got) != 80 {
			t.Fatalf("a consumer received %d distinct messages, want 80", len(got))
		}
		peeked := 0
		for _, c := range got {
			if c >= 2 {
				peeked++
			}
			if c > 2 && exactOnce(b) {
				t.Errorf("receive count %d: a message was received more than once by the peek", c)
			}
		}
		if peeked != rep.Released {
			t.Errorf("%d messages show the peek's receive, Release reported %d", peeked, rep.Released)
		}
	})
}

// Options.Latency delays requests before localsqs handles them, as a slow
// network would; cancelling there must not leave anything behind either.
func TestPeekCancelledBehindLatency(t *testing.T) {
	srv := localsqs.New(localsqs.Options{Latency: 50 * time.Millisecond})
	t.Cleanup(srv.Close)
	ep := serve(t, srv)
	admin := adminClient(ep)
	url := createQueue(t, admin, "q", nil)
	sendBatchN(t, admin, url, 200)
	p := newPeekClient(t, ep, false).OpenPeek(url, PeekOptions{Concurrency: 4})
	ctx, cancel := context.WithTimeout(context.Background(), 120*time.Millisecond)
	defer cancel()
	page, err := p.Next(ctx, 200)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("Next: %d messages, err %v; want a deadline error mid-load", len(page.Messages), err)
	}
	if _, err := p.Release(context.Background()); err != nil {
		t.Fatalf("Release: %v", err)
	}
	if vis, hid := counts(t, admin, url); hid != 0 || vis != 200 {
		t.Fatalf("after Release: %d visible, %d hidden; want 200, 0", vis, hid)
	}
}

// What the confirmation dialog protects against, at the client level: on a
// queue with maxReceiveCount 1 whose messages were received once, not
// peeking moves nothing, and peeking moves every one of them to the DLQ.
func TestPeekAtMaxReceiveCountDeadLetters(t *testing.T) {
	forEachBackend(t, "peek-dlq", func(t *testing.T, b backend) {
		ep := serve(t, b.handler)
		admin := adminClient(ep)
		p := uniquePrefix(t)
		dlq := createQueue(t, admin, p+"dlq", nil)
		src := createQueue(t, admin, p+"src", map[string]string{
			"RedrivePolicy": `{"deadLetterTargetArn":"` + queueARN(t, admin, dlq) + `","maxReceiveCount":"1"}`,
		})
		sendBatchN(t, admin, src, 5)
		// A consumer received each once and gave them back.
		out, err := admin.ReceiveMessage(context.Background(), &sqs.ReceiveMessageInput{
			QueueUrl: &src, MaxNumberOfMessages: 10, VisibilityTimeout: 60, WaitTimeSeconds: 1})
		if err != nil || len(out.Messages) != 5 {
			t.Fatalf("setup receive: %d messages, %v", len(out.Messages), err)
		}
		for _, m := range out.Messages {
			if _, err := admin.ChangeMessageVisibility(context.Background(), &sqs.ChangeMessageVisibilityInput{
				QueueUrl: &src, ReceiptHandle: m.ReceiptHandle, VisibilityTimeout: 0}); err != nil {
				t.Fatal(err)
			}
		}
		rp := &model.RedrivePolicy{DeadLetterTargetARN: "dlq", MaxReceiveCount: 1}
		if c := model.PeekCostOf(rp, []int{1, 1, 1, 1, 1}); c.MoveNow != 5 {
			t.Fatalf("PeekCostOf = %+v; the dialog must say all 5 would move", c)
		}

		// Declined: no Next call, nothing moves.
		c := newPeekClient(t, ep, false)
		peek := c.OpenPeek(src, PeekOptions{})
		if vis, _ := counts(t, admin, src); vis != 5 {
			t.Fatalf("source has %d visible before any peek, want 5", vis)
		}
		if vis, hid := counts(t, admin, dlq); vis+hid != 0 {
			t.Fatalf("DLQ has %d messages without a peek", vis+hid)
		}

		// Accepted: the peek's receive is the one that moves them.
		page, err := peek.Next(context.Background(), 10)
		if err != nil {
			t.Fatal(err)
		}
		if len(page.Messages) != 0 {
			t.Errorf("peek returned %d messages; SQS should have moved them instead", len(page.Messages))
		}
		if _, err := peek.Release(context.Background()); err != nil {
			t.Fatal(err)
		}
		if vis, hid := counts(t, admin, dlq); vis != 5 {
			t.Errorf("DLQ has %d visible (%d hidden) after the peek, want 5", vis, hid)
		}
		if vis, hid := counts(t, admin, src); vis+hid != 0 {
			t.Errorf("source still has %d messages", vis+hid)
		}
	})
}

// A message whose hold is no longer ours — the hold was reset by someone,
// or the message was received again — is Expired, not a failure.
func TestPeekReleaseOfHoldsNoLongerOurs(t *testing.T) {
	forEachBackend(t, "peek-stale", func(t *testing.T, b backend) {
		if b.name == "moto" {
			t.Skip("moto: case \"peek-stale\" skipped: moto accepts any handle a message ever had and resets messages that are not in flight, so nothing is reported expired")
		}
		ep := serve(t, b.handler)
		admin := adminClient(ep)
		url := createQueue(t, admin, uniquePrefix(t)+"q", nil)
		sendBatchN(t, admin, url, 6)
		p := newPeekClient(t, ep, false).OpenPeek(url, PeekOptions{})
		page, err := p.Next(context.Background(), 6)
		if err != nil || len(page.Messages) != 6 {
			t.Fatalf("Next = %d, %v", len(page.Messages), err)
		}
		// Someone resets two holds (not in flight any more) and a consumer
		// then receives one of them (our handle is stale).
		for _, m := range page.Messages[:2] {
			if _, err := admin.ChangeMessageVisibility(context.Background(), &sqs.ChangeMessageVisibilityInput{
				QueueUrl: &url, ReceiptHandle: aws.String(m.ReceiptHandle), VisibilityTimeout: 0}); err != nil {
				t.Fatal(err)
			}
		}
		if got := receiveAll(t, admin, url, 1); len(got) == 0 {
			t.Fatal("consumer received nothing")
		}
		rep, err := p.Release(context.Background())
		if err != nil || rep.Released != 4 || rep.Expired != 2 || rep.Failed != 0 {
			t.Fatalf("Release = %+v, %v; want 4 released, 2 expired", rep, err)
		}
	})
}

// Holds that ran out are skipped and reported as Expired.
func TestPeekReleaseAfterHoldRanOut(t *testing.T) {
	srv := localsqs.New(localsqs.Options{})
	t.Cleanup(srv.Close)
	ep := serve(t, srv)
	admin := adminClient(ep)
	url := createQueue(t, admin, "q", nil)
	sendBatchN(t, admin, url, 5)
	p := newPeekClient(t, ep, false).OpenPeek(url, PeekOptions{Hold: time.Second})
	if page, err := p.Next(context.Background(), 5); err != nil || len(page.Messages) != 5 {
		t.Fatalf("Next = %d, %v", len(page.Messages), err)
	}
	time.Sleep(1100 * time.Millisecond)
	if h := p.Held(); h != 0 {
		t.Errorf("Held = %d after the hold ran out", h)
	}
	rep, err := p.Release(context.Background())
	if err != nil || rep.Expired != 5 || rep.Released != 0 || rep.Failed != 0 {
		t.Fatalf("Release = %+v, %v; want 5 expired", rep, err)
	}
	if vis, hid := counts(t, admin, url); vis != 5 || hid != 0 {
		t.Errorf("%d visible, %d hidden; want 5, 0", vis, hid)
	}
}

// A queue deleted while peeked leaves nothing hidden: Release says so
// rather than reporting failures.
func TestPeekReleaseAfterQueueDeleted(t *testing.T) {
	forEachBackend(t, "peek-deleted", func(t *testing.T, b backend) {
		ep := serve(t, b.handler)
		admin := adminClient(ep)
		url := createQueue(t, admin, uniquePrefix(t)+"q", nil)
		sendBatchN(t, admin, url, 15)
		p := newPeekClient(t, ep, false).OpenPeek(url, PeekOptions{})
		if page, err := p.Next(context.Background(), 15); err != nil || len(page.Messages) != 15 {
			t.Fatalf("Next = %d, %v", len(page.Messages), err)
		}
		if _, err := admin.DeleteQueue(context.Background(), &sqs.DeleteQueueInput{QueueUrl: &url}); err != nil {
			t.Fatal(err)
		}
		rep, err := p.Release(context.Background())
		if err != nil || rep.Expired != 15 || rep.Failed != 0 || p.Held() != 0 {
			t.Fatalf("Release = %+v, %v, held %d; want 15 expired, nothing held", rep, err, p.Held())
		}
	})
}
