package awsclient

import (
	"context"
	"fmt"
	"math"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	"github.com/aws/aws-sdk-go-v2/service/sqs/types"
	"golang.org/x/sync/errgroup"

	"github.com/sqscope/sqscope/localsqs"
)

// BenchmarkQueues2000 times listing 2,000 queues with their counts through
// localsqs with 20 ms of latency on every call: first a one-at-a-time loop
// (what peers do), then Queues at several concurrency levels, in one run.
// The sequential case alone takes ~40 s, so run each case once:
//
//	go test ./awsclient/ -run '^$' -bench Queues2000 -benchtime=1x
//
// Metrics: s/list is the time for one full listing; x-ideal is that over
// ceil(N/concurrency)×latency (goal ≤ 2); speedup is the sequential time over
// this one (goal ≥ 10), reported when the sequential case ran first.
func BenchmarkQueues2000(b *testing.B) {
	const (
		n       = 2000
		latency = 20 * time.Millisecond
	)
	srv := localsqs.New(localsqs.Options{Latency: latency})
	b.Cleanup(srv.Close)
	hs := httptest.NewServer(srv)
	b.Cleanup(hs.Close)
	if err := seedQueues(hs.URL, n); err != nil {
		b.Fatalf("setup: %v", err)
	}

	var sequential time.Duration
	b.Run("sequential", func(b *testing.B) {
		api := NewStatic(hs.URL, "us-east-1", Config{}).api
		start := time.Now()
		for i := 0; i < b.N; i++ {
			qs, err := listSequentially(context.Background(), api)
			if err != nil || len(qs) != n {
				b.Fatalf("listed %d queues, err %v", len(qs), err)
			}
		}
		sequential = time.Since(start) / time.Duration(b.N)
		b.ReportMetric(sequential.Seconds(), "s/list")
	})
	for _, conc := range []int{16, 32, 64} {
		b.Run(fmt.Sprintf("concurrency=%d", conc), func(b *testing.B) {
			c := NewStatic(hs.URL, "us-east-1", Config{Concurrency: conc})
			start := time.Now()
			for i := 0; i < b.N; i++ {
				qs, err := c.Queues(context.Background())
				if err != nil || len(qs) != n {
					b.Fatalf("listed %d queues, err %v", len(qs), err)
				}
				for _, q := range qs {
					if q.Err != nil {
						b.Fatalf("%s: %v", q.Name, q.Err)
					}
				}
			}
			per := time.Since(start) / time.Duration(b.N)
			ideal := time.Duration(math.Ceil(float64(n)/float64(conc))) * latency
			b.ReportMetric(per.Seconds(), "s/list")
			b.ReportMetric(float64(per)/float64(ideal), "x-ideal")
			if sequential > 0 {
				b.ReportMetric(float64(sequential)/float64(per), "speedup")
			}
		})
	}
}

// listSequentially is the one-at-a-time baseline: every ListQueues page,
// then GetQueueAttributes for each queue in turn.
func listSequentially(ctx context.Context, api *sqs.Client) ([]map[string]string, error) {
	var urls []string
	p := sqs.NewListQueuesPaginator(api, &sqs.ListQueuesInput{MaxResults: aws.Int32(1000)})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return nil, err
		}
		urls = append(urls, page.QueueUrls...)
	}
	out := make([]map[string]string, 0, len(urls))
	for _, u := range urls {
		a, err := api.GetQueueAttributes(ctx, &sqs.GetQueueAttributesInput{
			QueueUrl: aws.String(u), AttributeNames: []types.QueueAttributeName{types.QueueAttributeNameAll},
		})
		if err != nil {
			return nil, err
		}
		out = append(out, a.Attributes)
	}
	return out, nil
}

// seedQueues creates n queues, some with messages, many at a time (the
// server's latency applies to setup too).
func seedQueues(endpoint string, n int) error {
	admin := adminClient(endpoint)
	ctx := context.Background()
	var g errgroup.Group
	g.SetLimit(64)
	for i := 0; i < n; i++ {
		g.Go(func() error {
			out, err := admin.CreateQueue(ctx, &sqs.CreateQueueInput{QueueName: aws.String(fmt.Sprintf("bench-%04d", i))})
			if err != nil || i%3 == 0 {
				return err
			}
			_, err = admin.SendMessage(ctx, &sqs.SendMessageInput{QueueUrl: out.QueueUrl, MessageBody: aws.String("m")})
			return err
		})
	}
	return g.Wait()
}
