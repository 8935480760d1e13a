package uitest

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/sqscope/sqscope/awsclient"
	"github.com/sqscope/sqscope/model"
)

// Client is an in-memory awsclient.Client for UI tests.
// Its exported fields are the configuration; hold Mu to change them while
// a Cmd may run.
type Client struct {
	Mu    sync.Mutex
	EP    awsclient.Endpoint
	List  []model.Queue // what Queues answers
	Err   error         // what Queues fails with
	calls int

	// Peek: the messages each queue URL returns, an error for Next, a gate
	// that holds every Next until closed, and the sessions opened so far.
	Messages map[string][]model.Message
	NextErr  error
	Gate     chan struct{}
	peeks    []*Peek
	// NextEndsWithPage: sessions mark their last full page Exhausted.
	NextEndsWithPage bool

	Mover Mover // see mover.go
}

func (f *Client) Endpoint() awsclient.Endpoint { return f.EP }

func (f *Client) Queues(context.Context) ([]model.Queue, error) {
	f.Mu.Lock()
	defer f.Mu.Unlock()
	f.calls++
	if f.Err != nil {
		return nil, f.Err
	}
	return append([]model.Queue(nil), f.List...), nil
}

func (f *Client) Set(qs []model.Queue, err error) {
	f.Mu.Lock()
	defer f.Mu.Unlock()
	f.List, f.Err = qs, err
}

func (f *Client) CallCount() int {
	f.Mu.Lock()
	defer f.Mu.Unlock()
	return f.calls
}

const Account = "000000000000"

func ARN(name string) string { return "arn:aws:sqs:us-east-1:" + Account + ":" + name }

func Queue(name string, visible, inFlight, delayed int64, dlq string) model.Queue {
	q := model.Queue{
		Name:              name,
		URL:               "http://127.0.0.1:9324/" + Account + "/" + name,
		ARN:               ARN(name),
		Stats:             model.QueueStats{Visible: visible, InFlight: inFlight, Delayed: delayed},
		VisibilityTimeout: 30 * time.Second,
		RetentionPeriod:   4 * 24 * time.Hour,
		CreatedAt:         time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC),
		Attrs: map[string]string{
			"QueueArn":                    ARN(name),
			"ApproximateNumberOfMessages": fmt.Sprint(visible),
			"VisibilityTimeout":           "30",
		},
	}
	if strings.HasSuffix(name, ".fifo") {
		q.Type = model.FIFO
		q.Attrs["FifoQueue"] = "true"
	}
	if dlq != "" {
		q.Redrive = &model.RedrivePolicy{DeadLetterTargetARN: ARN(dlq), MaxReceiveCount: 5}
	}
	return q
}

// Dataset is the fixed account the golden views show: a source and its
// non-empty DLQ, a FIFO pair, a DLQ shared by two sources, a queue whose
// attributes could not be read, and one very long name. step varies the
// counts so successive polls draw a sparkline.
func Dataset(step int64) []model.Queue {
	denied := Queue("audit-log", 0, 0, 0, "")
	denied.Err = errors.New("AccessDenied: not authorized to perform sqs:GetQueueAttributes\non this resource")
	return []model.Queue{
		Queue("orders", 1200+40*step, 30+5*step, 2, "orders-dlq"),
		Queue("orders-dlq", 17+step, 0, 0, ""),
		Queue("payments.fifo", 310-10*step, 12, 0, "payments-dlq.fifo"),
		Queue("payments-dlq.fifo", 0, 0, 0, ""),
		Queue("billing", 45, 3, 0, "shared-dlq"),
		Queue("shipping", 8, 1, 0, "shared-dlq"),
		Queue("shared-dlq", 0, 0, 0, ""),
		denied,
		Queue("notifications-service-production-eu-west-1-high-priority", 2500000+1000*step, 1200, 30, ""),
	}
}
