package localsqs

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

func TestCallInProcess(t *testing.T) {
	s := New(Options{})
	defer s.Close()
	ctx := context.Background()
	var created struct{ QueueUrl string }
	if err := s.Call(ctx, "CreateQueue", map[string]any{"QueueName": "demo"}, &created); err != nil {
		t.Fatal(err)
	}
	if created.QueueUrl != "http://localhost/000000000000/demo" {
		t.Fatalf("url %q", created.QueueUrl)
	}
	if err := s.Call(ctx, "SendMessage", map[string]any{"QueueUrl": created.QueueUrl, "MessageBody": "hi"}, nil); err != nil {
		t.Fatal(err)
	}
	var got struct{ Messages []struct{ Body string } }
	if err := s.Call(ctx, "ReceiveMessage", map[string]any{"QueueUrl": created.QueueUrl}, &got); err != nil {
		t.Fatal(err)
	}
	if len(got.Messages) != 1 || got.Messages[0].Body != "hi" {
		t.Fatalf("received %+v", got)
	}
	err := s.Call(ctx, "GetQueueUrl", map[string]any{"QueueName": "nope"}, nil)
	var ce *CallError
	if !errors.As(err, &ce) || ce.Type != "QueueDoesNotExist" || ce.Status != 400 {
		t.Fatalf("error = %#v", err)
	}
}

// With Latency set, a request whose client gives up during the injected
// delay is dropped without being handled.
func TestLatencyHonoursCancellation(t *testing.T) {
	s := New(Options{Latency: time.Hour})
	defer s.Close()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	req := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(`{"QueueName":"late"}`)).WithContext(ctx)
	req.Header.Set("X-Amz-Target", "AmazonSQS.CreateQueue")
	s.ServeHTTP(httptest.NewRecorder(), req)
	if s.queueByName("late") != nil {
		t.Fatal("request handled although the client had gone")
	}
}
