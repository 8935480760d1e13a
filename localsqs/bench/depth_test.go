package bench

import (
	"context"
	"fmt"
	"strconv"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	"github.com/aws/aws-sdk-go-v2/service/sqs/types"
)

// BenchmarkReceiveAtDepth measures one ReceiveMessage on a queue already
// holding depth messages. Received messages stay in flight, so the depth
// barely changes during the run. moto is filled only to 1,000: it slows
// down linearly with depth and 100,000 would take minutes to fill.
func BenchmarkReceiveAtDepth(b *testing.B) {
	for _, tg := range targets(b) {
		depths := []int{10, 1000, 100000}
		if tg.name == "moto" {
			depths = []int{10, 1000}
		}
		for _, depth := range depths {
			b.Run(fmt.Sprintf("%s/depth=%d", tg.name, depth), func(b *testing.B) {
				c := client(tg.endpoint)
				url := newQueue(b, c, "bench-depth")
				fill(b, c, url, depth+b.N)
				ctx := context.Background()
				b.ResetTimer()
				for range b.N {
					out, err := c.ReceiveMessage(ctx, &sqs.ReceiveMessageInput{QueueUrl: &url, MaxNumberOfMessages: 1, VisibilityTimeout: 600})
					if err != nil {
						b.Fatal(err)
					}
					if len(out.Messages) != 1 {
						b.Fatalf("receive at depth %d returned %d messages", depth, len(out.Messages))
					}
				}
			})
		}
	}
}

// fill sends n small messages with 8 concurrent batch senders.
func fill(b *testing.B, c *sqs.Client, url string, n int) {
	b.Helper()
	batches := make(chan int)
	var wg sync.WaitGroup
	var mu sync.Mutex
	var firstErr error
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for size := range batches {
				entries := make([]types.SendMessageBatchRequestEntry, size)
				for i := range entries {
					entries[i] = types.SendMessageBatchRequestEntry{Id: aws.String(strconv.Itoa(i)), MessageBody: aws.String("m")}
				}
				if _, err := c.SendMessageBatch(context.Background(), &sqs.SendMessageBatchInput{QueueUrl: &url, Entries: entries}); err != nil {
					mu.Lock()
					firstErr = err
					mu.Unlock()
				}
			}
		}()
	}
	for left := n; left > 0; left -= 10 {
		batches <- min(10, left)
	}
	close(batches)
	wg.Wait()
	if firstErr != nil {
		b.Fatalf("fill: %v", firstErr)
	}
}
