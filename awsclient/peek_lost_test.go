package awsclient

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	smithyhttp "github.com/aws/smithy-go/transport/http"
)

// lostAnswers lets the backend handle the first n ReceiveMessage requests,
// so their messages are hidden, and then loses the answer: "reset" closes
// the connection without a response, "5xx" answers 500 as SQS does when it
// fails after the work was done, "md5" corrupts the answer's MD5OfBody.
// Every other request passes untouched.
type lostAnswers struct {
	next http.Handler
	mode string

	mu      sync.Mutex
	left    int
	dropped int
}

func (l *lostAnswers) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Header.Get("X-Amz-Target") != "AmazonSQS.ReceiveMessage" {
		l.next.ServeHTTP(w, r)
		return
	}
	l.mu.Lock()
	drop := l.left > 0
	if drop {
		l.left--
		l.dropped++
	}
	l.mu.Unlock()
	if !drop {
		l.next.ServeHTTP(w, r)
		return
	}
	rec := httptest.NewRecorder()
	l.next.ServeHTTP(rec, r) // SQS did the work
	switch l.mode {
	case "md5":
		// The answer arrives with a wrong MD5OfBody: the SDK's check fails
		// the call after it was answered, and throws the messages away.
		body := strings.ReplaceAll(rec.Body.String(), `"MD5OfBody":"`, `"MD5OfBody":"0`)
		w.Header().Set("Content-Type", "application/x-amz-json-1.0")
		_, _ = w.Write([]byte(body))
	case "reset":
		conn, _, err := w.(http.Hijacker).Hijack()
		if err != nil {
			panic(err)
		}
		_ = conn.Close()
	case "5xx":
		writeAWSError(w, http.StatusInternalServerError, "com.amazonaws.sqs#InternalError", "InternalError", "internal error")
	default:
		panic("lostAnswers: unknown mode " + l.mode)
	}
}

// Issue 15, defect 7: two lost ReceiveMessage answers hid all 20 messages
// for the hold, the SDK's retries then found the queue empty, and the page
// said "0 read, exhausted" with nothing else. The page must say that
// receives were lost and until when messages may stay hidden.
func TestPeekReportsLostReceives(t *testing.T) {
	for _, mode := range []string{"reset", "5xx"} {
		t.Run(mode, func(t *testing.T) {
			forEachBackend(t, "peek-lost", func(t *testing.T, b backend) {
				admin := adminClient(serve(t, b.handler))
				url := createQueue(t, admin, uniquePrefix(t)+"q", nil)
				sendBatchN(t, admin, url, 20)
				lost := &lostAnswers{next: b.handler, mode: mode, left: 2}
				hold := 30 * time.Second
				p := newPeekClient(t, serve(t, lost), false).OpenPeek(url, PeekOptions{Concurrency: 2, Hold: hold})

				before := time.Now()
				page, err := p.Next(context.Background(), 20)
				after := time.Now()
				if err != nil {
					t.Fatalf("Next: %v (the SDK's retries should have answered)", err)
				}
				// The situation of the defect: everything is hidden, and the
				// page on its own looks like the end of the queue. (moto may
				// answer a receive of 10 with fewer, so its retry can still
				// find one.)
				if _, hid := counts(t, admin, url); hid != 20 || (exactOnce(b) && len(page.Messages) != 0) {
					t.Fatalf("setup: %d messages read, %d hidden; want 0 read, 20 hidden by the lost receives", len(page.Messages), hid)
				}
				if page.LostReceives != 2 {
					t.Errorf("LostReceives = %d, want 2 (page %+v)", page.LostReceives, page)
				}
				if u := page.LostHoldUntil; u.Before(before.Add(hold)) || u.After(after.Add(hold)) {
					t.Errorf("LostHoldUntil = %v, want between %v and %v (when the lost receives' holds end)",
						u.Format(time.TimeOnly), before.Add(hold).Format(time.TimeOnly), after.Add(hold).Format(time.TimeOnly))
				}
				rep, err := p.Release(context.Background())
				if err != nil || rep.Failed != 0 {
					t.Fatalf("Release = %+v, %v", rep, err)
				}
				if rep.LostReceives != 2 || !rep.LostHoldUntil.Equal(page.LostHoldUntil) {
					t.Errorf("Release report: %d lost until %v; want what the page said, 2 until %v",
						rep.LostReceives, rep.LostHoldUntil, page.LostHoldUntil)
				}
			})
		})
	}
}

