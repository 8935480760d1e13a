package localsqs_test

import (
	"context"
	"fmt"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"
	cwtypes "github.com/aws/aws-sdk-go-v2/service/cloudwatch/types"
	"github.com/aws/aws-sdk-go-v2/service/sqs"

	"github.com/sqscope/sqscope/localsqs"
)

// BenchmarkGetMetricData measures the two calls the metrics pane makes,
// through the real SDK over loopback HTTP, against 500 queues with a day
// of history each: the age column (one query per queue, the last five
// minutes) and the selected queue's seven sparklines over a day.
func BenchmarkGetMetricData(b *testing.B) {
	clock := &cwClock{t: t0.Add(24 * time.Hour)}
	srv := localsqs.New(localsqs.Options{Now: clock.Now})
	hs := httptest.NewServer(srv)
	b.Cleanup(func() { srv.Close(); hs.Close() })
	creds := aws.AnonymousCredentials{}
	sq := sqs.New(sqs.Options{Region: "us-east-1", BaseEndpoint: aws.String(hs.URL), Credentials: creds})
	cw := cloudwatch.New(cloudwatch.Options{Region: "us-east-1", BaseEndpoint: aws.String(hs.URL), Credentials: creds})
	day := make([]float64, 24*60)
	for i := range day {
		day[i] = float64(i % 97)
	}
	var ages []cwtypes.MetricDataQuery
	for i := range 500 {
		name := fmt.Sprintf("queue-%03d", i)
		if _, err := sq.CreateQueue(context.Background(), &sqs.CreateQueueInput{QueueName: aws.String(name)}); err != nil {
			b.Fatal(err)
		}
		series := map[string][]float64{}
		for _, m := range []string{"NumberOfMessagesSent", "NumberOfMessagesReceived", "NumberOfMessagesDeleted",
			"ApproximateNumberOfMessagesVisible", "ApproximateNumberOfMessagesNotVisible",
			"ApproximateNumberOfMessagesDelayed", "ApproximateAgeOfOldestMessage"} {
			series[m] = day
		}
		if err := srv.BackfillMetrics(name, series); err != nil {
			b.Fatal(err)
		}
		ages = append(ages, query(fmt.Sprintf("q%d", i), name, "ApproximateAgeOfOldestMessage", "Maximum", 60))
	}
	var sparks []cwtypes.MetricDataQuery
	for i, m := range []string{"ApproximateNumberOfMessagesVisible", "ApproximateNumberOfMessagesNotVisible",
		"ApproximateNumberOfMessagesDelayed", "ApproximateAgeOfOldestMessage"} {
		sparks = append(sparks, query(fmt.Sprintf("g%d", i), "queue-007", m, "Maximum", 60))
	}
	for i, m := range []string{"NumberOfMessagesSent", "NumberOfMessagesReceived", "NumberOfMessagesDeleted"} {
		sparks = append(sparks, query(fmt.Sprintf("c%d", i), "queue-007", m, "Sum", 60))
	}
	now := clock.Now()
	for _, c := range []struct {
		name   string
		window time.Duration
		qs     []cwtypes.MetricDataQuery
		points int
	}{
		{"age-column/500-queues/5m", 5 * time.Minute, ages, 500 * 5},
		{"sparklines/7-metrics/1d", 24 * time.Hour, sparks, 7 * 24 * 60},
	} {
		b.Run(c.name, func(b *testing.B) {
			in := &cloudwatch.GetMetricDataInput{StartTime: aws.Time(now.Add(-c.window)), EndTime: aws.Time(now), MetricDataQueries: c.qs}
			for b.Loop() {
				out, err := cw.GetMetricData(context.Background(), in)
				if err != nil {
					b.Fatal(err)
				}
				n := 0
				for _, r := range out.MetricDataResults {
					n += len(r.Values)
				}
				if n != c.points {
					b.Fatalf("%d datapoints, want %d", n, c.points)
				}
			}
		})
	}
}
