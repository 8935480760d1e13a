package localsqs_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"
	cwtypes "github.com/aws/aws-sdk-go-v2/service/cloudwatch/types"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	sqstypes "github.com/aws/aws-sdk-go-v2/service/sqs/types"

	"github.com/sqscope/sqscope/localsqs"
)

// cwClock is the injected clock of the CloudWatch tests: every operation
// lands in the minute the test chose.
type cwClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *cwClock) Now() time.Time  { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *cwClock) Set(t time.Time) { c.mu.Lock(); c.t = t; c.mu.Unlock() }

// t0 is minute 0 of every CloudWatch test.
var t0 = time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC)

// cwEnv is localsqs behind httptest with the real SQS and CloudWatch SDK
// clients pointed at it, on one listener as the demo runs it.
type cwEnv struct {
	sqs   *sqs.Client
	cw    *cloudwatch.Client
	clock *cwClock
	url   string
	srv   *localsqs.Server
}

func newCWEnv(t *testing.T, hc *http.Client) *cwEnv {
	t.Helper()
	clock := &cwClock{t: t0}
	srv := localsqs.New(localsqs.Options{Now: clock.Now})
	t.Cleanup(srv.Close)
	return newCWEnvWith(t, srv, clock, hc)
}

func newCWEnvFor(t *testing.T, srv *localsqs.Server, clock *cwClock) *cwEnv {
	return newCWEnvWith(t, srv, clock, nil)
}

func newCWEnvWith(t *testing.T, srv *localsqs.Server, clock *cwClock, hc *http.Client) *cwEnv {
	t.Helper()
	hs := httptest.NewServer(srv)
	t.Cleanup(hs.Close)
	creds := aws.CredentialsProviderFunc(func(context.Context) (aws.Credentials, error) {
		return aws.Credentials{AccessKeyID: "AKIDTEST", SecretAccessKey: "secret"}, nil
	})
	if hc == nil {
		hc = hs.Client()
	}
	return &cwEnv{
		sqs: sqs.New(sqs.Options{Region: "us-east-1", BaseEndpoint: aws.String(hs.URL), Credentials: creds}),
		cw: cloudwatch.New(cloudwatch.Options{Region: "us-east-1", BaseEndpoint: aws.String(hs.URL),
			Credentials: creds, HTTPClient: hc}),
		clock: clock, url: hs.URL, srv: srv,
	}
}

// at moves the clock to minute m, second s after t0.
func (e *cwEnv) at(m, s int) {
	e.clock.Set(t0.Add(time.Duration(m)*time.Minute + time.Duration(s)*time.Second))
}

func (e *cwEnv) queue(t *testing.T, name string) string {
	t.Helper()
	out, err := e.sqs.CreateQueue(context.Background(), &sqs.CreateQueueInput{QueueName: aws.String(name)})
	if err != nil {
		t.Fatal(err)
	}
	return *out.QueueUrl
}

func (e *cwEnv) send(t *testing.T, url string, n int, delay int32) {
	t.Helper()
	for n > 0 {
		b := min(n, 10)
		entries := make([]sqstypes.SendMessageBatchRequestEntry, b)
		for i := range entries {
			entries[i] = sqstypes.SendMessageBatchRequestEntry{Id: aws.String(fmt.Sprint(i)), MessageBody: aws.String("m"), DelaySeconds: delay}
		}
		out, err := e.sqs.SendMessageBatch(context.Background(), &sqs.SendMessageBatchInput{QueueUrl: &url, Entries: entries})
		if err != nil || len(out.Failed) > 0 {
			t.Fatalf("send: %v %v", err, out)
		}
		n -= b
	}
}

// receive receives up to n messages (short polls) and returns their handles.
func (e *cwEnv) receive(t *testing.T, url string, n int32) []string {
	t.Helper()
	out, err := e.sqs.ReceiveMessage(context.Background(), &sqs.ReceiveMessageInput{QueueUrl: &url, MaxNumberOfMessages: n, VisibilityTimeout: 600})
	if err != nil {
		t.Fatal(err)
	}
	var hs []string
	for _, m := range out.Messages {
		hs = append(hs, *m.ReceiptHandle)
	}
	return hs
}

func receiveAll(url string) *sqs.ReceiveMessageInput {
	return &sqs.ReceiveMessageInput{QueueUrl: &url, MaxNumberOfMessages: 10,
		MessageSystemAttributeNames: []sqstypes.MessageSystemAttributeName{"All"}}
}

func (e *cwEnv) delete(t *testing.T, url string, handles []string) {
	t.Helper()
	for _, h := range handles {
		if _, err := e.sqs.DeleteMessage(context.Background(), &sqs.DeleteMessageInput{QueueUrl: &url, ReceiptHandle: aws.String(h)}); err != nil {
			t.Fatal(err)
		}
	}
}

// query is one MetricStat query on an SQS queue.
func query(id, queue, metric, stat string, period int32) cwtypes.MetricDataQuery {
	return cwtypes.MetricDataQuery{
		Id: aws.String(id),
		MetricStat: &cwtypes.MetricStat{
			Metric: &cwtypes.Metric{Namespace: aws.String("AWS/SQS"), MetricName: aws.String(metric),
				Dimensions: []cwtypes.Dimension{{Name: aws.String("QueueName"), Value: aws.String(queue)}}},
			Period: aws.Int32(period), Stat: aws.String(stat),
		},
	}
}

// series is one result as (minutes after t0 → value), for comparing.
type series map[int]float64

// fetch runs GetMetricData over [from, to) minutes after t0, ascending,
// and returns each query's series by Id.
func (e *cwEnv) fetch(t *testing.T, from, to int, qs ...cwtypes.MetricDataQuery) map[string]series {
	t.Helper()
	out, err := e.cw.GetMetricData(context.Background(), &cloudwatch.GetMetricDataInput{
		StartTime: aws.Time(t0.Add(time.Duration(from) * time.Minute)), EndTime: aws.Time(t0.Add(time.Duration(to) * time.Minute)),
		MetricDataQueries: qs, ScanBy: cwtypes.ScanByTimestampAscending,
	})
	if err != nil {
		t.Fatalf("GetMetricData: %v", err)
	}
	got := map[string]series{}
	for _, r := range out.MetricDataResults {
		if r.StatusCode != cwtypes.StatusCodeComplete || len(r.Timestamps) != len(r.Values) {
			t.Fatalf("%s: status %s, %d timestamps, %d values", *r.Id, r.StatusCode, len(r.Timestamps), len(r.Values))
		}
		s := series{}
		for i, ts := range r.Timestamps {
			if i > 0 && !ts.After(r.Timestamps[i-1]) {
				t.Fatalf("%s: timestamps not ascending: %v", *r.Id, r.Timestamps)
			}
			s[int(ts.Sub(t0)/time.Minute)] = r.Values[i]
		}
		got[*r.Id] = s
	}
	return got
}

func checkSeries(t *testing.T, got map[string]series, want map[string]series) {
	t.Helper()
	for id, w := range want {
		g := got[id]
		keys := func(s series) []int {
			var k []int
			for m := range s {
				k = append(k, m)
			}
			slices.Sort(k)
			return k
		}
		if fmt.Sprint(keys(g)) != fmt.Sprint(keys(w)) {
			t.Errorf("%s: minutes %v, want %v (values %v)", id, keys(g), keys(w), g)
			continue
		}
		for m, v := range w {
			if g[m] != v {
				t.Errorf("%s at minute %d = %v, want %v", id, m, g[m], v)
			}
		}
	}
}
