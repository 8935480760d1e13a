package localsqs

import (
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
