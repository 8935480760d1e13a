package awsclient

import (
	"context"
	"errors"
	"fmt"
	"math"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch/types"
	"github.com/aws/smithy-go"

	"github.com/sqscope/sqscope/model"
)

var cwNow = time.Date(2026, 11, 27, 3, 7, 30, 0, time.UTC)

func testCloudWatch(url string, cfg Config) *CloudWatch {
	if cfg.MaxAttempts == 0 {
		cfg.MaxAttempts = 1 // an error answer is the test's point, not a retry
	}
	return NewStatic(url, "us-east-1", cfg).CloudWatch()
}

func queueNames(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("queue-%04d", i)
	}
	return out
}

func TestOldestAgesBatchesFiveHundredQueriesPerCall(t *testing.T) {
	f, url := newFakeCloudWatch(t)
	// Each queue's age is its number in minutes, reported for the last
	// two minutes, the newer one last; queue-0003 has no data point.
	f.answer = func(q fakeQuery) ([]time.Time, []float64) {
		n, _ := strconv.Atoi(strings.TrimPrefix(q.Queue, "queue-"))
		if n == 3 {
			return nil, nil
		}
		min := float64(n * 60)
		return []time.Time{cwNow.Add(-2 * time.Minute), cwNow.Add(-time.Minute)}, []float64{min - 60, min}
	}
	names := queueNames(1234)
	ages, err := testCloudWatch(url, Config{}).OldestAges(context.Background(), names, cwNow)
	if err != nil {
		t.Fatal(err)
	}
	calls, queries := f.counts()
	slices.Sort(queries)
	if calls != 3 || !slices.Equal(queries, []int{234, 500, 500}) {
		t.Fatalf("%d calls of %v queries; want 3 of 500, 500, 234", calls, queries)
	}
	for _, q := range f.got {
		if q.Metric != "ApproximateAgeOfOldestMessage" || q.Stat != "Maximum" || q.Period != 60 {
			t.Fatalf("query %+v", q)
		}
	}
	if len(ages) != 1233 {
		t.Errorf("%d ages, want 1,233 (one queue has no data point)", len(ages))
	}
	if a := ages["queue-0042"]; a.Oldest != 42*time.Minute || !a.At.Equal(cwNow.Add(-time.Minute)) {
		t.Errorf("queue-0042: %+v, want the newest point, 42m", a)
	}
	if _, ok := ages["queue-0003"]; ok {
		t.Error("a queue without data points has an age")
	}
	// The lookback, in whole minutes, ends after now.
	for _, r := range f.ranges {
		if r[1]-r[0] != AgeLookback.Seconds() || r[1] != float64(cwNow.Truncate(time.Minute).Add(time.Minute).Unix()) {
			t.Errorf("range %v", r)
		}
	}
}

func TestHistoryAsksSevenMetricsWithTheirStatistics(t *testing.T) {
	f, url := newFakeCloudWatch(t)
	f.answer = func(q fakeQuery) ([]time.Time, []float64) {
		// One point per metric, its index, at 02:10.
		i, _ := strconv.Atoi(q.ID[1:])
		return []time.Time{time.Date(2026, 11, 27, 2, 10, 0, 0, time.UTC)}, []float64{float64(10 + i)}
	}
	c := testCloudWatch(url, Config{})
	for _, w := range model.Windows() {
		t.Run(w.String(), func(t *testing.T) {
			f.got, f.ranges = nil, nil
			h, err := c.History(context.Background(), "orders", w, cwNow)
			if err != nil {
				t.Fatal(err)
			}
			if len(f.got) != int(model.MetricCount) {
				t.Fatalf("%d queries, want 7 in one call", len(f.got))
			}
			for i, q := range f.got {
				m := model.Metric(i)
				if q.Metric != m.Name() || q.Stat != m.Stat() || q.Queue != "orders" || q.Period != int64(w.Period().Seconds()) {
					t.Errorf("query %d: %+v", i, q)
				}
			}
			start, end := w.Range(cwNow)
			if r := f.ranges[0]; r[0] != float64(start.Unix()) || r[1] != float64(end.Unix()) {
				t.Errorf("range %v, want %v…%v", r, start, end)
			}
			i, _ := slotOf(h, time.Date(2026, 11, 27, 2, 10, 0, 0, time.UTC))
			for m := range model.MetricCount {
				if got := h.Values[m][i]; got != float64(10+int(m)) {
					t.Errorf("%v at 02:10: %v", m.Name(), got)
				}
			}
		})
	}
}

func slotOf(h *model.History, at time.Time) (int, bool) {
	i := int(at.Sub(h.Start) / h.Window.Period())
	return i, i >= 0 && i < h.Window.Points()
}

