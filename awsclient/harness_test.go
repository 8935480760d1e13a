package awsclient

import (
	"bytes"
	"context"
	"encoding/json"
	"hash/fnv"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// The fault harness: a proxy in front of a backend that answers each
// request the way a broken network, a struggling SQS or a gateway in
// between would — deterministically. Which request gets which fault
// depends only on the plan (a seed, the operation and the request's
// number among that operation's), never on timing, so a failure can be
// replayed. Unlike chaosProxy it can act after forwarding (the request was
// carried out, the answer is lost or a lie) and hold requests while a test
// kills the client.

// fault is what happens to one request.
type fault string

const (
	faultNone       fault = ""
	fault500        fault = "500"         // an AWS JSON 500; not forwarded
	faultThrottle   fault = "throttle"    // an AWS throttling answer; not forwarded
	faultDropBefore fault = "drop-before" // the connection closes; not forwarded
	faultDropAfter  fault = "drop-after"  // forwarded, then the connection closes: the answer is lost
	fault500After   fault = "500-after"   // forwarded, then an AWS JSON 500 instead of the answer
	fault502After   fault = "502-after"   // forwarded, then a gateway's HTML 502 page
	faultStall      fault = "stall"       // forwarded after a stall
	faultPartial    fault = "partial"     // every other batch entry held back and reported failed (server fault)
	faultLie        fault = "lie"         // forwarded whole; some stored entries reported failed (server fault)
)

// faultPlan picks the fault of request n (0-based) of op.
type faultPlan func(op string, n int) fault

// seededPlan injects, into the operations listed, one of their faults with
// probability rate, chosen by seed.
func seededPlan(seed uint64, rate float64, kinds map[string][]fault) faultPlan {
	return func(op string, n int) fault {
		ks := kinds[op]
		if len(ks) == 0 {
			return faultNone
		}
		r := rand.New(rand.NewPCG(seed, mix(op, n, -1)))
		if r.Float64() >= rate {
			return faultNone
		}
		return ks[r.IntN(len(ks))]
	}
}

// onCalls injects f into the listed requests of op.
func onCalls(op string, f fault, ns ...int) faultPlan {
	return func(o string, n int) fault {
		for _, k := range ns {
			if o == op && n == k {
				return f
			}
		}
		return faultNone
	}
}

func mix(op string, n, entry int) uint64 {
	h := fnv.New64a()
	_, _ = h.Write([]byte(op))
	return h.Sum64() ^ uint64(n)<<20 ^ uint64(entry+1)
}

// faultHarness is the proxy. Set its fields before use.
type faultHarness struct {
	next http.Handler
	plan faultPlan
	seed uint64
	// lieRate is the share of a lying answer's stored entries reported
	// failed; lieAbout, when set, picks them by body instead.
	lieRate  float64
	lieAbout func(body string) bool
	stall    time.Duration
	// pause, when it says so, holds a request before or after forwarding
	// until release is closed, and tells paused: the window in which a
	// test kills the client. A request forwarded after its client died is
	// still carried out.
	pause   func(op string, n int) (before, after bool)
	paused  chan string
	release chan struct{}

	mu        sync.Mutex
	seen      map[string]int
	forwarded map[string]int // requests the backend has carried out
	injected  map[fault]int
	lies      int // entries stored but reported failed
}

func newFaultHarness(next http.Handler, plan faultPlan) *faultHarness {
	return &faultHarness{next: next, plan: plan, stall: 300 * time.Millisecond, lieRate: 0.3,
		paused: make(chan string, 1000), release: make(chan struct{}),
		seen: map[string]int{}, forwarded: map[string]int{}, injected: map[fault]int{}}
}

func (h *faultHarness) count(f fault) int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.injected[f]
}

func (h *faultHarness) lied() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.lies
}

func (h *faultHarness) calls(op string) int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.seen[op]
}

