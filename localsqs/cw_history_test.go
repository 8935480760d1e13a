package localsqs_test

import (
	"context"
	"fmt"
	"math"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"

	"github.com/sqscope/sqscope/localsqs"
)

// Back-filled minutes read back as recorded ones, before the current one.
func TestBackfillMetricsReadsBack(t *testing.T) {
	clock := &cwClock{t: t0.Add(10*time.Minute + 30*time.Second)}
	srv := localsqs.New(localsqs.Options{Now: clock.Now})
	t.Cleanup(srv.Close)
	e := newCWEnvFor(t, srv, clock)
	e.queue(t, "orders")
	err := srv.BackfillMetrics("orders", map[string][]float64{
		"NumberOfMessagesSent":               {5, math.NaN(), 7}, // minutes 7, 8, 9
		"ApproximateNumberOfMessagesVisible": {3, 4, 0},
	})
	if err != nil {
		t.Fatal(err)
	}
	got := e.fetch(t, 0, 11,
		query("sent", "orders", "NumberOfMessagesSent", "Sum", 60),
		query("vis", "orders", "ApproximateNumberOfMessagesVisible", "Maximum", 60),
	)
	checkSeries(t, got, map[string]series{
		"sent": {7: 5, 8: 0, 9: 7, 10: 0},
		"vis":  {7: 3, 8: 4, 9: 0, 10: 0},
	})
	for _, bad := range []map[string][]float64{
		{"NumberOfMessagesSent": {1}, "NumberOfMessagesDeleted": {1, 2}},
		{"NumberOfBananas": {1}},
	} {
		if err := srv.BackfillMetrics("orders", bad); err == nil {
			t.Errorf("BackfillMetrics(%v) accepted", bad)
		}
	}
	if err := srv.BackfillMetrics("nope", map[string][]float64{"NumberOfMessagesSent": {1}}); err == nil {
		t.Error("BackfillMetrics on a missing queue accepted")
	}
}

// A backdated message is as old as the scenario says, in CloudWatch and in
// SentTimestamp.
func TestBackdateMessagesAgesTheQueue(t *testing.T) {
	e := newCWEnv(t, nil)
	url := e.queue(t, "dlq")
	e.at(0, 0)
	e.send(t, url, 2, 0)
	if err := e.srv.BackdateMessages("dlq", 3*time.Hour); err != nil {
		t.Fatal(err)
	}
	e.at(1, 0)
	got := e.fetch(t, 1, 2, query("age", "dlq", "ApproximateAgeOfOldestMessage", "Maximum", 60))
	checkSeries(t, got, map[string]series{"age": {1: 3*3600 + 60}})
	msgs, err := e.sqs.ReceiveMessage(context.Background(), receiveAll(url))
	if err != nil || len(msgs.Messages) == 0 {
		t.Fatalf("receive: %v", err)
	}
	if sent := msgs.Messages[0].Attributes["SentTimestamp"]; sent != fmt.Sprint(t0.Add(-3*time.Hour).UnixMilli()) {
		t.Errorf("SentTimestamp %s, want three hours before t0", sent)
	}
}

// `sqscope server` and the demo serve localsqs with ListenAndServe: the
// CloudWatch endpoint is on that listener too.
func TestCloudWatchOnTheListener(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	url, wait, err := localsqs.ListenAndServe(ctx, "127.0.0.1:0", localsqs.New(localsqs.Options{}))
	if err != nil {
		t.Fatal(err)
	}
	defer func() { cancel(); _ = wait() }()
	cw := cloudwatch.New(cloudwatch.Options{Region: "us-east-1", BaseEndpoint: aws.String(url), Credentials: aws.AnonymousCredentials{}})
	out, err := cw.ListMetrics(ctx, &cloudwatch.ListMetricsInput{})
	if err != nil || len(out.Metrics) != 0 {
		t.Fatalf("ListMetrics on an empty server: %v, %v", out, err)
	}
}
