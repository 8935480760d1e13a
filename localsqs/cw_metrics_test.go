package localsqs_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"
	cwtypes "github.com/aws/aws-sdk-go-v2/service/cloudwatch/types"
)

// The operations of these tests, minute by minute (clock injected):
//
//	0:05  orders: 30 sends
//	1:10  orders: one receive of 10, then 4 of them deleted
//	1:20  quiet:  2 receives of nothing
//	3:30  the query (it samples the queues as they are now)
func recordedScenario(t *testing.T) *cwEnv {
	e := newCWEnv(t, nil)
	orders, quiet := e.queue(t, "orders"), e.queue(t, "quiet")
	e.at(0, 5)
	e.send(t, orders, 30, 0)
	e.at(1, 10)
	got := e.receive(t, orders, 10)
	if len(got) != 10 {
		t.Fatalf("received %d, want 10", len(got))
	}
	e.delete(t, orders, got[:4])
	e.at(1, 20)
	e.receive(t, quiet, 10)
	e.receive(t, quiet, 10)
	e.at(3, 30)
	return e
}

func TestGetMetricDataCountsOperationsPerMinute(t *testing.T) {
	e := recordedScenario(t)
	got := e.fetch(t, 0, 4,
		query("sent", "orders", "NumberOfMessagesSent", "Sum", 60),
		query("received", "orders", "NumberOfMessagesReceived", "Sum", 60),
		query("deleted", "orders", "NumberOfMessagesDeleted", "Sum", 60),
		query("empty", "quiet", "NumberOfEmptyReceives", "Sum", 60),
		query("quietsent", "quiet", "NumberOfMessagesSent", "Sum", 60),
	)
	checkSeries(t, got, map[string]series{
		"sent":     {0: 30, 1: 0, 2: 0, 3: 0},
		"received": {0: 0, 1: 10, 2: 0, 3: 0},
		"deleted":  {0: 0, 1: 4, 2: 0, 3: 0},
		// quiet has data from its first operation on.
		"empty":     {1: 2, 2: 0, 3: 0},
		"quietsent": {1: 0, 2: 0, 3: 0},
	})
}

func TestGetMetricDataGaugesKeepEveryStatistic(t *testing.T) {
	e := recordedScenario(t)
	got := e.fetch(t, 0, 4,
		query("vismax", "orders", "ApproximateNumberOfMessagesVisible", "Maximum", 60),
		query("vismin", "orders", "ApproximateNumberOfMessagesVisible", "Minimum", 60),
		query("inflight", "orders", "ApproximateNumberOfMessagesNotVisible", "Maximum", 60),
		query("age", "orders", "ApproximateAgeOfOldestMessage", "Maximum", 60),
		query("delayed", "orders", "ApproximateNumberOfMessagesDelayed", "Maximum", 60),
	)
	checkSeries(t, got, map[string]series{
		// Sampled on every operation: minute 1 saw 30 before the receive
		// and 20 after it; minute 2 had no operation and repeats 20.
		"vismax":   {0: 30, 1: 30, 2: 20, 3: 20},
		"vismin":   {0: 0, 1: 20, 2: 20, 3: 20},
		"inflight": {0: 0, 1: 10, 2: 6, 3: 6},
		"delayed":  {0: 0, 1: 0, 2: 0, 3: 0},
		// Sent at 0:05: 65 s old at 1:10; minute 2, without operations,
		// ages by a minute; 205 s when the query samples at 3:30.
		"age": {0: 0, 1: 65, 2: 125, 3: 205},
	})
}

func TestGetMetricDataPeriodsAggregateMinutes(t *testing.T) {
	e := recordedScenario(t)
	got := e.fetch(t, 0, 4,
		query("sent", "orders", "NumberOfMessagesSent", "Sum", 120),
		query("sentn", "orders", "NumberOfMessagesSent", "SampleCount", 120),
		query("sentavg", "orders", "NumberOfMessagesSent", "Average", 120),
		query("recvmax", "orders", "NumberOfMessagesReceived", "Maximum", 240),
		query("vismax", "orders", "ApproximateNumberOfMessagesVisible", "Maximum", 120),
	)
	checkSeries(t, got, map[string]series{
		"sent":    {0: 30, 2: 0},
		"sentn":   {0: 2, 2: 2}, // a counter publishes one sample a minute
		"sentavg": {0: 15, 2: 0},
		"recvmax": {0: 10},
		"vismax":  {0: 30, 2: 20},
	})
	// A window that starts mid-minute is rounded down to the minute.
	out, err := e.cw.GetMetricData(context.Background(), &cloudwatch.GetMetricDataInput{
		StartTime: aws.Time(t0.Add(30 * time.Second)), EndTime: aws.Time(t0.Add(90 * time.Second)),
		MetricDataQueries: []cwtypes.MetricDataQuery{query("sent", "orders", "NumberOfMessagesSent", "Sum", 60)},
	})
	if err != nil {
		t.Fatal(err)
	}
	r := out.MetricDataResults[0]
	// Descending by default: minute 1, then minute 0.
	if fmt.Sprint(r.Values) != "[0 30]" || !r.Timestamps[1].Equal(t0) || !r.Timestamps[0].Equal(t0.Add(time.Minute)) {
		t.Fatalf("mid-minute window = %v at %v, want [0 30] at minutes 1 and 0", r.Values, r.Timestamps)
	}
	if *r.Label != "NumberOfMessagesSent" {
		t.Errorf("default label = %q, want the metric name", *r.Label)
	}
}

