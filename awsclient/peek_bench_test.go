package awsclient

import (
	"context"
	"fmt"
	"math"
	"net/http/httptest"
	"os"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	"github.com/aws/aws-sdk-go-v2/service/sqs/types"
	"golang.org/x/sync/errgroup"

	"github.com/sqscope/sqscope/localsqs"
	"github.com/sqscope/sqscope/model"
)

// BenchmarkPeek1000 times peeking 1,000 messages (one Next call) through
// localsqs with 20 ms of latency on every call, at several concurrency
// levels; Release is timed apart, as release-ms:
//
//	go test ./awsclient/ -run '^$' -bench Peek1000 -benchtime=5x
//
// x-bound is the time over ceil(1000/10/concurrency)×20 ms, the least any
// peek can take when a receive returns at most 10 (goal ≤ 2).
func BenchmarkPeek1000(b *testing.B) {
	const (
		n       = 1000
		latency = 20 * time.Millisecond
	)
	ep, url := benchQueue(b, localsqs.Options{Latency: latency})
	sendBatchN(b, adminClient(ep), url, n)
	ctx := context.Background()
	for _, conc := range []int{1, 4, 8, 16} {
		b.Run(fmt.Sprintf("concurrency=%d", conc), func(b *testing.B) {
			c := NewStatic(ep, "us-east-1", Config{})
			var peekTime, releaseTime time.Duration
			for i := 0; i < b.N; i++ {
				p := c.OpenPeek(url, PeekOptions{Concurrency: conc})
				start := time.Now()
				page, err := p.Next(ctx, n)
				peekTime += time.Since(start)
				if err != nil || len(page.Messages) != n {
					b.Fatalf("peeked %d of %d: %v", len(page.Messages), n, err)
				}
				start = time.Now()
				rep, err := p.Release(ctx)
				releaseTime += time.Since(start)
				if err != nil || rep.Released != n {
					b.Fatalf("Release = %+v, %v", rep, err)
				}
			}
			per := peekTime / time.Duration(b.N)
			bound := time.Duration(math.Ceil(float64(n)/10/float64(conc))) * latency
			b.ReportMetric(float64(per.Milliseconds()), "peek-ms")
			b.ReportMetric(float64(per)/float64(bound), "x-bound")
			b.ReportMetric(float64((releaseTime / time.Duration(b.N)).Milliseconds()), "release-ms")
		})
	}
}

// BenchmarkPeekMemory10k peeks 10,000 messages of 1 KiB in pages of 100, as
// the pane's "load more" would, keeps every page (the pane holds them), and
// reports the heap in use after a GC and the process's RSS. Both include
// the in-process localsqs holding its own copy of the 10,000 messages, so
// they overstate what sqscope alone needs against real SQS:
//
//	go test ./awsclient/ -run '^$' -bench PeekMemory10k -benchtime=1x
func BenchmarkPeekMemory10k(b *testing.B) {
	const n = 10_000
	ep, url := benchQueue(b, localsqs.Options{})
	if err := sendSized(adminClient(ep), url, n, 1024); err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	c := NewStatic(ep, "us-east-1", Config{})
	before := heapInUse()
	for i := 0; i < b.N; i++ {
		p := c.OpenPeek(url, PeekOptions{Hold: 5 * time.Minute})
		var kept []model.Message
		for len(kept) < n {
			page, err := p.Next(ctx, 100)
			if err != nil || len(page.Messages) == 0 {
				b.Fatalf("after %d messages: %d more, %v", len(kept), len(page.Messages), err)
			}
			kept = append(kept, page.Messages...)
		}
		b.StopTimer()
		heap := heapInUse()
		b.ReportMetric(float64(heap)/(1<<20), "MB-heap")
		b.ReportMetric(float64(heap-min(heap, before))/(1<<20), "MB-peek")
		b.ReportMetric(float64(rssBytes())/(1<<20), "MB-rss")
		runtime.KeepAlive(kept)
		if rep, err := p.Release(ctx); err != nil || rep.Released != n {
			b.Fatalf("Release = %+v, %v", rep, err)
		}
		b.StartTimer()
	}
}

// benchQueue starts a localsqs with one empty queue.
func benchQueue(b *testing.B, o localsqs.Options) (endpoint, url string) {
	srv := localsqs.New(o)
	hs := httptest.NewServer(srv)
	b.Cleanup(func() { hs.Close(); srv.Close() })
	out, err := adminClient(hs.URL).CreateQueue(context.Background(), &sqs.CreateQueueInput{QueueName: aws.String("bench")})
	if err != nil {
		b.Fatal(err)
	}
	return hs.URL, aws.ToString(out.QueueUrl)
}

// sendSized fills a queue with n messages of size bytes each.
func sendSized(c *sqs.Client, url string, n, size int) error {
	body := strings.Repeat("x", size)
	var g errgroup.Group
	g.SetLimit(8)
	for start := 0; start < n; start += 10 {
		g.Go(func() error {
			var entries []types.SendMessageBatchRequestEntry
			for i := start; i < min(start+10, n); i++ {
				entries = append(entries, types.SendMessageBatchRequestEntry{
					Id: aws.String(strconv.Itoa(i)), MessageBody: aws.String(body),
				})
			}
			_, err := c.SendMessageBatch(context.Background(), &sqs.SendMessageBatchInput{QueueUrl: &url, Entries: entries})
			return err
		})
	}
	return g.Wait()
}

func heapInUse() uint64 {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.HeapInuse
}

// rssBytes reads VmRSS from /proc (Linux); 0 elsewhere.
func rssBytes() uint64 {
	raw, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(raw), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == "VmRSS:" {
			kb, _ := strconv.ParseUint(f[1], 10, 64)
			return kb << 10
		}
	}
	return 0
}
