package awsclient

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"time"
)

// chaosProxy injects, on a fixed schedule per operation (so every kind
// of fault is certain to happen, and a run is repeatable): AWS-shaped 500s,
// throttling, connections dropped before the server sees the request and
// after it handled it (the client never learns the outcome), latency
// spikes, and partial batch failures — entries held back from the server
// and reported Failed in an HTTP 200, as SQS does.
type chaosProxy struct {
	next http.Handler
	// every is the schedule's period; 0 turns faults off.
	every int

	mu       sync.Mutex
	seen     map[string]int // requests per operation
	injected map[string]int // fault kind → count
}

func newChaosProxy(next http.Handler, every int) *chaosProxy {
	return &chaosProxy{next: next, every: every, seen: map[string]int{}, injected: map[string]int{}}
}

func (c *chaosProxy) count(kind string) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.injected[kind]
}

func (c *chaosProxy) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	op := strings.TrimPrefix(r.Header.Get("X-Amz-Target"), "AmazonSQS.")
	body, _ := io.ReadAll(r.Body)
	c.mu.Lock()
	n := c.seen[op]
	c.seen[op]++
	c.mu.Unlock()
	kind := ""
	if c.every > 0 {
		switch n % c.every {
		case 3:
			kind = "500"
		case 5:
			kind = "throttle"
		case 7:
			kind = "drop-before"
		case 9:
			kind = "drop-after"
		case 11:
			kind = "latency"
		case 1, 13:
			if op == "SendMessageBatch" || op == "DeleteMessageBatch" {
				kind = "partial"
			}
		}
	}
	if kind != "" {
		c.mu.Lock()
		c.injected[kind]++
		c.mu.Unlock()
	}
	forward := func(b []byte) *httptest.ResponseRecorder {
		r2 := r.Clone(r.Context())
		r2.Body = io.NopCloser(bytes.NewReader(b))
		r2.ContentLength = int64(len(b))
		rec := httptest.NewRecorder()
		c.next.ServeHTTP(rec, r2)
		return rec
	}
	switch kind {
	case "500":
		writeAWSError(w, http.StatusInternalServerError, "com.amazonaws.sqs#InternalError", "InternalError", "injected")
	case "throttle":
		writeAWSError(w, http.StatusBadRequest, "com.amazonaws.sqs#RequestThrottled", "RequestThrottled", "Rate exceeded")
	case "drop-before":
		hangUp(w)
	case "drop-after":
		forward(body)
		hangUp(w)
	case "latency":
		time.Sleep(300 * time.Millisecond)
		copyResponse(w, forward(body))
	case "partial":
		kept, held := splitEntries(body)
		if held == nil {
			copyResponse(w, forward(body))
			return
		}
		rec := forward(kept)
		copyResponse(w, addFailed(rec, held, false, "InternalError"))
	default:
		copyResponse(w, forward(body))
	}
}

// hangUp closes the connection without an answer.
func hangUp(w http.ResponseWriter) {
	conn, _, err := http.NewResponseController(w).Hijack()
	if err == nil {
		conn.Close()
	}
}

func copyResponse(w http.ResponseWriter, rec *httptest.ResponseRecorder) {
	for k, v := range rec.Header() {
		if k != "Content-Length" {
			w.Header()[k] = v
		}
	}
	w.WriteHeader(rec.Code)
	_, _ = w.Write(rec.Body.Bytes())
}

// splitEntries holds back every other entry of a batch request (at least
// one entry is kept, so the request stays valid). held is nil when the
// batch is too small to split.
func splitEntries(body []byte) (kept []byte, held []string) {
	var req map[string]json.RawMessage
	var entries []map[string]json.RawMessage
	if json.Unmarshal(body, &req) != nil || json.Unmarshal(req["Entries"], &entries) != nil || len(entries) < 2 {
		return body, nil
	}
	var keep []map[string]json.RawMessage
	for i, e := range entries {
		if i%2 == 1 {
			var id string
			_ = json.Unmarshal(e["Id"], &id)
			held = append(held, id)
		} else {
			keep = append(keep, e)
		}
	}
	req["Entries"], _ = json.Marshal(keep)
	kept, _ = json.Marshal(req)
	return kept, held
}

// addFailed reports the held-back entries as failed, by the server or
// (senderFault) for good.
func addFailed(rec *httptest.ResponseRecorder, held []string, senderFault bool, code string) *httptest.ResponseRecorder {
	if rec.Code != http.StatusOK {
		return rec
	}
	var resp map[string]json.RawMessage
	if json.Unmarshal(rec.Body.Bytes(), &resp) != nil {
		return rec
	}
	var failed []map[string]any
	_ = json.Unmarshal(resp["Failed"], &failed)
	for _, id := range held {
		failed = append(failed, map[string]any{"Id": id, "SenderFault": senderFault, "Code": code, "Message": "injected failure"})
	}
	resp["Failed"], _ = json.Marshal(failed)
	out := httptest.NewRecorder()
	for k, v := range rec.Header() {
		out.Header()[k] = v
	}
	b, _ := json.Marshal(resp)
	out.Header().Set("Content-Length", strconv.Itoa(len(b)))
	out.WriteHeader(http.StatusOK)
	_, _ = out.Write(b)
	return out
}

// rejectingProxy refuses, for good, every SendMessageBatch entry whose
// body matches reject: SQS's answer to a message the destination will
// never take (HTTP 200, the entry Failed with SenderFault).
func rejectingProxy(next http.Handler, reject func(body string) bool) http.Handler {
	return entryFaultProxy(next, reject, true, "InvalidParameterValue")
}

// entryFaultProxy fails every SendMessageBatch entry whose body matches
// reject with code, in an HTTP 200, and forwards the rest.
func entryFaultProxy(next http.Handler, reject func(body string) bool, senderFault bool, code string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		r.Body = io.NopCloser(bytes.NewReader(body))
		var req map[string]json.RawMessage
		var entries []map[string]json.RawMessage
		if r.Header.Get("X-Amz-Target") != "AmazonSQS.SendMessageBatch" ||
			json.Unmarshal(body, &req) != nil || json.Unmarshal(req["Entries"], &entries) != nil {
			next.ServeHTTP(w, r)
			return
		}
		var keep []map[string]json.RawMessage
		var refused []string
		for _, e := range entries {
			var id, msg string
			_ = json.Unmarshal(e["Id"], &id)
			_ = json.Unmarshal(e["MessageBody"], &msg)
			if reject(msg) {
				refused = append(refused, id)
			} else {
				keep = append(keep, e)
			}
		}
		rec := httptest.NewRecorder()
		if len(keep) == 0 {
			rec.Header().Set("Content-Type", "application/x-amz-json-1.0")
			_, _ = rec.WriteString(`{"Successful":[],"Failed":[]}`)
		} else {
			req["Entries"], _ = json.Marshal(keep)
			kept, _ := json.Marshal(req)
			r2 := r.Clone(r.Context())
			r2.Body = io.NopCloser(bytes.NewReader(kept))
			r2.ContentLength = int64(len(kept))
			next.ServeHTTP(rec, r2)
		}
		copyResponse(w, addFailed(rec, refused, senderFault, code))
	})
}