func TestGetMetricDataDelayedMessages(t *testing.T) {
	e := newCWEnv(t, nil)
	labels := e.queue(t, "labels")
	e.send(t, labels, 3, 90) // at 0:00, visible from 1:30
	e.at(2, 0)
	got := e.fetch(t, 0, 3,
		query("delayed", "labels", "ApproximateNumberOfMessagesDelayed", "Maximum", 60),
		query("visible", "labels", "ApproximateNumberOfMessagesVisible", "Maximum", 60),
	)
	checkSeries(t, got, map[string]series{
		"delayed": {0: 3, 1: 3, 2: 0},
		"visible": {0: 0, 1: 0, 2: 3},
	})
}

func TestGetMetricDataWithoutData(t *testing.T) {
	e := recordedScenario(t)
	other := query("other", "orders", "NumberOfMessagesSent", "Sum", 60)
	other.MetricStat.Metric.Namespace = aws.String("AWS/Lambda")
	hidden := query("hidden", "orders", "NumberOfMessagesSent", "Sum", 60)
	hidden.ReturnData = aws.Bool(false)
	wrongUnit := query("wrongunit", "orders", "NumberOfMessagesSent", "Sum", 60)
	wrongUnit.MetricStat.Unit = cwtypes.StandardUnitSeconds
	out, err := e.cw.GetMetricData(context.Background(), &cloudwatch.GetMetricDataInput{
		StartTime: aws.Time(t0), EndTime: aws.Time(t0.Add(time.Hour)),
		MetricDataQueries: []cwtypes.MetricDataQuery{
			query("gone", "no-such-queue", "NumberOfMessagesSent", "Sum", 60), other, hidden, wrongUnit,
			query("future", "orders", "NumberOfMessagesSent", "Sum", 60),
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, r := range out.MetricDataResults {
		ids = append(ids, *r.Id)
		if r.Id != nil && *r.Id == "future" {
			// Data up to the current minute (3), none after it.
			if len(r.Values) != 4 {
				t.Errorf("future: %d datapoints, want 4 (minutes 0–3)", len(r.Values))
			}
			continue
		}
		if len(r.Values) != 0 || r.StatusCode != cwtypes.StatusCodeComplete {
			t.Errorf("%s: %v %s, want no data, Complete", *r.Id, r.Values, r.StatusCode)
		}
	}
	if fmt.Sprint(ids) != "[gone other wrongunit future]" {
		t.Errorf("results %v, want every query but the ReturnData=false one, in order", ids)
	}
}

func TestGetMetricDataPagesByMaxDatapoints(t *testing.T) {
	e := recordedScenario(t)
	qs := []cwtypes.MetricDataQuery{
		query("sent", "orders", "NumberOfMessagesSent", "Sum", 60),
		query("vis", "orders", "ApproximateNumberOfMessagesVisible", "Maximum", 60),
	}
	in := &cloudwatch.GetMetricDataInput{StartTime: aws.Time(t0), EndTime: aws.Time(t0.Add(4 * time.Minute)),
		MetricDataQueries: qs, MaxDatapoints: aws.Int32(3), ScanBy: cwtypes.ScanByTimestampAscending}
	all := map[string][]float64{}
	pages := 0
	for p := cloudwatch.NewGetMetricDataPaginator(e.cw, in); p.HasMorePages(); pages++ {
		out, err := p.NextPage(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range out.MetricDataResults {
			all[*r.Id] = append(all[*r.Id], r.Values...)
			if len(r.Values) > 3 {
				t.Errorf("page %d: %s has %d datapoints, more than MaxDatapoints", pages, *r.Id, len(r.Values))
			}
		}
		if pages == 0 && out.MetricDataResults[0].StatusCode != cwtypes.StatusCodePartialData {
			t.Errorf("first page: sent is %s, want PartialData", out.MetricDataResults[0].StatusCode)
		}
	}
	if pages != 3 || fmt.Sprint(all["sent"]) != "[30 0 0 0]" || fmt.Sprint(all["vis"]) != "[30 30 20 20]" {
		t.Fatalf("%d pages: %v, want 3 pages holding sent [30 0 0 0] and vis [30 30 20 20]", pages, all)
	}
}
