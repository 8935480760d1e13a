package awsclient

import (
	"context"
	"io"
	"net"
	"net/http"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
)

// A 200 whose body breaks off: SQS carried the call out and its answer
// was lost on our side (as when the transport closed the connection under
// the reader, see closeSafeBody). The move must count that call as done.

// TestMoveWaitsForWhatALostReceiveHid: the answer to the move's first
// receive breaks off. SQS hid the whole FIFO group for the hold, the
// SDK's retry finds nothing. The move must know those messages are
// hidden — wait for them, and stopped, report them held back — instead
// of ending as if the DLQ were drained.
func TestMoveWaitsForWhatALostReceiveHid(t *testing.T) {
	b, _ := localsqsBackend(t)
	ep := serve(t, b.handler)
	_, dlq, dest := bigFIFOGroup(t, ep)
	cut := &cutAnswers{op: "ReceiveMessage", n: 0}
	ctx, stop := context.WithCancel(context.Background())
	defer stop()
	progress := make(chan MoveProgress, 64)
	var rep MoveReport
	var err error
	done := make(chan struct{})
	go func() {
		defer close(done)
		rep, err = cut.client(ep).Move(ctx, MoveRequest{SourceURL: dlq, DestURL: dest, Concurrency: 1}, progress)
	}()
	waited := 0
	for p := range progress {
		if p.Waiting > 0 && waited == 0 {
			waited = p.Waiting
			stop() // the user stops the wait
		}
	}
	<-done
	if cut.done() != 1 {
		t.Fatalf("%d answers cut, want 1", cut.done())
	}
	if waited != 10 {
		t.Errorf("the move waited for %d hidden messages, want the 10 the lost receive hid (report %+v)", waited, rep)
	}
	if err != nil || rep.HeldBack != 10 || rep.HeldUntil.IsZero() || !rep.Cancelled || rep.Moved != 0 {
		t.Errorf("Move: %v, report %+v; want stopped, 10 held back until a known time, none moved", err, rep)
	}
}

// TestMoveCountsASendWhoseAnswerWasLost: the answer to the first send
// breaks off after SQS stored the batch; the move sends it again. The
// copies must be counted as possible duplicates.
func TestMoveCountsASendWhoseAnswerWasLost(t *testing.T) {
	b, _ := localsqsBackend(t)
	ep := serve(t, b.handler)
	f := newDLQFixture(t, ep, false, 1, 3)
	cut := &cutAnswers{op: "SendMessageBatch", n: 0}
	rep, err := cut.client(ep).Move(context.Background(), MoveRequest{SourceURL: f.dlqURL, Concurrency: 1}, nil)
	if err != nil || rep.Moved != 3 || cut.done() != 1 {
		t.Fatalf("Move: %v, report %+v, %d answers cut; want 3 moved, 1 cut", err, rep, cut.done())
	}
	if got := f.count(t, f.sources[0]); got != 6 {
		t.Fatalf("the source holds %d messages, want 6 (the batch twice): the test proves nothing", got)
	}
	if rep.PossiblyDuplicated != 3 {
		t.Errorf("report counts %d possible duplicates, the source holds 3 (report %+v)", rep.PossiblyDuplicated, rep)
	}
}

// cutAnswers breaks off the body of the n-th (0-based) answer to op after
// a few bytes, with the error a read gets from a connection the
// transport closed.
type cutAnswers struct {
	op string
	n  int

	mu         sync.Mutex
	seen, cuts int
}

// client is an SQS whose HTTP client cuts the answer.
func (c *cutAnswers) client(endpoint string) *SQS {
	return NewFromClient(sqs.New(sqs.Options{Region: "us-east-1", BaseEndpoint: aws.String(endpoint),
		Credentials: credentials.NewStaticCredentialsProvider("test", "test", ""),
		HTTPClient:  cutClient{c, awshttp.NewBuildableClient()}}), testConfig())
}

func (c *cutAnswers) done() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.cuts
}

type cutClient struct {
	c    *cutAnswers
	next aws.HTTPClient
}

func (cc cutClient) Do(req *http.Request) (*http.Response, error) {
	resp, err := cc.next.Do(req)
	if err != nil || req.Header.Get("X-Amz-Target") != "AmazonSQS."+cc.c.op {
		return resp, err
	}
	cc.c.mu.Lock()
	defer cc.c.mu.Unlock()
	if cc.c.seen++; cc.c.seen-1 == cc.c.n {
		cc.c.cuts++
		resp.Body = &brokenBody{ReadCloser: resp.Body, left: 16}
	}
	return resp, nil
}

type brokenBody struct {
	io.ReadCloser
	left int
}

func (b *brokenBody) Read(p []byte) (int, error) {
	if b.left == 0 {
		return 0, &net.OpError{Op: "read", Net: "tcp", Err: net.ErrClosed}
	}
	n, err := b.ReadCloser.Read(p[:min(len(p), b.left)])
	b.left -= n
	return n, err
}
