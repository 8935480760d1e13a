package demo

import (
	"context"
	"fmt"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"
	cwtypes "github.com/aws/aws-sdk-go-v2/service/cloudwatch/types"

	"github.com/sqscope/sqscope/localsqs"
)

// After Seed, the real CloudWatch client reads the day's story from
// localsqs, and where history meets live data there is no jump.
func TestSeedBackfillsHistoryReadableWithTheSDK(t *testing.T) {
	srv := localsqs.New(localsqs.Options{})
	hs := httptest.NewServer(srv)
	t.Cleanup(func() { srv.Close(); hs.Close() })
	if err := Seed(context.Background(), srv, Options{Seed: 42}); err != nil {
		t.Fatal(err)
	}
	cw := cloudwatch.New(cloudwatch.Options{Region: "us-east-1", BaseEndpoint: aws.String(hs.URL),
		Credentials: aws.AnonymousCredentials{}})
	q := func(id, queue, metric, stat string, period int32) cwtypes.MetricDataQuery {
		return cwtypes.MetricDataQuery{Id: aws.String(id), MetricStat: &cwtypes.MetricStat{
			Metric: &cwtypes.Metric{Namespace: aws.String("AWS/SQS"), MetricName: aws.String(metric),
				Dimensions: []cwtypes.Dimension{{Name: aws.String("QueueName"), Value: aws.String(queue)}}},
			Period: aws.Int32(period), Stat: aws.String(stat)}}
	}
	// Whole hours, so hour 23 is the one that holds the deploy at T-3h
	// (whatever the minute now) and hour 24 the current, partial one.
	now := time.Now().UTC()
	end := now.Truncate(time.Hour).Add(time.Hour)
	out, err := cw.GetMetricData(context.Background(), &cloudwatch.GetMetricDataInput{
		StartTime: aws.Time(end.Add(-26 * time.Hour)), EndTime: aws.Time(end), ScanBy: cwtypes.ScanByTimestampAscending,
		MetricDataQueries: []cwtypes.MetricDataQuery{
			q("dlq", "orders-dlq", "ApproximateNumberOfMessagesVisible", "Maximum", 3600),
			q("backlog", "analytics-events", "ApproximateNumberOfMessagesVisible", "Maximum", 3600),
			q("sent", "orders", "NumberOfMessagesSent", "Sum", 3600),
			q("dlqage", "orders-dlq", "ApproximateAgeOfOldestMessage", "Maximum", 60),
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	res := map[string]cwtypes.MetricDataResult{}
	for _, r := range out.MetricDataResults {
		res[*r.Id] = r
	}
	dlq := res["dlq"].Values
	// A day and the current minute: 25 or 26 hourly datapoints, depending
	// on the minute now.
	if len(dlq) < 25 {
		t.Fatalf("orders-dlq: %d hourly datapoints, want a day's", len(dlq))
	}
	if dlq[0] != 0 || dlq[len(dlq)-5] != 0 || dlq[len(dlq)-1] != float64(wantDepths["orders-dlq"]) {
		t.Errorf("orders-dlq by hour = %v, want empty until the deploy three hours ago, then filling to %d", dlq, wantDepths["orders-dlq"])
	}
	peak := 0.0
	for _, v := range res["backlog"].Values {
		peak = max(peak, v)
	}
	if peak < 50_000 {
		t.Errorf("analytics-events peaked at %v, want the outage's backlog", peak)
	}
	sent := 0.0
	for _, v := range res["sent"].Values {
		sent += v
	}
	if sent < 50_000 {
		t.Errorf("orders: %v sent in a day, want the day's traffic", sent)
	}
	// The last minutes of history and the live minute agree on the age.
	ages := res["dlqage"].Values
	last, live := ages[len(ages)-2], ages[len(ages)-1]
	if live < last || live > last+15*60 {
		t.Errorf("orders-dlq's oldest message: %v s in the last minute of history, %v s now; want no jump", last, live)
	}
}

// Reading metrics while live traffic records them: run with -race, this
// checks that recording and reading share the queues' locks correctly.
func TestMetricsReadWhileTrafficRuns(t *testing.T) {
	srv := localsqs.New(localsqs.Options{})
	hs := httptest.NewServer(srv)
	t.Cleanup(func() { srv.Close(); hs.Close() })
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	if err := Seed(ctx, srv, Options{Seed: 3, Small: true}); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- RunTraffic(ctx, srv, Options{Seed: 3, Small: true, Tick: 10 * time.Millisecond}) }()
	cw := cloudwatch.New(cloudwatch.Options{Region: "us-east-1", BaseEndpoint: aws.String(hs.URL),
		Credentials: aws.AnonymousCredentials{}})
	var qs []cwtypes.MetricDataQuery
	for i, s := range queueSpecs {
		qs = append(qs, cwtypes.MetricDataQuery{Id: aws.String(fmt.Sprintf("q%d", i)), MetricStat: &cwtypes.MetricStat{
			Metric: &cwtypes.Metric{Namespace: aws.String("AWS/SQS"), MetricName: aws.String("ApproximateNumberOfMessagesVisible"),
				Dimensions: []cwtypes.Dimension{{Name: aws.String("QueueName"), Value: aws.String(s.name)}}},
			Period: aws.Int32(60), Stat: aws.String("Maximum")}})
	}
	reads := 0
	for ctx.Err() == nil {
		now := time.Now()
		if _, err := cw.GetMetricData(context.Background(), &cloudwatch.GetMetricDataInput{
			StartTime: aws.Time(now.Add(-time.Hour)), EndTime: aws.Time(now.Add(time.Minute)), MetricDataQueries: qs}); err != nil {
			t.Fatal(err)
		}
		reads++
	}
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	t.Logf("%d GetMetricData calls of %d queries while traffic ran", reads, len(qs))
}
