package awsclient

import (
	"context"
	"net"
	"net/http"
	"net/http/httptrace"
	"strings"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	"github.com/aws/smithy-go/middleware"
)

// TestAnswerSurvivesTheBodyClosedBeforeItsLastRead replays, in order, the
// race that lost receive answers on a busy machine (see closeSafeBody):
// the transport's writer sends the request body and stalls; SQS answers;
// smithy-go closes the body; only then does the writer take its last look
// at the body, and the answer's body is read after that. Without
// closeSafeBody the writer fails and closes the connection under the
// reader: the control case shows the replay does hit the race.
func TestAnswerSurvivesTheBodyClosedBeforeItsLastRead(t *testing.T) {
	b, _ := localsqsBackend(t)
	ep := serve(t, b.handler)
	admin := adminClient(ep)
	// A receive does not hide the message: each case gets it.
	url := createQueue(t, admin, uniquePrefix(t)+"q", map[string]string{"VisibilityTimeout": "0"})
	// Far more than the reader's buffer, so the body is read off the
	// connection after the writer is done.
	body := strings.Repeat("x", 200_000)
	if _, err := admin.SendMessage(context.Background(), &sqs.SendMessageInput{QueueUrl: aws.String(url), MessageBody: aws.String(body)}); err != nil {
		t.Fatal(err)
	}
	for _, safe := range []bool{true, false} {
		g := &stalledWriter{gate: make(chan struct{}), held: make(chan struct{}), closed: make(chan struct{})}
		raw := sqs.New(sqs.Options{Region: "us-east-1", BaseEndpoint: aws.String(ep),
			Credentials: credentials.NewStaticCredentialsProvider("test", "test", ""),
			HTTPClient: awshttp.NewBuildableClient().WithTransportOptions(func(tr *http.Transport) {
				d := &net.Dialer{}
				tr.DialContext = func(ctx context.Context, network, addr string) (net.Conn, error) {
					c, err := d.DialContext(ctx, network, addr)
					return &stalledConn{Conn: c, w: g}, err
				}
			})})
		api := raw
		if safe {
			api = NewFromClient(raw, testConfig()).api
		}
		out, err := api.ReceiveMessage(context.Background(), &sqs.ReceiveMessageInput{QueueUrl: aws.String(url)},
			noSDKRetries, g.stallUntilAnswered)
		if !g.engaged {
			t.Fatal("the request body did not go out in a write of its own: the replay proves nothing")
		}
		switch {
		case safe && err != nil:
			t.Errorf("with closeSafeBody, the answer was lost: %v", err)
		case safe && (len(out.Messages) != 1 || len(aws.ToString(out.Messages[0].Body)) != len(body)):
			t.Errorf("with closeSafeBody: %d message(s); want the message, whole", len(out.Messages))
		case !safe && err == nil:
			t.Error("control: the answer survived without closeSafeBody; if smithy-go's body no longer fails a read after Close, closeSafeBody can go")
		}
	}
}

// stalledWriter holds the transport's writer right after it has sent a
// request's body, until the answer's headers are in and the SDK has
// closed the body; then it lets the writer finish before the answer's
// body is read.
type stalledWriter struct {
	gate, held, closed chan struct{}
	once               sync.Once
	writes             int
	engaged            bool
}

type stalledConn struct {
	net.Conn
	w *stalledWriter
}

// Write passes the bytes on; the second write is the body (the headers
// are flushed first when the body is not a known in-memory reader), and
// the writer stalls after it. held is closed before the bytes go: SQS
// cannot answer before, so the answer proves the stall.
func (c *stalledConn) Write(p []byte) (int, error) {
	c.w.writes++
	if c.w.writes != 2 {
		return c.Conn.Write(p)
	}
	close(c.w.held)
	n, err := c.Conn.Write(p)
	<-c.w.gate
	return n, err
}

func (c *stalledConn) Close() error {
	c.w.once.Do(func() { close(c.w.closed) })
	return c.Conn.Close()
}

// stallUntilAnswered sits right around the SDK's HTTP handler, which
// returns once the answer's headers are in and the body is closed.
func (w *stalledWriter) stallUntilAnswered(o *sqs.Options) {
	o.APIOptions = append(o.APIOptions, func(st *middleware.Stack) error {
		return st.Deserialize.Add(middleware.DeserializeMiddlewareFunc("testStalledWriter",
			func(ctx context.Context, in middleware.DeserializeInput, next middleware.DeserializeHandler) (middleware.DeserializeOutput, middleware.Metadata, error) {
				wrote := make(chan error, 1)
				ctx = httptrace.WithClientTrace(ctx, &httptrace.ClientTrace{
					WroteRequest: func(i httptrace.WroteRequestInfo) { wrote <- i.Err },
				})
				out, md, err := next.HandleDeserialize(ctx, in)
				select {
				case <-w.held:
					w.engaged = true
				default:
				}
				close(w.gate)
				if err == nil && <-wrote != nil {
					<-w.closed // a failed write closes the connection
				}
				return out, md, err
			}), middleware.After)
	})
}
