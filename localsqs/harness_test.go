package localsqs

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// fakeClock is an Options.Now that tests advance by hand.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

// harness drives a Server through ServeHTTP, like a client would.
type harness struct {
	t     testing.TB
	s     *Server
	clock *fakeClock
}

func newHarness(t *testing.T) *harness {
	t.Helper()
	clock := &fakeClock{t: time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC)}
	// The address the harness's requests are sent to, as a server started
	// with it would be told (see Options.BaseURL).
	s := New(Options{Now: clock.Now, BaseURL: "http://127.0.0.1:9324"})
	t.Cleanup(s.Close)
	return &harness{t: t, s: s, clock: clock}
}

type obj = map[string]any

// do sends one request and returns the status, the decoded body and the
// x-amzn-query-error header.
func (h *harness) do(op string, in any) (int, obj, string) {
	h.t.Helper()
	var body []byte
	switch v := in.(type) {
	case string:
		body = []byte(v)
	default:
		var err error
		if body, err = json.Marshal(in); err != nil {
			h.t.Fatal(err)
		}
	}
	req := httptest.NewRequest(http.MethodPost, "http://127.0.0.1:9324/", bytes.NewReader(body))
	req.Header.Set("X-Amz-Target", "AmazonSQS."+op)
	req.Header.Set("Content-Type", "application/x-amz-json-1.0")
	rec := httptest.NewRecorder()
	h.s.ServeHTTP(rec, req)
	var out obj
	if err := json.Unmarshal(rec.Body.Bytes(), &out); err != nil {
		h.t.Fatalf("%s: response is not JSON: %q", op, rec.Body.String())
	}
	return rec.Code, out, rec.Header().Get("x-amzn-query-error")
}

// ok sends a request that must succeed.
func (h *harness) ok(op string, in any) obj {
	h.t.Helper()
	code, out, _ := h.do(op, in)
	if code != 200 {
		h.t.Fatalf("%s(%v) = %d %v, want 200", op, in, code, out)
	}
	return out
}

// fail sends a request that must fail with the given __type shape.
func (h *harness) fail(op string, in any, shape string) obj {
	h.t.Helper()
	code, out, _ := h.do(op, in)
	if code == 200 || out["__type"] != "com.amazonaws.sqs#"+shape {
		h.t.Fatalf("%s(%v) = %d %v, want error %s", op, in, code, out, shape)
	}
	return out
}

func (h *harness) createQueue(name string, attrs map[string]string) string {
	h.t.Helper()
	return h.ok("CreateQueue", obj{"QueueName": name, "Attributes": attrs})["QueueUrl"].(string)
}

func (h *harness) send(url, body string, extra obj) obj {
	h.t.Helper()
	in := obj{"QueueUrl": url, "MessageBody": body}
	for k, v := range extra {
		in[k] = v
	}
	return h.ok("SendMessage", in)
}

// receive returns the received messages.
func (h *harness) receive(url string, extra obj) []obj {
	h.t.Helper()
	in := obj{"QueueUrl": url, "MessageSystemAttributeNames": []string{"All"}, "MessageAttributeNames": []string{"All"}}
	for k, v := range extra {
		in[k] = v
	}
	out := h.ok("ReceiveMessage", in)
	raw, _ := out["Messages"].([]any)
	msgs := make([]obj, len(raw))
	for i, m := range raw {
		msgs[i] = m.(obj)
	}
	return msgs
}

func (h *harness) attrs(url string) obj {
	h.t.Helper()
	return h.ok("GetQueueAttributes", obj{"QueueUrl": url, "AttributeNames": []string{"All"}})["Attributes"].(obj)
}

// counts returns visible, in-flight and delayed counts.
func (h *harness) counts(url string) [3]string {
	a := h.attrs(url)
	return [3]string{a["ApproximateNumberOfMessages"].(string), a["ApproximateNumberOfMessagesNotVisible"].(string),
		a["ApproximateNumberOfMessagesDelayed"].(string)}
}

func bodies(msgs []obj) string {
	var b []string
	for _, m := range msgs {
		b = append(b, m["Body"].(string))
	}
	return strings.Join(b, ",")
}

func sysAttr(m obj, name string) string {
	a, _ := m["Attributes"].(obj)
	s, _ := a[name].(string)
	return s
}
