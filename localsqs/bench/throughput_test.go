package bench

import (
	"context"
	"fmt"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	"github.com/aws/aws-sdk-go-v2/service/sqs/types"
)

// BenchmarkThroughput measures send→receive→delete in batches of 10. One op
// is one message; msg/s is the figure BENCHMARKS.md records.
func BenchmarkThroughput(b *testing.B) {
	for _, tg := range targets(b) {
		for _, workers := range []int{1, 8} {
			b.Run(fmt.Sprintf("%s/workers=%d", tg.name, workers), func(b *testing.B) {
				c := client(tg.endpoint)
				url := newQueue(b, c, "bench-tp")
				batches := int64((b.N + 9) / 10)
				var next, moved atomic.Int64
				var wg sync.WaitGroup
				errs := make(chan error, workers)
				b.ResetTimer()
				start := time.Now()
				for range workers {
					wg.Add(1)
					go func() {
						defer wg.Done()
						for next.Add(1) <= batches {
							n, err := cycle(c, url)
							if err != nil {
								errs <- err
								return
							}
							moved.Add(int64(n))
						}
					}()
				}
				wg.Wait()
				elapsed := time.Since(start)
				b.StopTimer()
				close(errs)
				if err := <-errs; err != nil {
					b.Fatal(err)
				}
				b.ReportMetric(float64(moved.Load())/elapsed.Seconds(), "msg/s")
			})
		}
	}
}

// cycle sends 10 messages, then receives and deletes 10 (any 10: with
// several workers on one queue they may be another worker's).
func cycle(c *sqs.Client, url string) (int, error) {
	ctx := context.Background()
	entries := make([]types.SendMessageBatchRequestEntry, 10)
	for i := range entries {
		entries[i] = types.SendMessageBatchRequestEntry{
			Id:          aws.String(strconv.Itoa(i)),
			MessageBody: aws.String(`{"order_id":"ORD-1","total":42.5,"currency":"EUR"}`),
		}
	}
	sent, err := c.SendMessageBatch(ctx, &sqs.SendMessageBatchInput{QueueUrl: &url, Entries: entries})
	if err != nil {
		return 0, fmt.Errorf("send batch: %w", err)
	}
	if len(sent.Failed) > 0 {
		return 0, fmt.Errorf("send batch: %d failed", len(sent.Failed))
	}
	deleted := 0
	for tries := 0; deleted < 10 && tries < 20; tries++ {
		got, err := c.ReceiveMessage(ctx, &sqs.ReceiveMessageInput{QueueUrl: &url, MaxNumberOfMessages: int32(10 - deleted), VisibilityTimeout: 60})
		if err != nil {
			return deleted, fmt.Errorf("receive: %w", err)
		}
		if len(got.Messages) == 0 {
			continue
		}
		del := make([]types.DeleteMessageBatchRequestEntry, len(got.Messages))
		for i, m := range got.Messages {
			del[i] = types.DeleteMessageBatchRequestEntry{Id: aws.String(strconv.Itoa(i)), ReceiptHandle: m.ReceiptHandle}
		}
		out, err := c.DeleteMessageBatch(ctx, &sqs.DeleteMessageBatchInput{QueueUrl: &url, Entries: del})
		if err != nil {
			return deleted, fmt.Errorf("delete batch: %w", err)
		}
		deleted += len(out.Successful)
	}
	return deleted, nil
}
