package awsclient

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	"github.com/aws/aws-sdk-go-v2/service/sqs/types"
)

// countingHandler counts requests and answers each with an empty JSON
// object, which the SDK accepts as success for any SQS operation.
type countingHandler struct{ n atomic.Int64 }

func (h *countingHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h.n.Add(1)
	w.Header().Set("Content-Type", "application/x-amz-json-1.0")
	_, _ = w.Write([]byte(`{}`))
}

// mutations are the calls the later issues make (peek reset aside) and the
// other writes SQS has; each must be refused in read-only mode.
func mutations(api *sqs.Client) map[string]func(ctx context.Context) error {
	u := aws.String("http://x/000000000000/q")
	return map[string]func(ctx context.Context) error{
		"SendMessage": func(ctx context.Context) error {
			_, err := api.SendMessage(ctx, &sqs.SendMessageInput{QueueUrl: u, MessageBody: aws.String("b")})
			return err
		},
		"SendMessageBatch": func(ctx context.Context) error {
			_, err := api.SendMessageBatch(ctx, &sqs.SendMessageBatchInput{QueueUrl: u,
				Entries: []types.SendMessageBatchRequestEntry{{Id: aws.String("1"), MessageBody: aws.String("b")}}})
			return err
		},
		"DeleteMessage": func(ctx context.Context) error {
			_, err := api.DeleteMessage(ctx, &sqs.DeleteMessageInput{QueueUrl: u, ReceiptHandle: aws.String("r")})
			return err
		},
		"DeleteMessageBatch": func(ctx context.Context) error {
			_, err := api.DeleteMessageBatch(ctx, &sqs.DeleteMessageBatchInput{QueueUrl: u,
				Entries: []types.DeleteMessageBatchRequestEntry{{Id: aws.String("1"), ReceiptHandle: aws.String("r")}}})
			return err
		},
		"StartMessageMoveTask": func(ctx context.Context) error {
			_, err := api.StartMessageMoveTask(ctx, &sqs.StartMessageMoveTaskInput{SourceArn: aws.String("arn:aws:sqs:us-east-1:000000000000:q")})
			return err
		},
		"CancelMessageMoveTask": func(ctx context.Context) error {
			_, err := api.CancelMessageMoveTask(ctx, &sqs.CancelMessageMoveTaskInput{TaskHandle: aws.String("h")})
			return err
		},
		"PurgeQueue": func(ctx context.Context) error {
			_, err := api.PurgeQueue(ctx, &sqs.PurgeQueueInput{QueueUrl: u})
			return err
		},
		"DeleteQueue": func(ctx context.Context) error {
			_, err := api.DeleteQueue(ctx, &sqs.DeleteQueueInput{QueueUrl: u})
			return err
		},
		"CreateQueue": func(ctx context.Context) error {
			_, err := api.CreateQueue(ctx, &sqs.CreateQueueInput{QueueName: aws.String("q")})
			return err
		},
		"SetQueueAttributes": func(ctx context.Context) error {
			_, err := api.SetQueueAttributes(ctx, &sqs.SetQueueAttributesInput{QueueUrl: u, Attributes: map[string]string{"DelaySeconds": "1"}})
			return err
		},
		"TagQueue": func(ctx context.Context) error {
			_, err := api.TagQueue(ctx, &sqs.TagQueueInput{QueueUrl: u, Tags: map[string]string{"a": "b"}})
			return err
		},
	}
}

func TestReadOnlyRefusesMutationsBeforeTheNetwork(t *testing.T) {
	h := &countingHandler{}
	c := NewStatic(serve(t, h), "us-east-1", Config{ReadOnly: true})
	for op, call := range mutations(c.api) {
		err := call(context.Background())
		if !errors.Is(err, ErrReadOnly) {
			t.Errorf("%s: err = %v, want ErrReadOnly", op, err)
			continue
		}
		if want := "read-only mode: " + op + " not allowed"; Describe(err) != want {
			t.Errorf("%s: Describe = %q, want %q", op, Describe(err), want)
		}
	}
	if n := h.n.Load(); n != 0 {
		t.Fatalf("%d requests reached the server in read-only mode", n)
	}
	if !c.Endpoint().ReadOnly {
		t.Error("Endpoint().ReadOnly is false")
	}
}