// A refusal the server sends before doing anything (throttling) is not a
// lost receive: nothing was hidden, and the retry reads everything.
func TestPeekThrottledReceiveIsNotLost(t *testing.T) {
	forEachBackend(t, "peek-lost", func(t *testing.T, b backend) {
		admin := adminClient(serve(t, b.handler))
		url := createQueue(t, admin, uniquePrefix(t)+"q", nil)
		sendBatchN(t, admin, url, 20)
		var mu sync.Mutex
		throttled := 0
		proxy := newFaultProxy(b.handler, func(w http.ResponseWriter, op, _ string) bool {
			mu.Lock()
			defer mu.Unlock()
			if op != "ReceiveMessage" || throttled >= 2 {
				return false
			}
			throttled++
			writeAWSError(w, http.StatusBadRequest, "com.amazonaws.sqs#RequestThrottled", "RequestThrottled", "Rate exceeded")
			return true
		})
		p := newPeekClient(t, serve(t, proxy), false).OpenPeek(url, PeekOptions{Concurrency: 2})
		bodies, received := peekAll(t, p, 20)
		if distinct(bodies) != 20 {
			t.Errorf("read %d distinct messages, want 20", distinct(bodies))
		}
		page, err := p.Next(context.Background(), 1)
		if err != nil || page.LostReceives != 0 || !page.LostHoldUntil.IsZero() {
			t.Errorf("after throttling: LostReceives %d until %v (%v); want none", page.LostReceives, page.LostHoldUntil, err)
		}
		received += page.Received
		if _, err := p.Release(context.Background()); err != nil {
			t.Fatal(err)
		}
		assertAllBack(t, admin, url, 20, received)
	})
}

// An answer the SDK throws away after reading it (its MD5 check failed)
// lost its messages just the same; that call fails and is not retried.
func TestPeekCountsAnswersThrownAway(t *testing.T) {
	b, _ := localsqsBackend(t)
	admin := adminClient(serve(t, b.handler))
	url := createQueue(t, admin, uniquePrefix(t)+"q", nil)
	sendBatchN(t, admin, url, 10)
	lost := &lostAnswers{next: b.handler, mode: "md5", left: 1}
	p := newPeekClient(t, serve(t, lost), false).OpenPeek(url, PeekOptions{Concurrency: 1})
	page, err := p.Next(context.Background(), 10)
	if err == nil || page.LostReceives != 1 || page.LostHoldUntil.IsZero() {
		t.Fatalf("Next = %d lost until %v, err %v; want an error and 1 lost receive", page.LostReceives, page.LostHoldUntil, err)
	}
	if _, hid := counts(t, admin, url); hid != 10 {
		t.Fatalf("%d hidden, want the 10 the thrown-away answer held", hid)
	}
}

func TestOutcomeUnknown(t *testing.T) {
	resp := func(code int) error {
		return &smithyhttp.ResponseError{Response: &smithyhttp.Response{Response: &http.Response{StatusCode: code}}, Err: errors.New("x")}
	}
	for _, c := range []struct {
		name string
		err  error
		want bool
	}{
		{"throttled 400", resp(400), false},
		{"forbidden 403", resp(403), false},
		{"internal 500", resp(500), true},
		{"bad gateway 502", resp(502), true},
		{"unreadable 200", resp(200), true},
		{"never connected", &smithyhttp.RequestSendError{Err: &net.OpError{Op: "dial", Err: errors.New("connection refused")}}, false},
		{"reset after sending", &smithyhttp.RequestSendError{Err: &net.OpError{Op: "read", Err: errors.New("connection reset by peer")}}, true},
		{"EOF", &smithyhttp.RequestSendError{Err: io.EOF}, true},
		{"timed out", context.DeadlineExceeded, true},
	} {
		if got := outcomeUnknown(c.err); got != c.want {
			t.Errorf("%s: outcomeUnknown = %v, want %v", c.name, got, c.want)
		}
	}
}
