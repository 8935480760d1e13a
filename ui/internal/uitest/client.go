package uitest

import (
	"context"
	"errors"
	"fmt"
	"slices"
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
	Mu         sync.Mutex
	EP         awsclient.Endpoint
	List       []model.Queue // what QueueURLs lists and Refresh reads
	Err        error         // what QueueURLs fails with
	RefreshErr error         // what Refresh fails with
	listings   int           // QueueURLs calls
	refreshes  int           // Refresh calls
	reads      map[string]int

	// Peek: the messages each queue URL returns, an error for Next, a gate
	// that holds every Next until closed, and the sessions opened so far.
	Messages map[string][]model.Message
	NextErr  error
	Gate     chan struct{}
	peeks    []*Peek
	// NextEndsWithPage: sessions mark their last full page Exhausted.
	NextEndsWithPage bool

	Mover Mover // see mover.go
	Ops   Ops   // see ops.go
}

func (f *Client) Endpoint() awsclient.Endpoint { return f.EP }

// QueueURLs lists the URLs of List, or fails with Err.
func (f *Client) QueueURLs(context.Context) ([]string, error) {
	f.Mu.Lock()
	defer f.Mu.Unlock()
	f.listings++
	if f.Err != nil {
		return nil, f.Err
	}
	urls := make([]string, len(f.List))
	for i, q := range f.List {
		urls[i] = q.URL
	}
	return urls, nil
}

// Refresh answers each URL with its queue of List; a URL that List
// lacks reads as SQS answers a deleted queue: a row with Err.
func (f *Client) Refresh(_ context.Context, urls []string) ([]model.Queue, error) {
	f.Mu.Lock()
	defer f.Mu.Unlock()
	f.refreshes++
	if f.RefreshErr != nil {
		return nil, f.RefreshErr
	}
	if f.reads == nil {
		f.reads = map[string]int{}
	}
	out := make([]model.Queue, len(urls))
	for i, u := range urls {
		f.reads[u]++
		j := slices.IndexFunc(f.List, func(q model.Queue) bool { return q.URL == u })
		if j < 0 {
			name := model.NameFromURL(u)
			out[i] = model.Queue{Name: name, URL: u, Err: errors.New("AWS.SimpleQueueService.NonExistentQueue: " + name)}
			continue
		}
		out[i] = f.List[j]
	}
	return out, nil
}

func (f *Client) Set(qs []model.Queue, err error) {
	f.Mu.Lock()
	defer f.Mu.Unlock()
	f.List, f.Err = qs, err
}

// CallCount is how many times the queues were listed (QueueURLs).
func (f *Client) CallCount() int {
	f.Mu.Lock()
	defer f.Mu.Unlock()
	return f.listings
}

// Refreshes is how many Refresh calls were made, and how many queues
// they read in all (one GetQueueAttributes each on SQS).
func (f *Client) Refreshes() (calls, queues int) {
	f.Mu.Lock()
	defer f.Mu.Unlock()
	for _, n := range f.reads {
		queues += n
	}
	return f.refreshes, queues
}

// Reads is how many times Refresh read the queue at url.
func (f *Client) Reads(url string) int {
	f.Mu.Lock()
	defer f.Mu.Unlock()
	return f.reads[url]
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