func TestReadOnlyLetsReadsAndPeekThrough(t *testing.T) {
	h := &countingHandler{}
	c := NewStatic(serve(t, h), "us-east-1", Config{ReadOnly: true})
	u := aws.String("http://x/000000000000/q")
	calls := map[string]func() error{
		"Queues": func() error { _, err := c.Queues(context.Background()); return err },
		"GetQueueUrl": func() error {
			_, err := c.api.GetQueueUrl(context.Background(), &sqs.GetQueueUrlInput{QueueName: aws.String("q")})
			return err
		},
		"ListMessageMoveTasks": func() error {
			_, err := c.api.ListMessageMoveTasks(context.Background(), &sqs.ListMessageMoveTasksInput{SourceArn: aws.String("arn:aws:sqs:us-east-1:000000000000:q")})
			return err
		},
		"ReceiveMessage": func() error {
			// Only with the clearance the peek's redrive check grants; see
			// TestReadOnlyRefusesUncheckedReceive.
			_, err := c.api.ReceiveMessage(withReceiveClearance(context.Background(), *u), &sqs.ReceiveMessageInput{QueueUrl: u})
			return err
		},
		"ChangeMessageVisibilityBatch": func() error {
			_, err := c.api.ChangeMessageVisibilityBatch(context.Background(), &sqs.ChangeMessageVisibilityBatchInput{QueueUrl: u,
				Entries: []types.ChangeMessageVisibilityBatchRequestEntry{{Id: aws.String("1"), ReceiptHandle: aws.String("r")}}})
			return err
		},
	}
	for name, call := range calls {
		before := h.n.Load()
		if err := call(); err != nil {
			t.Errorf("%s in read-only mode: %v", name, err)
		}
		if h.n.Load() == before {
			t.Errorf("%s did not reach the server", name)
		}
	}
}

func TestWritableClientSendsMutations(t *testing.T) {
	h := &countingHandler{}
	c := NewStatic(serve(t, h), "us-east-1", Config{})
	for op, call := range mutations(c.api) {
		if err := call(context.Background()); err != nil && errors.Is(err, ErrReadOnly) {
			t.Errorf("%s refused by a writable client", op)
		}
	}
	if got, want := h.n.Load(), int64(len(mutations(c.api))); got != want {
		t.Fatalf("%d requests reached the server, want %d", got, want)
	}
}

func TestNewFromClientInstallsTheGuard(t *testing.T) {
	h := &countingHandler{}
	ep := serve(t, h)
	raw := adminClient(ep)
	c := NewFromClient(raw, Config{ReadOnly: true})
	err := mutations(c.api)["PurgeQueue"](context.Background())
	if !errors.Is(err, ErrReadOnly) || h.n.Load() != 0 {
		t.Fatalf("err = %v, requests = %d", err, h.n.Load())
	}
	// The caller's own client is left untouched.
	if err := mutations(raw)["PurgeQueue"](context.Background()); err != nil || h.n.Load() != 1 {
		t.Fatalf("original client: err = %v, requests = %d", err, h.n.Load())
	}
	if got := c.Endpoint().URL; got != ep {
		t.Errorf("Endpoint().URL = %q, want %q", got, ep)
	}
}

func TestIsMutating(t *testing.T) {
	tests := map[string]bool{
		"ListQueues": false, "GetQueueAttributes": false, "GetQueueUrl": false,
		"ListDeadLetterSourceQueues": false, "ListMessageMoveTasks": false, "ListQueueTags": false,
		"ReceiveMessage": false, "ChangeMessageVisibility": false, "ChangeMessageVisibilityBatch": false,
		"SendMessage": true, "SendMessageBatch": true, "DeleteMessage": true, "DeleteMessageBatch": true,
		"StartMessageMoveTask": true, "CancelMessageMoveTask": true, "PurgeQueue": true,
		"CreateQueue": true, "DeleteQueue": true, "SetQueueAttributes": true,
		"TagQueue": true, "UntagQueue": true, "AddPermission": true, "RemovePermission": true,
		"SomeFutureOperation": true, "": true,
	}
	for op, want := range tests {
		if got := IsMutating(op); got != want {
			t.Errorf("IsMutating(%q) = %v, want %v", op, got, want)
		}
	}
	if !strings.Contains((&ReadOnlyError{Op: "X"}).Error(), "X not allowed") {
		t.Error("ReadOnlyError does not name the operation")
	}
}
