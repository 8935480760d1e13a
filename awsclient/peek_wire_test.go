package awsclient

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sqscope/sqscope/localsqs"
)

// wireLog records the JSON body of every request by operation.
type wireLog struct {
	next http.Handler
	mu   sync.Mutex
	ops  map[string][]map[string]any
}

func (l *wireLog) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	r.Body = io.NopCloser(bytes.NewReader(body))
	var doc map[string]any
	_ = json.Unmarshal(body, &doc)
	op := strings.TrimPrefix(r.Header.Get("X-Amz-Target"), "AmazonSQS.")
	l.mu.Lock()
	l.ops[op] = append(l.ops[op], doc)
	l.mu.Unlock()
	l.next.ServeHTTP(w, r)
}

// What goes on the wire is what makes a peek safe: a non-zero hold (a
// zero would be omitted and mean the queue default), long polls, every
// attribute, resets that really carry VisibilityTimeout 0, and no delete.
func TestPeekWire(t *testing.T) {
	srv := localsqs.New(localsqs.Options{})
	t.Cleanup(srv.Close)
	log := &wireLog{next: srv, ops: map[string][]map[string]any{}}
	ep := serve(t, log)
	admin := adminClient(serve(t, srv))
	url := createQueue(t, admin, "q", nil)
	sendBatchN(t, admin, url, 25)

	p := newPeekClient(t, ep, false).OpenPeek(url, PeekOptions{Hold: 1500 * time.Millisecond})
	if page, err := p.Next(context.Background(), 25); err != nil || len(page.Messages) != 25 {
		t.Fatalf("Next = %d, %v", len(page.Messages), err)
	}
	if _, err := p.Release(context.Background()); err != nil {
		t.Fatal(err)
	}

	log.mu.Lock()
	defer log.mu.Unlock()
	asked := 0.0
	for _, in := range log.ops["ReceiveMessage"] {
		if in["VisibilityTimeout"] != 2.0 || in["WaitTimeSeconds"] != 1.0 {
			t.Errorf("receive hold %v wait %v; want 2 (1.5 s rounded up), 1", in["VisibilityTimeout"], in["WaitTimeSeconds"])
		}
		n, _ := in["MaxNumberOfMessages"].(float64)
		asked += n
		if !hasAll(in["MessageAttributeNames"]) || !hasAll(in["MessageSystemAttributeNames"]) {
			t.Errorf("receive does not ask for every attribute: %v", in)
		}
	}
	if asked != 25 {
		t.Errorf("receives asked for %v messages in all, want exactly the 25 needed", asked)
	}
	resets := 0
	for _, in := range log.ops["ChangeMessageVisibilityBatch"] {
		entries, _ := in["Entries"].([]any)
		if len(entries) > 10 {
			t.Errorf("batch of %d entries", len(entries))
		}
		for _, e := range entries {
			vt, present := e.(map[string]any)["VisibilityTimeout"]
			if !present || vt != 0.0 {
				t.Errorf("reset entry VisibilityTimeout = %v (present %v), want an explicit 0", vt, present)
			}
			resets++
		}
	}
	if resets != 25 {
		t.Errorf("%d resets, want 25", resets)
	}
	for op := range log.ops {
		if op != "ReceiveMessage" && op != "ChangeMessageVisibilityBatch" {
			t.Errorf("a peek sent %s", op)
		}
	}
}

func hasAll(v any) bool {
	xs, _ := v.([]any)
	return len(xs) == 1 && xs[0] == "All"
}

func TestHoldSeconds(t *testing.T) {
	for d, want := range map[time.Duration]int32{
		time.Millisecond: 1, time.Second: 1, 1001 * time.Millisecond: 2,
		30 * time.Second: 30, 24 * time.Hour: maxHoldSeconds,
	} {
		if got := holdSeconds(d); got != want {
			t.Errorf("holdSeconds(%v) = %d, want %d", d, got, want)
		}
	}
}

func TestHoldIsOver(t *testing.T) {
	tests := []struct {
		code, msg string
		want      bool
	}{
		{"AWS.SimpleQueueService.MessageNotInflight", "Message is not in flight", true},
		{"MessageNotInflight", "", true},
		{"InvalidParameterValue", "Value x for parameter ReceiptHandle is invalid. Reason: The receipt handle has expired.", true},
		{"InvalidParameterValue", "Message does not exist or is not available for visibility timeout change.", true},
		{"ReceiptHandleIsInvalid", "The input receipt handle is invalid.", false},
		{"InternalError", "We encountered an internal error.", false},
		{"AccessDenied", "not authorized", false},
	}
	for _, tt := range tests {
		if got := holdIsOver(tt.code, tt.msg); got != tt.want {
			t.Errorf("holdIsOver(%q, %q) = %v, want %v", tt.code, tt.msg, got, tt.want)
		}
	}
}

func TestEpochMillis(t *testing.T) {
	if got := epochMillis("1700000000123"); !got.Equal(time.UnixMilli(1700000000123)) {
		t.Errorf("ms: %v", got)
	}
	if got := epochMillis("1700000000.5"); !got.Equal(time.UnixMilli(1700000000500)) {
		t.Errorf("seconds with fraction: %v", got)
	}
	for _, bad := range []string{"", "x", "-5"} {
		if got := epochMillis(bad); !got.IsZero() {
			t.Errorf("epochMillis(%q) = %v, want zero", bad, got)
		}
	}
}
