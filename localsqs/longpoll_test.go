package localsqs

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// waitForPoller blocks until a long poll is parked on the named queue, so
// the test knows the message it sends next arrives during the wait.
func waitForPoller(t *testing.T, s *Server, name string) {
	t.Helper()
	for {
		q := s.queueByName(name)
		q.mu.Lock()
		parked := q.wake != nil
		q.mu.Unlock()
		if parked {
			return
		}
		time.Sleep(time.Millisecond)
	}
}

func TestLongPollWakesOnSend(t *testing.T) {
	h := newHarness(t)
	url := h.createQueue("q", nil)
	got := make(chan []obj, 1)
	go func() { got <- h.receive(url, obj{"WaitTimeSeconds": 20}) }()
	waitForPoller(t, h.s, "q")
	h.send(url, "wake up", nil)
	if msgs := <-got; bodies(msgs) != "wake up" {
		t.Fatalf("long poll returned %q", bodies(msgs))
	}
}

func TestLongPollWakesOnVisibilityReset(t *testing.T) {
	h := newHarness(t)
	url := h.createQueue("q", nil)
	h.send(url, "m", nil)
	held := h.receive(url, nil)
	got := make(chan []obj, 1)
	go func() { got <- h.receive(url, obj{"WaitTimeSeconds": 20}) }()
	waitForPoller(t, h.s, "q")
	h.ok("ChangeMessageVisibility", obj{"QueueUrl": url, "ReceiptHandle": held[0]["ReceiptHandle"], "VisibilityTimeout": 0})
	if msgs := <-got; bodies(msgs) != "m" {
		t.Fatalf("long poll returned %q", bodies(msgs))
	}
}

func TestLongPollSeesDelayedMessageWhenDue(t *testing.T) {
	// Real clock: the poll must wake by itself when the delay ends, with no
	// send to signal it.
	s := New(Options{})
	defer s.Close()
	h := &harness{t: t, s: s}
	url := h.createQueue("q", nil)
	h.send(url, "later", obj{"DelaySeconds": 1})
	if msgs := h.receive(url, obj{"WaitTimeSeconds": 20}); bodies(msgs) != "later" {
		t.Fatalf("long poll returned %q", bodies(msgs))
	}
}

func TestCloseEndsLongPolls(t *testing.T) {
	h := newHarness(t)
	url := h.createQueue("q", nil)
	got := make(chan []obj, 1)
	go func() { got <- h.receive(url, obj{"WaitTimeSeconds": 20}) }()
	waitForPoller(t, h.s, "q")
	h.s.Close()
	if msgs := <-got; len(msgs) != 0 {
		t.Fatalf("closed server returned %v", msgs)
	}
}

func TestDeleteQueueEndsLongPolls(t *testing.T) {
	h := newHarness(t)
	url := h.createQueue("q", nil)
	done := make(chan int, 1)
	go func() {
		code, _, _ := h.do("ReceiveMessage", obj{"QueueUrl": url, "WaitTimeSeconds": 20})
		done <- code
	}()
	waitForPoller(t, h.s, "q")
	h.ok("DeleteQueue", obj{"QueueUrl": url})
	if code := <-done; code != 400 {
		t.Fatalf("poll on deleted queue ended with %d, want 400", code)
	}
}

// parkedWake returns the channel a parked long poll on name is waiting on.
func parkedWake(t *testing.T, s *Server, name string) <-chan struct{} {
	t.Helper()
	waitForPoller(t, s, name)
	q := s.queueByName(name)
	q.mu.Lock()
	defer q.mu.Unlock()
	return q.wake
}

func assertWoken(t *testing.T, ch <-chan struct{}, what string) {
	t.Helper()
	select {
	case <-ch:
	default:
		t.Fatalf("%s did not wake the parked long poll, so it would sleep until its deadline", what)
	}
}

func TestLongPollWakesForDelayedSendDuringWait(t *testing.T) {
	h := newHarness(t)
	url := h.createQueue("q", nil)
	got := make(chan []obj, 1)
	go func() { got <- h.receive(url, obj{"WaitTimeSeconds": 20}) }()
	ch := parkedWake(t, h.s, "q")
	h.send(url, "later", obj{"DelaySeconds": 1})
	assertWoken(t, ch, "a delayed send")
	h.clock.Advance(time.Second)
	if msgs := <-got; bodies(msgs) != "later" {
		t.Fatalf("long poll returned %q", bodies(msgs))
	}
}

func TestLongPollWakesWhenVisibilityIsShortened(t *testing.T) {
	h := newHarness(t)
	url := h.createQueue("q", nil)
	h.send(url, "m", nil)
	held := h.receive(url, obj{"VisibilityTimeout": 600})
	got := make(chan []obj, 1)
	go func() { got <- h.receive(url, obj{"WaitTimeSeconds": 20}) }()
	ch := parkedWake(t, h.s, "q")
	h.ok("ChangeMessageVisibility", obj{"QueueUrl": url, "ReceiptHandle": held[0]["ReceiptHandle"], "VisibilityTimeout": 1})
	assertWoken(t, ch, "shortening a visibility timeout")
	h.clock.Advance(time.Second)
	if msgs := <-got; bodies(msgs) != "m" {
		t.Fatalf("long poll returned %q", bodies(msgs))
	}
}

// A client that hangs up mid-poll cancels the request context; the handler
// must return then (its timer stopped by a defer), not hold a goroutine
// until WaitTimeSeconds runs out.
func TestLongPollEndsWhenClientDisconnects(t *testing.T) {
	h := newHarness(t)
	url := h.createQueue("q", nil)
	ctx, cancel := context.WithCancel(context.Background())
	req := httptest.NewRequestWithContext(ctx, http.MethodPost, "http://127.0.0.1:9324/",
		strings.NewReader(`{"QueueUrl":"`+url+`","WaitTimeSeconds":20}`))
	req.Header.Set("X-Amz-Target", "AmazonSQS.ReceiveMessage")
	done := make(chan struct{})
	go func() {
		h.s.ServeHTTP(httptest.NewRecorder(), req)
		close(done)
	}()
	waitForPoller(t, h.s, "q")
	cancel()
	<-done
	// The queue is unharmed: a later send is received at once.
	h.send(url, "after", nil)
	if msgs := h.receive(url, nil); bodies(msgs) != "after" {
		t.Fatalf("receive after a disconnected poll returned %q", bodies(msgs))
	}
}
