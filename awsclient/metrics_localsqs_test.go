package awsclient

import (
	"context"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sqs"

	"github.com/sqscope/sqscope/localsqs"
	"github.com/sqscope/sqscope/model"
)

// The CloudWatch client against localsqs's CloudWatch endpoint, on the
// listener that serves SQS (as the demo runs it): what the client reads
// back is what the test did to the queues, minute by minute.

type lsClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *lsClock) Now() time.Time  { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *lsClock) set(t time.Time) { c.mu.Lock(); c.t = t; c.mu.Unlock() }

func TestCloudWatchAgainstLocalsqs(t *testing.T) {
	t0 := time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC)
	clock := &lsClock{t: t0}
	srv := localsqs.New(localsqs.Options{Now: clock.Now})
	t.Cleanup(srv.Close)
	hs := httptest.NewServer(srv)
	t.Cleanup(hs.Close)
	ctx := context.Background()
	admin := adminClient(hs.URL)
	url := func(name string) *string {
		out, err := admin.CreateQueue(ctx, &sqs.CreateQueueInput{QueueName: aws.String(name)})
		if err != nil {
			t.Fatal(err)
		}
		return out.QueueUrl
	}
	orders := url("orders")
	url("idle")

	// Minute 1: 30 sends. Minute 2: 12 received and deleted.
	clock.set(t0.Add(time.Minute + 10*time.Second))
	for range 30 {
		if _, err := admin.SendMessage(ctx, &sqs.SendMessageInput{QueueUrl: orders, MessageBody: aws.String("m")}); err != nil {
			t.Fatal(err)
		}
	}
	clock.set(t0.Add(2*time.Minute + 5*time.Second))
	received := 0
	for received < 12 {
		out, err := admin.ReceiveMessage(ctx, &sqs.ReceiveMessageInput{QueueUrl: orders, MaxNumberOfMessages: int32(min(10, 12-received))})
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range out.Messages {
			if _, err := admin.DeleteMessage(ctx, &sqs.DeleteMessageInput{QueueUrl: orders, ReceiptHandle: m.ReceiptHandle}); err != nil {
				t.Fatal(err)
			}
		}
		received += len(out.Messages)
	}

	now := t0.Add(3*time.Minute + 30*time.Second)
	clock.set(now)
	cw := NewStatic(hs.URL, "us-east-1", Config{}).CloudWatch()
	h, err := cw.History(ctx, "orders", model.Window1h, now)
	if err != nil {
		t.Fatal(err)
	}
	at := func(m model.Metric, minute int) float64 {
		i := int(t0.Add(time.Duration(minute)*time.Minute).Sub(h.Start) / time.Minute)
		return h.Values[m][i]
	}
	for _, c := range []struct {
		m      model.Metric
		minute int
		want   float64
	}{
		{model.MetricSent, 1, 30},
		{model.MetricReceived, 2, 12},
		{model.MetricDeleted, 2, 12},
		{model.MetricVisible, 1, 30}, // the minute's highest
		{model.MetricVisible, 2, 30}, // before the receives
	} {
		if got := at(c.m, c.minute); got != c.want {
			t.Errorf("%s at minute %d: %v, want %v", c.m.Name(), c.minute, got, c.want)
		}
	}
	// An active queue's minutes without sends are 0, not missing.
	if l := model.LineOf(h, model.MetricSent, model.Window1h, nil, now); l.Max != 30 || l.Now != 0 || l.Change != -30 {
		t.Errorf("sent over the hour: now %v, max %v, change %v; want 0, 30, -30", l.Now, l.Max, l.Change)
	}

	// Ages: orders' oldest message was sent 2m20s before now; idle has
	// had nothing, so CloudWatch (like SQS for an idle queue) has no point.
	ages, err := cw.OldestAges(ctx, []string{"orders", "idle", "gone"}, now)
	if err != nil {
		t.Fatal(err)
	}
	if a, ok := ages["orders"]; !ok || a.Oldest < time.Minute || a.Oldest > 3*time.Minute {
		t.Errorf("orders' age %+v (known %v), want about 2m", a, ok)
	}
	if a, ok := ages["gone"]; ok {
		t.Errorf("a queue that does not exist has an age: %+v", a)
	}
}