func TestAccessDeniedIsUnavailable(t *testing.T) {
	f, url := newFakeCloudWatch(t)
	f.fail = &fakeFailure{status: http.StatusBadRequest, typ: "com.amazon.coral.service#AccessDeniedException", code: "AccessDenied"}
	c := testCloudWatch(url, Config{})
	_, err := c.History(context.Background(), "orders", model.Window1h, cwNow)
	why, ok := Unavailable(err)
	if !ok || why != "CloudWatch unavailable: access denied to GetMetricData" {
		t.Fatalf("Unavailable = %q, %v; err %v", why, ok, err)
	}
	// Still the SDK's own error underneath, for whoever wants the detail.
	var apiErr smithy.APIError
	if !errors.As(err, &apiErr) || apiErr.ErrorCode() != "AccessDenied" {
		t.Errorf("not the SDK's API error: %#v", err)
	}
	ages, err := c.OldestAges(context.Background(), queueNames(1200), cwNow)
	if _, ok := Unavailable(err); !ok || len(ages) != 0 {
		t.Errorf("ages: %v, %v", ages, err)
	}
}

func TestTransientErrorsAreNotUnavailable(t *testing.T) {
	f, url := newFakeCloudWatch(t)
	f.fail = &fakeFailure{status: http.StatusBadRequest, typ: "Throttling", code: "Throttling"}
	_, err := testCloudWatch(url, Config{}).History(context.Background(), "orders", model.Window1h, cwNow)
	if err == nil {
		t.Fatal("no error")
	}
	if why, ok := Unavailable(err); ok {
		t.Errorf("throttling taken for unavailable: %s", why)
	}
}

func TestEndpointWithoutCloudWatchIsUnavailable(t *testing.T) {
	// An SQS-only server answers CloudWatch's path with its own JSON error.
	for _, tc := range []struct {
		name   string
		status int
		body   string
	}{
		{"JSON error", http.StatusBadRequest, `{"__type":"com.amazonaws.sqs#InvalidAction","message":"unknown"}`},
		{"not found", http.StatusNotFound, "404 page not found"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := newPlainServer(t, tc.status, tc.body)
			_, err := testCloudWatch(srv, Config{}).History(context.Background(), "orders", model.Window1h, cwNow)
			why, ok := Unavailable(err)
			if !ok || !strings.Contains(why, "does not serve CloudWatch") {
				t.Fatalf("Unavailable = %q, %v; err %v", why, ok, err)
			}
		})
	}
}

func TestEndpointCloudWatchVariableWins(t *testing.T) {
	sqsSide, sqsURL := newFakeCloudWatch(t)
	cwSide, cwURL := newFakeCloudWatch(t)
	t.Setenv("AWS_ENDPOINT_URL_CLOUDWATCH", cwURL)
	cfg := Config{EndpointURL: sqsURL}
	if _, err := NewStatic(sqsURL, "us-east-1", cfg).CloudWatch().History(context.Background(), "q", model.Window1h, cwNow); err != nil {
		t.Fatal(err)
	}
	if n, _ := sqsSide.counts(); n != 0 {
		t.Errorf("--endpoint-url got %d calls although AWS_ENDPOINT_URL_CLOUDWATCH is set", n)
	}
	if n, _ := cwSide.counts(); n != 1 {
		t.Errorf("AWS_ENDPOINT_URL_CLOUDWATCH got %d calls", n)
	}
	if p := cwSide.paths[0]; p != "/service/GraniteServiceVersion20100801/operation/GetMetricData" {
		t.Errorf("path %s", p)
	}
	t.Setenv("AWS_ENDPOINT_URL_CLOUDWATCH", "")
	if _, err := NewStatic(sqsURL, "us-east-1", cfg).CloudWatch().History(context.Background(), "q", model.Window1h, cwNow); err != nil {
		t.Fatal(err)
	}
	if n, _ := sqsSide.counts(); n != 1 {
		t.Errorf("without it, --endpoint-url got %d calls", n)
	}
}

func TestCloudWatchClientOnlyReads(t *testing.T) {
	f, url := newFakeCloudWatch(t)
	// Read-only mode does not stop the metrics: they are reads.
	c := testCloudWatch(url, Config{ReadOnly: true})
	if _, err := c.History(context.Background(), "q", model.Window1h, cwNow); err != nil {
		t.Fatalf("read-only refused GetMetricData: %v", err)
	}
	// Writable mode does not open writes: sqscope never changes CloudWatch.
	c = testCloudWatch(url, Config{})
	_, err := c.api.PutMetricData(context.Background(), &cloudwatch.PutMetricDataInput{
		Namespace: aws.String("AWS/SQS"), MetricData: []types.MetricDatum{{MetricName: aws.String("x"), Value: aws.Float64(1)}}})
	if !errors.Is(err, ErrReadOnly) {
		t.Errorf("PutMetricData: %v", err)
	}
	if n, _ := f.counts(); n != 1 {
		t.Errorf("%d calls reached the endpoint, want only the GetMetricData", n)
	}
}

func TestHistoryLeavesMissingPeriodsEmpty(t *testing.T) {
	_, url := newFakeCloudWatch(t)
	h, err := testCloudWatch(url, Config{}).History(context.Background(), "idle", model.Window3h, cwNow)
	if err != nil {
		t.Fatal(err)
	}
	for m := range model.MetricCount {
		if len(h.Values[m]) != 180 || !math.IsNaN(h.Values[m][0]) {
			t.Fatalf("%v: %d values, first %v", m.Name(), len(h.Values[m]), h.Values[m][0])
		}
	}
}
