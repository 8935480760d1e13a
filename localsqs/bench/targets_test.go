package bench

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"sync/atomic"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/sqs"

	"github.com/sqscope/sqscope/localsqs"
)

// target is one SQS endpoint under benchmark.
type target struct {
	name     string
	endpoint string
}

// targets returns localsqs (always, over loopback HTTP like the others) and
// every emulator whose endpoint is set in the environment.
func targets(b *testing.B) []target {
	srv := httptest.NewServer(localsqs.New(localsqs.Options{}))
	b.Cleanup(srv.Close)
	ts := []target{{"localsqs", srv.URL}}
	for _, e := range []struct{ name, env string }{
		{"moto", "SQSCOPE_MOTO_ENDPOINT"},
		{"fauxqs", "SQSCOPE_FAUXQS_ENDPOINT"},
	} {
		if url := os.Getenv(e.env); url != "" {
			ts = append(ts, target{e.name, url})
		} else {
			b.Logf("%s not compared: %s is unset (scripts/bench-localsqs sets it)", e.name, e.env)
		}
	}
	return ts
}

// client builds an SDK client with enough idle connections for every worker,
// so the benchmark measures the server, not TCP handshakes.
func client(endpoint string) *sqs.Client {
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.MaxIdleConnsPerHost = 64
	return sqs.New(sqs.Options{
		Region:           "us-east-1",
		BaseEndpoint:     aws.String(endpoint),
		Credentials:      credentials.NewStaticCredentialsProvider("test", "test", ""),
		HTTPClient:       &http.Client{Transport: tr},
		RetryMaxAttempts: 1,
	})
}

var queueSeq atomic.Int64

// newQueue creates a uniquely named queue and deletes it when b ends.
func newQueue(b *testing.B, c *sqs.Client, prefix string) string {
	ctx := context.Background()
	name := fmt.Sprintf("%s-%d-%d", prefix, os.Getpid(), queueSeq.Add(1))
	out, err := c.CreateQueue(ctx, &sqs.CreateQueueInput{QueueName: aws.String(name)})
	if err != nil {
		b.Fatalf("create queue: %v", err)
	}
	b.Cleanup(func() { _, _ = c.DeleteQueue(ctx, &sqs.DeleteQueueInput{QueueUrl: out.QueueUrl}) })
	return *out.QueueUrl
}
