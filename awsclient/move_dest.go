package awsclient

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	"github.com/aws/aws-sdk-go-v2/service/sqs/types"

	"github.com/sqscope/sqscope/model"
)

// ErrQueueTypeMismatch is returned (wrapped) for a move between a standard
// and a FIFO queue: FIFO → standard loses ordering and deduplication
// silently, standard → FIFO has no group to keep. Both are refused.
var ErrQueueTypeMismatch = errors.New("cannot move between a standard and a FIFO queue")

// destQueue is a queue messages are sent to.
type destQueue struct {
	url, arn string
	fifo     bool
}

// movePlan is what Move learns before touching a message.
type movePlan struct {
	dlqName string
	dlqFIFO bool
	total   int // visible messages at the start
	// shortPolls: the DLQ's own receive wait is 0, so a receive without
	// WaitTimeSeconds is a short poll (see polls).
	shortPolls bool
	dests      *destResolver
}

// destResolver maps a message to its destination, caching lookups
// (errors included, so a missing queue costs one call, not one per message).
type destResolver struct {
	s       *SQS
	dlqFIFO bool
	fixed   *destQueue
	// only is the DLQ's single source queue, for messages without a
	// DeadLetterQueueSourceArn (moto never sets it).
	only *destQueue

	mu    sync.Mutex
	byARN map[string]destResult
}

type destResult struct {
	q   destQueue
	err error
}

// planMove reads the DLQ and the destination(s) and refuses an impossible
// move before any message is received.
func (s *SQS) planMove(ctx context.Context, req MoveRequest) (*movePlan, error) {
	dlq := model.NameFromURL(req.SourceURL)
	attrs, err := s.queueAttrs(ctx, req.SourceURL, "FifoQueue", "ApproximateNumberOfMessages", "ReceiveMessageWaitTimeSeconds")
	if err != nil {
		return nil, err
	}
	p := &movePlan{dlqName: dlq, dlqFIFO: attrs["FifoQueue"] == "true",
		shortPolls: attrs["ReceiveMessageWaitTimeSeconds"] == "0"}
	p.total, _ = strconv.Atoi(attrs["ApproximateNumberOfMessages"])
	r := &destResolver{s: s, dlqFIFO: p.dlqFIFO, byARN: map[string]destResult{}}
	p.dests = r
	if req.DestURL != "" {
		if req.DestURL == req.SourceURL {
			return nil, fmt.Errorf("move %s: the destination is the queue itself", dlq)
		}
		q, err := r.lookup(ctx, req.DestURL)
		if err != nil {
			return nil, err
		}
		r.fixed = &q
		return p, nil
	}
	// The sources are read up front so that a type mismatch is refused
	// before anything moves. If the listing is denied, messages are routed
	// by their ARN alone, looked up as they come.
	urls, lerr := s.DeadLetterSources(ctx, req.SourceURL)
	if lerr != nil {
		return p, nil
	}
	for _, u := range urls {
		q, err := r.lookup(ctx, u)
		if errors.Is(err, ErrQueueTypeMismatch) {
			return nil, err
		}
		if err != nil {
			continue
		}
		if q.arn != "" {
			r.byARN[q.arn] = destResult{q: q}
		}
		if len(urls) == 1 {
			r.only = &q
		}
	}
	return p, nil
}

// resolve is the destination of one message.
func (r *destResolver) resolve(ctx context.Context, m model.Message) (destQueue, error) {
	if r.fixed != nil {
		return *r.fixed, nil
	}
	arn := m.DLQSourceARN
	if arn == "" {
		if r.only != nil {
			return *r.only, nil
		}
		return destQueue{}, fmt.Errorf("message %s has no DeadLetterQueueSourceArn and the DLQ has no single source queue: pick a destination", m.ID)
	}
	r.mu.Lock()
	res, ok := r.byARN[arn]
	r.mu.Unlock()
	if ok {
		return res.q, res.err
	}
	res.q, res.err = r.lookupARN(ctx, arn)
	r.mu.Lock()
	r.byARN[arn] = res
	r.mu.Unlock()
	return res.q, res.err
}

// lookupARN finds a source queue that is no longer (or never was) listed
// as the DLQ's source, by the name and account in its ARN.
func (r *destResolver) lookupARN(ctx context.Context, arn string) (destQueue, error) {
	parts := strings.Split(arn, ":")
	if len(parts) != 6 || parts[2] != "sqs" {
		return destQueue{}, fmt.Errorf("DeadLetterQueueSourceArn %q is not an SQS queue ARN", arn)
	}
	in := &sqs.GetQueueUrlInput{QueueName: aws.String(parts[5])}
	if parts[4] != "" {
		in.QueueOwnerAWSAccountId = aws.String(parts[4])
	}
	var out *sqs.GetQueueUrlOutput
	err := r.s.call(ctx, parts[5], func(ctx context.Context) (err error) {
		out, err = r.s.api.GetQueueUrl(ctx, in)
		return err
	})
	if err != nil {
		return destQueue{}, err
	}
	return r.lookup(ctx, aws.ToString(out.QueueUrl))
}

// lookup reads a destination's type and checks it against the DLQ's.
func (r *destResolver) lookup(ctx context.Context, url string) (destQueue, error) {
	attrs, err := r.s.queueAttrs(ctx, url, "FifoQueue", "QueueArn")
	if err != nil {
		return destQueue{}, err
	}
	q := destQueue{url: url, arn: attrs["QueueArn"], fifo: attrs["FifoQueue"] == "true"}
	if q.fifo != r.dlqFIFO {
		return q, fmt.Errorf("%w: %s is %s, %s is %s", ErrQueueTypeMismatch,
			model.NameFromURL(url), kind(q.fifo), "the DLQ", kind(r.dlqFIFO))
	}
	return q, nil
}

func kind(fifo bool) string {
	if fifo {
		return "FIFO"
	}
	return "standard"
}

// queueAttrs reads a few attributes of one queue.
func (s *SQS) queueAttrs(ctx context.Context, url string, names ...string) (map[string]string, error) {
	in := &sqs.GetQueueAttributesInput{QueueUrl: aws.String(url)}
	for _, n := range names {
		in.AttributeNames = append(in.AttributeNames, types.QueueAttributeName(n))
	}
	var out *sqs.GetQueueAttributesOutput
	err := s.call(ctx, model.NameFromURL(url), func(ctx context.Context) (err error) {
		out, err = s.api.GetQueueAttributes(ctx, in)
		return err
	})
	if err != nil {
		return nil, err
	}
	return out.Attributes, nil
}

// DeadLetterSources lists the URLs of the queues whose redrive policy
// names the DLQ at dlqURL (ListDeadLetterSourceQueues, every page).
func (s *SQS) DeadLetterSources(ctx context.Context, dlqURL string) ([]string, error) {
	p := sqs.NewListDeadLetterSourceQueuesPaginator(s.api, &sqs.ListDeadLetterSourceQueuesInput{
		QueueUrl: aws.String(dlqURL), MaxResults: aws.Int32(1000),
	})
	var urls []string
	for p.HasMorePages() {
		var page *sqs.ListDeadLetterSourceQueuesOutput
		err := s.call(ctx, model.NameFromURL(dlqURL), func(ctx context.Context) (err error) {
			page, err = p.NextPage(ctx)
			return err
		})
		if err != nil {
			return nil, err
		}
		urls = append(urls, page.QueueUrls...)
	}
	return urls, nil
}
