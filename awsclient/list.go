package awsclient

import (
	"context"
	"errors"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	"github.com/aws/aws-sdk-go-v2/service/sqs/types"
	"golang.org/x/sync/errgroup"

	"github.com/sqscope/sqscope/model"
)

// Queues lists every queue, then reads all their attributes: QueueURLs
// followed by Refresh of them all. The UI calls the two apart, so that it
// can read the queues on screen often and the rest slowly.
func (s *SQS) Queues(ctx context.Context) ([]model.Queue, error) {
	urls, err := s.QueueURLs(ctx)
	if err != nil {
		return nil, err
	}
	return s.Refresh(ctx, urls)
}

// Refresh reads the attributes of the queues at urls concurrently, at most
// Config.Concurrency calls in flight, one GetQueueAttributes each. The
// result has one row per URL, in the order given. A queue whose attributes
// cannot be read (deleted since it was listed, denied, throttled past the
// retries) keeps its row with Err set (see QueueError); only ctx ending
// fails the whole.
func (s *SQS) Refresh(ctx context.Context, urls []string) ([]model.Queue, error) {
	out := make([]model.Queue, len(urls))
	var g errgroup.Group
	g.SetLimit(s.cfg.Concurrency)
	for i, u := range urls {
		if ctx.Err() != nil {
			break
		}
		g.Go(func() error {
			out[i] = s.queue(ctx, u)
			return nil
		})
	}
	_ = g.Wait() // the goroutines report through out, never through g
	if err := ctx.Err(); err != nil {
		// A half-filled list would show queues as failed that are fine.
		return nil, err
	}
	return out, nil
}

// QueueURLs pages through ListQueues: every queue's URL, in the endpoint's
// order, without attributes. MaxResults must be set: without it SQS
// returns at most 1,000 URLs and no NextToken.
func (s *SQS) QueueURLs(ctx context.Context) ([]string, error) {
	p := sqs.NewListQueuesPaginator(s.api, &sqs.ListQueuesInput{MaxResults: aws.Int32(1000)})
	seen := map[string]bool{}
	var urls []string
	for p.HasMorePages() {
		var page *sqs.ListQueuesOutput
		err := s.call(ctx, "", func(ctx context.Context) (err error) {
			page, err = p.NextPage(ctx)
			return err
		})
		if err != nil {
			return nil, err
		}
		// Queues created or deleted while paging can shift page boundaries;
		// a URL seen twice is still one queue.
		for _, u := range page.QueueUrls {
			if !seen[u] {
				seen[u] = true
				urls = append(urls, u)
			}
		}
	}
	return urls, nil
}

// queue reads one queue's attributes; failures stay on the row.
func (s *SQS) queue(ctx context.Context, url string) model.Queue {
	name := model.NameFromURL(url)
	var attrs map[string]string
	err := s.call(ctx, name, func(ctx context.Context) error {
		out, err := s.api.GetQueueAttributes(ctx, &sqs.GetQueueAttributesInput{
			QueueUrl:       aws.String(url),
			AttributeNames: []types.QueueAttributeName{types.QueueAttributeNameAll},
		})
		if err == nil {
			attrs = out.Attributes
		}
		return err
	})
	now := time.Now()
	if err != nil {
		return model.Queue{Name: name, URL: url, Type: typeFromName(name), Err: err, FetchedAt: now}
	}
	return queueFromAttrs(url, attrs, now)
}

// call runs one API call (with the SDK's retries) under its own timeout, so
// one stuck queue cannot hold up a refresh. Errors are tagged with the queue
// name, and a call that used up its own time says how long it waited.
func (s *SQS) call(ctx context.Context, queue string, f func(context.Context) error) error {
	cctx, cancel := context.WithTimeout(ctx, s.cfg.CallTimeout)
	defer cancel()
	err := f(cctx)
	if err == nil {
		return nil
	}
	if ctx.Err() == nil && errors.Is(cctx.Err(), context.DeadlineExceeded) {
		err = &TimeoutError{After: s.cfg.CallTimeout, Err: err}
	}
	if queue != "" {
		err = &QueueError{Queue: queue, Err: err}
	}
	return err
}
