package awsclient

import (
	"context"
	"fmt"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	"github.com/aws/aws-sdk-go-v2/service/sqs/types"
	"golang.org/x/sync/errgroup"

	"github.com/sqscope/sqscope/model"
)

// byName indexes the listed queues, failing on a queue listed twice.
func byName(t *testing.T, qs []model.Queue) map[string]model.Queue {
	t.Helper()
	m := make(map[string]model.Queue, len(qs))
	for _, q := range qs {
		if _, dup := m[q.Name]; dup {
			t.Fatalf("queue %s listed twice", q.Name)
		}
		m[q.Name] = q
	}
	return m
}

func TestQueuesFillsEveryField(t *testing.T) {
	forEachBackend(t, "attributes", func(t *testing.T, b backend) {
		ep := serve(t, b.handler)
		admin := adminClient(ep)
		p := uniquePrefix(t)
		dlqURL := createQueue(t, admin, p+"orders-dlq", nil)
		dlqARN := queueARN(t, admin, dlqURL)
		srcURL := createQueue(t, admin, p+"orders", map[string]string{
			"RedrivePolicy":     fmt.Sprintf(`{"deadLetterTargetArn":%q,"maxReceiveCount":"3"}`, dlqARN),
			"VisibilityTimeout": "45",
			"DelaySeconds":      "2",
		})
		createQueue(t, admin, p+"pay.fifo", map[string]string{"FifoQueue": "true"})
		sendN(t, admin, dlqURL, 4)

		qs, err := NewStatic(ep, "us-east-1", testConfig()).Queues(context.Background())
		if err != nil {
			t.Fatalf("Queues: %v", err)
		}
		got := byName(t, qs)

		src := got[p+"orders"]
		if src.URL != srcURL || src.Err != nil || src.RedriveErr != nil {
			t.Fatalf("source row: %+v", src)
		}
		if src.Redrive == nil || src.Redrive.DeadLetterTargetARN != dlqARN || src.Redrive.MaxReceiveCount != 3 {
			t.Errorf("source redrive = %+v, want %s/3", src.Redrive, dlqARN)
		}
		if src.VisibilityTimeout.Seconds() != 45 || src.DelaySeconds.Seconds() != 2 {
			t.Errorf("timeouts: visibility %v delay %v", src.VisibilityTimeout, src.DelaySeconds)
		}
		if src.RetentionPeriod <= 0 || src.CreatedAt.IsZero() || src.FetchedAt.IsZero() || src.ARN == "" {
			t.Errorf("missing retention/created/fetched/arn: %+v", src)
		}
		if src.Attrs["QueueArn"] != src.ARN {
			t.Errorf("Attrs not kept: %v", src.Attrs)
		}

		dlq := got[p+"orders-dlq"]
		if dlq.Stats.Visible != 4 || dlq.ARN != dlqARN || dlq.Redrive != nil || dlq.Type != model.Standard {
			t.Errorf("dlq row: stats %+v arn %s redrive %v type %v", dlq.Stats, dlq.ARN, dlq.Redrive, dlq.Type)
		}
		if fifo := got[p+"pay.fifo"]; fifo.Type != model.FIFO || fifo.Err != nil {
			t.Errorf("fifo row: type %v err %v", fifo.Type, fifo.Err)
		}
		// The graph built from the listing links both ways.
		g := model.BuildDLQGraph(qs)
		if srcs := g.SourcesOf(dlqARN); len(srcs) != 1 || g.Name(srcs[0]) != p+"orders" {
			t.Errorf("DLQ sources = %v", srcs)
		}
	})
}

// TestQueuesPagesPast1000 is the case peers get wrong: without MaxResults
// SQS stops at 1,000 queues.
func TestQueuesPagesPast1000(t *testing.T) {
	forEachBackend(t, "paging", func(t *testing.T, b backend) {
		proxy := newFaultProxy(b.handler, nil)
		ep := serve(t, proxy)
		admin := adminClient(ep)
		const n = 2000
		p := uniquePrefix(t)
		// Set up with a few workers: 2,000 queues one by one is most of
		// this test's time under -race.
		var g errgroup.Group
		g.SetLimit(4)
		for i := 0; i < n; i++ {
			g.Go(func() error {
				ctx := context.Background()
				out, err := admin.CreateQueue(ctx, &sqs.CreateQueueInput{QueueName: aws.String(fmt.Sprintf("%sq%04d", p, i))})
				if err != nil || i%3 == 0 {
					return err
				}
				// Counts differ from queue to queue, so a mix-up shows.
				var entries []types.SendMessageBatchRequestEntry
				for j := 0; j < i%3; j++ {
					entries = append(entries, types.SendMessageBatchRequestEntry{Id: aws.String(fmt.Sprint(j)), MessageBody: aws.String("m")})
				}
				_, err = admin.SendMessageBatch(ctx, &sqs.SendMessageBatchInput{QueueUrl: out.QueueUrl, Entries: entries})
				return err
			})
		}
		if err := g.Wait(); err != nil {
			t.Fatalf("setup: %v", err)
		}

		qs, err := NewStatic(ep, "us-east-1", testConfig()).Queues(context.Background())
		if err != nil {
			t.Fatalf("Queues: %v", err)
		}
		got := byName(t, qs)
		for i := 0; i < n; i++ {
			name := fmt.Sprintf("%sq%04d", p, i)
			q, ok := got[name]
			if !ok {
				t.Fatalf("queue %s not listed (%d listed)", name, len(qs))
			}
			if q.Err != nil || q.Stats.Visible != int64(i%3) {
				t.Fatalf("queue %s: visible %d err %v, want %d", name, q.Stats.Visible, q.Err, i%3)
			}
		}
		if pages := proxy.count("ListQueues"); pages < 2 {
			t.Errorf("ListQueues called %d times; %d queues need at least 2 pages", pages, n)
		}
	})
}

// TestQueuesBoundsConcurrency checks that attribute calls overlap, and never
// more than Config.Concurrency at once. Each call waits (briefly) until the
// pool is full, so a sequential implementation is caught without relying on
// timing.
func TestQueuesBoundsConcurrency(t *testing.T) {
	forEachBackend(t, "concurrency", func(t *testing.T, b backend) {
		const limit = 4
		admin := adminClient(serve(t, b.handler))
		p := uniquePrefix(t)
		for i := 0; i < 12; i++ {
			createQueue(t, admin, fmt.Sprintf("%s%02d", p, i), nil)
		}
		var mu sync.Mutex
		inFlight, peak := 0, 0
		full := make(chan struct{})
		var fullOnce sync.Once
		proxy := newFaultProxy(nil, nil)
		proxy.next = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.Header.Get("X-Amz-Target") != "AmazonSQS.GetQueueAttributes" {
				b.handler.ServeHTTP(w, r)
				return
			}
			mu.Lock()
			inFlight++
			peak = max(peak, inFlight)
			if inFlight == limit {
				fullOnce.Do(func() { close(full) })
			}
			mu.Unlock()
			select {
			case <-full:
			case <-time.After(200 * time.Millisecond):
			}
			b.handler.ServeHTTP(w, r)
			mu.Lock()
			inFlight--
			mu.Unlock()
		})
		cfg := testConfig()
		cfg.Concurrency = limit
		qs, err := NewStatic(serve(t, proxy), "us-east-1", cfg).Queues(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		mu.Lock()
		defer mu.Unlock()
		if peak != limit {
			t.Fatalf("peak attribute calls in flight = %d, want exactly %d (listed %d)", peak, limit, len(qs))
		}
	})
}