// waitForwarded returns once n requests of op were carried out. The
// deadline is a hang guard, not a speed check.
func (h *faultHarness) waitForwarded(t *testing.T, op string, n int) {
	t.Helper()
	deadline := time.Now().Add(time.Minute)
	for {
		h.mu.Lock()
		got := h.forwarded[op]
		h.mu.Unlock()
		if got >= n {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d %s requests carried out, want %d", got, op, n)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func (h *faultHarness) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	op := strings.TrimPrefix(r.Header.Get("X-Amz-Target"), "AmazonSQS.")
	body, _ := io.ReadAll(r.Body)
	h.mu.Lock()
	n := h.seen[op]
	h.seen[op]++
	h.mu.Unlock()
	f := faultNone
	if h.plan != nil {
		f = h.plan(op, n)
	}
	var pauseBefore, pauseAfter bool
	if h.pause != nil {
		pauseBefore, pauseAfter = h.pause(op, n)
	}
	if pauseBefore {
		h.hold(op)
	}
	if f != faultNone {
		h.mu.Lock()
		h.injected[f]++
		h.mu.Unlock()
	}
	forward := func(b []byte) *httptest.ResponseRecorder {
		// Not the client's context: what reached the proxy is carried
		// out even if the client is gone, as on a real network.
		r2 := r.Clone(context.WithoutCancel(r.Context()))
		r2.Body = io.NopCloser(bytes.NewReader(b))
		r2.ContentLength = int64(len(b))
		rec := httptest.NewRecorder()
		h.next.ServeHTTP(rec, r2)
		h.mu.Lock()
		h.forwarded[op]++
		h.mu.Unlock()
		if pauseAfter {
			h.hold(op)
		}
		return rec
	}
	switch f {
	case fault500:
		writeAWSError(w, http.StatusInternalServerError, "com.amazonaws.sqs#InternalError", "InternalError", "injected")
	case faultThrottle:
		writeAWSError(w, http.StatusBadRequest, "com.amazonaws.sqs#RequestThrottled", "RequestThrottled", "Rate exceeded")
	case faultDropBefore:
		hangUp(w)
	case faultDropAfter:
		forward(body)
		hangUp(w)
	case fault500After:
		forward(body)
		writeAWSError(w, http.StatusInternalServerError, "com.amazonaws.sqs#InternalError", "InternalError", "injected after the fact")
	case fault502After:
		forward(body)
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(http.StatusBadGateway)
		_, _ = w.Write([]byte("<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center></body></html>\n"))
	case faultStall:
		time.Sleep(h.stall)
		copyResponse(w, forward(body))
	case faultPartial:
		kept, held := splitEntries(body)
		if held == nil {
			copyResponse(w, forward(body))
			return
		}
		copyResponse(w, addFailed(forward(kept), held, false, "InternalError"))
	case faultLie:
		copyResponse(w, h.lie(op, n, body, forward(body)))
	default:
		copyResponse(w, forward(body))
	}
}

func (h *faultHarness) hold(op string) {
	h.paused <- op
	<-h.release
}

// lie moves some of a batch answer's successful entries to its Failed
// list, as server faults: stored, but reported failed.
func (h *faultHarness) lie(op string, n int, reqBody []byte, rec *httptest.ResponseRecorder) *httptest.ResponseRecorder {
	var resp struct{ Successful []map[string]any }
	if rec.Code != http.StatusOK || json.Unmarshal(rec.Body.Bytes(), &resp) != nil {
		return rec
	}
	bodies := map[string]string{}
	var req struct {
		Entries []struct{ Id, MessageBody string }
	}
	_ = json.Unmarshal(reqBody, &req)
	for _, e := range req.Entries {
		bodies[e.Id] = e.MessageBody
	}
	var lied []string
	for i, s := range resp.Successful {
		id, _ := s["Id"].(string)
		pick := rand.New(rand.NewPCG(h.seed, mix(op, n, i))).Float64() < h.lieRate
		if h.lieAbout != nil {
			pick = h.lieAbout(bodies[id])
		}
		if pick {
			lied = append(lied, id)
		}
	}
	h.mu.Lock()
	h.lies += len(lied)
	h.mu.Unlock()
	return addFailed(dropSuccessful(rec, lied), lied, false, "InternalError")
}

// dropSuccessful removes ids from a batch answer's Successful list.
func dropSuccessful(rec *httptest.ResponseRecorder, ids []string) *httptest.ResponseRecorder {
	var resp map[string]json.RawMessage
	var ok []map[string]any
	if json.Unmarshal(rec.Body.Bytes(), &resp) != nil || json.Unmarshal(resp["Successful"], &ok) != nil {
		return rec
	}
	drop := map[string]bool{}
	for _, id := range ids {
		drop[id] = true
	}
	kept := []map[string]any{}
	for _, s := range ok {
		if id, _ := s["Id"].(string); !drop[id] {
			kept = append(kept, s)
		}
	}
	resp["Successful"], _ = json.Marshal(kept)
	out := httptest.NewRecorder()
	for k, v := range rec.Header() {
		out.Header()[k] = v
	}
	b, _ := json.Marshal(resp)
	out.WriteHeader(rec.Code)
	_, _ = out.Write(b)
	return out
}
