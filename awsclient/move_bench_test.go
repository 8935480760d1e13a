package awsclient

import (
	"context"
	"fmt"
	"net/http/httptest"
	"path/filepath"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	"github.com/aws/aws-sdk-go-v2/service/sqs/types"

	"github.com/sqscope/sqscope/localsqs"
)

const (
	benchMoveN           = 10_000
	benchMoveConcurrency = 8
)

// BenchmarkMove10k moves 10,000 messages (body + 3 attributes) from one
// localsqs queue to another, over loopback HTTP, three ways in the same
// run: a tight aws-sdk-go-v2 receive → send → delete loop (the baseline,
// which knows the count and does nothing else), Move told the count
// (Limit), and Move draining the queue (it must see the queue empty to
// stop, which costs one long poll at the end), and Move told the count
// with a journal (one fsync per batch, shared by concurrent batches).
// Run with -benchtime=1x.
func BenchmarkMove10k(b *testing.B) {
	srv := localsqs.New(localsqs.Options{})
	b.Cleanup(srv.Close)
	hs := httptest.NewServer(srv)
	b.Cleanup(hs.Close)
	ep := hs.URL
	c := NewStatic(ep, "us-east-1", Config{})
	admin := adminClient(ep)
	ctx := context.Background()
	// Each phase gets fresh queues: a long poll the baseline abandoned at
	// its count can still take messages sent to its queue afterwards.
	queues := func(phase string, i int) (from, to string) {
		from = moveBenchQueue(b, admin, fmt.Sprintf("%s-from-%d", phase, i))
		to = moveBenchQueue(b, admin, fmt.Sprintf("%s-to-%d", phase, i))
		fillQueue(b, admin, from, benchMoveN)
		return from, to
	}
	for i := 0; i < b.N; i++ {
		from, to := queues("sdk", i)
		start := time.Now()
		sdkLoop(b, c.api, from, to, benchMoveN, benchMoveConcurrency)
		baseline := float64(benchMoveN) / time.Since(start).Seconds()

		from, to = queues("limit", i)
		start = time.Now()
		rep, err := c.Move(ctx, MoveRequest{SourceURL: from, DestURL: to, Limit: benchMoveN, Concurrency: benchMoveConcurrency}, nil)
		if err != nil || rep.Moved != benchMoveN {
			b.Fatalf("Move: %v, %+v", err, rep)
		}
		limited := float64(benchMoveN) / time.Since(start).Seconds()

		from, to = queues("drain", i)
		start = time.Now()
		rep, err = c.Move(ctx, MoveRequest{SourceURL: from, DestURL: to, Concurrency: benchMoveConcurrency}, nil)
		if err != nil || rep.Moved != benchMoveN {
			b.Fatalf("Move: %v, %+v", err, rep)
		}
		drained := float64(benchMoveN) / time.Since(start).Seconds()

		from, to = queues("journal", i)
		start = time.Now()
		rep, err = c.Move(ctx, MoveRequest{SourceURL: from, DestURL: to, Limit: benchMoveN, Concurrency: benchMoveConcurrency,
			JournalPath: filepath.Join(b.TempDir(), "journal")}, nil)
		if err != nil || rep.Moved != benchMoveN {
			b.Fatalf("Move: %v, %+v", err, rep)
		}
		journalled := float64(benchMoveN) / time.Since(start).Seconds()

		b.ReportMetric(baseline, "sdk-msgs/s")
		b.ReportMetric(limited, "move-msgs/s")
		b.ReportMetric(drained, "move-drain-msgs/s")
		b.ReportMetric(journalled, "move-journal-msgs/s")
		b.ReportMetric(limited/baseline*100, "%-of-sdk")
		b.ReportMetric(drained/baseline*100, "%-of-sdk-drain")
		b.ReportMetric(journalled/baseline*100, "%-of-sdk-journal")
	}
}

func moveBenchQueue(b *testing.B, admin *sqs.Client, name string) string {
	out, err := admin.CreateQueue(context.Background(), &sqs.CreateQueueInput{QueueName: aws.String(name)})
	if err != nil {
		b.Fatal(err)
	}
	return aws.ToString(out.QueueUrl)
}

// fillQueue sends n messages with attributes, 8 batches at a time.
func fillQueue(b *testing.B, admin *sqs.Client, url string, n int) {
	b.Helper()
	var wg sync.WaitGroup
	var failed atomic.Bool
	sem := make(chan struct{}, 8)
	for start := 0; start < n; start += 10 {
		sem <- struct{}{}
		wg.Go(func() {
			defer func() { <-sem }()
			entries := make([]types.SendMessageBatchRequestEntry, 0, 10)
			for i := start; i < min(start+10, n); i++ {
				entries = append(entries, types.SendMessageBatchRequestEntry{
					Id: aws.String(strconv.Itoa(i - start)), MessageBody: aws.String(fmt.Sprintf(`{"order":%d,"error":"timeout"}`, i)),
					MessageAttributes: map[string]types.MessageAttributeValue{
						"kind": {DataType: aws.String("String"), StringValue: aws.String("order")},
						"n":    {DataType: aws.String("Number"), StringValue: aws.String(strconv.Itoa(i))},
						"blob": {DataType: aws.String("Binary"), BinaryValue: []byte{1, 2, 3}},
					},
				})
			}
			if _, err := admin.SendMessageBatch(context.Background(), &sqs.SendMessageBatchInput{QueueUrl: aws.String(url), Entries: entries}); err != nil {
				failed.Store(true)
			}
		})
	}
	wg.Wait()
	if failed.Load() {
		b.Fatal("fill failed")
	}
}

// sdkLoop is the baseline: workers receive, send what they got, delete
// what was sent, until n messages have moved. No journal, no heartbeat,
// no per-entry bookkeeping.
func sdkLoop(b *testing.B, api *sqs.Client, from, to string, n, workers int) {
	// Cancelled at the count, so no worker sits out a long poll at the end.
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var moved atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for moved.Load() < int64(n) {
				out, err := api.ReceiveMessage(ctx, &sqs.ReceiveMessageInput{
					QueueUrl: aws.String(from), MaxNumberOfMessages: 10, VisibilityTimeout: 60, WaitTimeSeconds: 1,
					MessageAttributeNames:       []string{"All"},
					MessageSystemAttributeNames: []types.MessageSystemAttributeName{types.MessageSystemAttributeNameAll},
				})
				if err != nil || len(out.Messages) == 0 {
					continue
				}
				send := make([]types.SendMessageBatchRequestEntry, len(out.Messages))
				del := make([]types.DeleteMessageBatchRequestEntry, len(out.Messages))
				for i, m := range out.Messages {
					id := aws.String(strconv.Itoa(i))
					send[i] = types.SendMessageBatchRequestEntry{Id: id, MessageBody: m.Body, MessageAttributes: m.MessageAttributes}
					del[i] = types.DeleteMessageBatchRequestEntry{Id: id, ReceiptHandle: m.ReceiptHandle}
				}
				if _, err := api.SendMessageBatch(ctx, &sqs.SendMessageBatchInput{QueueUrl: aws.String(to), Entries: send}); err != nil {
					continue
				}
				if _, err := api.DeleteMessageBatch(ctx, &sqs.DeleteMessageBatchInput{QueueUrl: aws.String(from), Entries: del}); err == nil {
					if moved.Add(int64(len(del))) >= int64(n) {
						cancel()
					}
				}
			}
		})
	}
	wg.Wait()
}
