package awsclient

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/sqs"
	"github.com/aws/aws-sdk-go-v2/service/sqs/types"

	"github.com/sqscope/sqscope/model"
)

// Fault tests: a proxy in front of the backend injects what real accounts
// do (queues deleted mid-refresh, IAM denials, throttling) and each must
// cost at most its own row.

func TestQueuesDeletedMeanwhile(t *testing.T) {
	forEachBackend(t, "deleted", func(t *testing.T, b backend) {
		var admin = adminClient(serve(t, b.handler))
		p := uniquePrefix(t)
		gone := p + "gone"
		goneURL := createQueue(t, admin, gone, nil)
		for i := 0; i < 5; i++ {
			createQueue(t, admin, fmt.Sprintf("%skeep%d", p, i), nil)
		}
		// Delete the queue after it was listed, just before its attributes
		// are read: the backend's own QueueDoesNotExist comes back.
		proxy := newFaultProxy(b.handler, func(w http.ResponseWriter, op, queue string) bool {
			if op == "GetQueueAttributes" && queue == gone {
				_, _ = admin.DeleteQueue(context.Background(), &sqs.DeleteQueueInput{QueueUrl: &goneURL})
			}
			return false
		})
		qs, err := NewStatic(serve(t, proxy), "us-east-1", testConfig()).Queues(context.Background())
		if err != nil {
			t.Fatalf("Queues: %v", err)
		}
		got := byName(t, qs)
		row, ok := got[p+"gone"]
		if !ok {
			t.Fatal("deleted queue's row dropped; it must stay, marked")
		}
		var notExist *types.QueueDoesNotExist
		if !errors.As(row.Err, &notExist) {
			t.Fatalf("row.Err = %v, want QueueDoesNotExist", row.Err)
		}
		if d := Describe(row.Err); d != "queue deleted: "+p+"gone" {
			t.Errorf("Describe = %q", d)
		}
		for i := 0; i < 5; i++ {
			if q := got[fmt.Sprintf("%skeep%d", p, i)]; q.Err != nil || q.ARN == "" {
				t.Errorf("keep%d: %+v", i, q)
			}
		}
	})
}

func TestQueuesAccessDeniedMarksOneRow(t *testing.T) {
	forEachBackend(t, "access-denied", func(t *testing.T, b backend) {
		admin := adminClient(serve(t, b.handler))
		p := uniquePrefix(t)
		secret := p + "secret"
		secretURL := createQueue(t, admin, secret, nil)
		for i := 0; i < 5; i++ {
			createQueue(t, admin, fmt.Sprintf("%sopen%d", p, i), nil)
		}
		proxy := newFaultProxy(b.handler, func(w http.ResponseWriter, op, queue string) bool {
			if op == "GetQueueAttributes" && queue == secret {
				writeAWSError(w, http.StatusBadRequest, "com.amazon.coral.service#AccessDeniedException",
					"AccessDenied", "User: arn:aws:iam::123456789012:user/oncall is not authorized to perform: sqs:getqueueattributes")
				return true
			}
			return false
		})
		qs, err := NewStatic(serve(t, proxy), "us-east-1", testConfig()).Queues(context.Background())
		if err != nil {
			t.Fatalf("Queues: %v", err)
		}
		got := byName(t, qs)
		row := got[p+"secret"]
		if row.Err == nil || model.NameFromURL(row.URL) != model.NameFromURL(secretURL) || row.Name != secret {
			t.Fatalf("denied row = %+v", row)
		}
		if d, want := Describe(row.Err), "access denied: GetQueueAttributes on "+p+"secret"; d != want {
			t.Errorf("Describe = %q, want %q", d, want)
		}
		if n := proxy.count("GetQueueAttributes"); n != len(qs) {
			// AccessDenied is not retryable: one call per queue.
			t.Errorf("%d GetQueueAttributes calls for %d queues", n, len(qs))
		}
		for i := 0; i < 5; i++ {
			if q := got[fmt.Sprintf("%sopen%d", p, i)]; q.Err != nil || q.ARN == "" {
				t.Errorf("open%d: %+v", i, q)
			}
		}
	})
}

func TestQueuesThrottlingIsRetried(t *testing.T) {
	forEachBackend(t, "throttling", func(t *testing.T, b backend) {
		admin := adminClient(serve(t, b.handler))
		p := uniquePrefix(t)
		busy, other := p+"busy", p+"other"
		sendN(t, admin, createQueue(t, admin, busy, nil), 2)
		createQueue(t, admin, other, nil)
		throttled := map[string]int{}
		proxy := newFaultProxy(b.handler, func(w http.ResponseWriter, op, _ string) bool {
			if op == "ListQueues" {
				throttled[op]++ // ListQueues is sequential; no lock needed
				if throttled[op] <= 2 {
					writeAWSError(w, http.StatusBadRequest, "com.amazonaws.sqs#RequestThrottled", "RequestThrottled", "Rate exceeded")
					return true
				}
			}
			return false
		})
		perQueue := newFaultProxy(proxy, nil)
		var mu = &perQueue.mu
		perQueue.hook = func(w http.ResponseWriter, op, url string) bool {
			if op != "GetQueueAttributes" || (url != busy && url != other) {
				return false
			}
			mu.Lock()
			throttled[url]++
			n := throttled[url]
			mu.Unlock()
			if n > 2 {
				return false
			}
			if url == busy {
				writeAWSError(w, http.StatusBadRequest, "com.amazon.coral.availability#ThrottlingException", "ThrottlingException", "Rate exceeded")
			} else {
				writeAWSError(w, http.StatusServiceUnavailable, "com.amazon.coral.availability#ServiceUnavailableException", "ServiceUnavailable", "try again")
			}
			return true
		}
		qs, err := NewStatic(serve(t, perQueue), "us-east-1", testConfig()).Queues(context.Background())
		if err != nil {
			t.Fatalf("Queues: %v (throttled ListQueues must be retried)", err)
		}
		got := byName(t, qs)
		if q := got[p+"busy"]; q.Err != nil || q.Stats.Visible != 2 {
			t.Errorf("busy after throttling: visible %d err %v", q.Stats.Visible, q.Err)
		}
		if q := got[p+"other"]; q.Err != nil {
			t.Errorf("other after 503s: %v", q.Err)
		}
		mu.Lock()
		defer mu.Unlock()
		if throttled[busy] != 3 || throttled[other] != 3 || throttled["ListQueues"] < 3 {
			t.Errorf("attempts: busy %d other %d list %d; want 3, 3, ≥3", throttled[busy], throttled[other], throttled["ListQueues"])
		}
	})
}

func TestQueuesGivesUpOnPersistentThrottling(t *testing.T) {
	forEachBackend(t, "throttling-exhausted", func(t *testing.T, b backend) {
		admin := adminClient(serve(t, b.handler))
		p := uniquePrefix(t)
		hot := p + "hot"
		createQueue(t, admin, hot, nil)
		proxy := newFaultProxy(b.handler, func(w http.ResponseWriter, op, queue string) bool {
			if op == "GetQueueAttributes" && queue == hot {
				writeAWSError(w, http.StatusBadRequest, "com.amazon.coral.availability#ThrottlingException", "ThrottlingException", "Rate exceeded")
				return true
			}
			return false
		})
		cfg := testConfig()
		cfg.MaxAttempts = 3
		qs, err := NewStatic(serve(t, proxy), "us-east-1", cfg).Queues(context.Background())
		if err != nil {
			t.Fatalf("Queues: %v", err)
		}
		row := byName(t, qs)[p+"hot"]
		want := "throttled by SQS: GetQueueAttributes on " + p + "hot (gave up after 3 attempts)"
		if d := Describe(row.Err); d != want {
			t.Errorf("Describe = %q, want %q", d, want)
		}
	})
}

func TestQueuesListingFailureIsAnError(t *testing.T) {
	forEachBackend(t, "list-denied", func(t *testing.T, b backend) {
		proxy := newFaultProxy(b.handler, func(w http.ResponseWriter, op, _ string) bool {
			if op == "ListQueues" {
				writeAWSError(w, http.StatusBadRequest, "com.amazon.coral.service#AccessDeniedException", "AccessDenied", "not authorized")
				return true
			}
			return false
		})
		qs, err := NewStatic(serve(t, proxy), "us-east-1", testConfig()).Queues(context.Background())
		if err == nil || qs != nil {
			t.Fatalf("Queues = %d rows, %v; want an error", len(qs), err)
		}
		if d := Describe(err); d != "access denied: ListQueues" {
			t.Errorf("Describe = %q", d)
		}
	})
}

func TestQueuesCancelled(t *testing.T) {
	forEachBackend(t, "cancel", func(t *testing.T, b backend) {
		admin := adminClient(serve(t, b.handler))
		createQueue(t, admin, uniquePrefix(t)+"x", nil)
		ctx, cancel := context.WithCancel(context.Background())
		proxy := newFaultProxy(b.handler, func(w http.ResponseWriter, op, _ string) bool {
			if op == "GetQueueAttributes" {
				cancel() // the user quit while the refresh was running
			}
			return false
		})
		qs, err := NewStatic(serve(t, proxy), "us-east-1", testConfig()).Queues(ctx)
		if !errors.Is(err, context.Canceled) || qs != nil {
			t.Fatalf("Queues = %d rows, %v; want context.Canceled and no half list", len(qs), err)
		}
		if d := Describe(err); !strings.HasPrefix(d, "cancelled") {
			t.Errorf("Describe = %q", d)
		}
	})
}
