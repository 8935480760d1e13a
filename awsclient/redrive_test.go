package awsclient

import (
	"context"
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/sqscope/sqscope/model"
)

func TestRedriveNative500(t *testing.T) {
	forEachBackend(t, "native", func(t *testing.T, b backend) {
		ep := serve(t, b.handler)
		sources, per := 2, 250
		if b.name == "moto" {
			sources, per = 1, 5 // only the refusal is checked there
		}
		f := newDLQFixture(t, ep, false, sources, per)
		c := NewStatic(ep, "us-east-1", testConfig())
		task, err := c.StartRedrive(context.Background(), f.dlqARN, 0)
		if b.name == "moto" {
			// moto lacks the API: the UI must see that and fall back.
			if !NativeUnsupported(err) {
				t.Fatalf("moto StartRedrive: %v; want an error NativeUnsupported recognises", err)
			}
			if _, err := c.MoveTasks(context.Background(), f.dlqARN); !NativeUnsupported(err) {
				t.Errorf("moto MoveTasks: %v; want NativeUnsupported", err)
			}
			return
		}
		if err != nil {
			t.Fatalf("StartRedrive: %v", err)
		}
		if task.Handle == "" || task.Status != model.TaskRunning || task.SourceARN != f.dlqARN {
			t.Errorf("started task = %+v", task)
		}
		done := waitTask(t, c, f.dlqARN)
		if done.Status != model.TaskCompleted || done.Moved != 500 || done.Fraction() != 1 {
			t.Fatalf("task = %+v; want COMPLETED with 500 moved", done)
		}
		f.checkRedriven(t)
	})
}

// waitTask polls ListMessageMoveTasks until the newest task is done. The
// deadline only turns a hang into a failure; it is not a speed check.
func waitTask(t *testing.T, c *SQS, arn string) model.MoveTask {
	t.Helper()
	deadline := time.Now().Add(time.Minute)
	for {
		tasks, err := c.MoveTasks(context.Background(), arn)
		if err != nil {
			t.Fatalf("MoveTasks: %v", err)
		}
		if len(tasks) > 0 && tasks[0].Done() {
			return tasks[0]
		}
		if time.Now().After(deadline) {
			t.Fatalf("task still running: %+v", tasks)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func TestRedriveSecondStartNamesTheRunningTask(t *testing.T) {
	b, _ := localsqsBackend(t)
	ep := serve(t, b.handler)
	f := newDLQFixture(t, ep, false, 1, 50)
	c := NewStatic(ep, "us-east-1", testConfig())
	first, err := c.StartRedrive(context.Background(), f.dlqARN, 1) // 1 msg/s: still running below
	if err != nil {
		t.Fatalf("StartRedrive: %v", err)
	}
	_, err = c.StartRedrive(context.Background(), f.dlqARN, 0)
	var active *TaskActiveError
	if !errors.As(err, &active) || active.Task.Handle != first.Handle || NativeUnsupported(err) {
		t.Fatalf("second start: %v; want TaskActiveError for %s, not NativeUnsupported", err, first.Handle)
	}
	if err := c.CancelRedrive(context.Background(), first.Handle); err != nil {
		t.Fatalf("CancelRedrive: %v", err)
	}
	done := waitTask(t, c, f.dlqARN)
	if done.Status != model.TaskCancelled {
		t.Errorf("after cancel: %+v", done)
	}
	if got := f.count(t, f.dlqURL) + f.count(t, f.sources[0]); got != 50 {
		t.Errorf("%d messages in DLQ and source after cancel, want 50", got)
	}
}

func TestRedriveRateOutOfRange(t *testing.T) {
	c := NewStatic("http://127.0.0.1:1", "us-east-1", testConfig())
	for _, rate := range []int{-1, 501} {
		if _, err := c.StartRedrive(context.Background(), "arn:aws:sqs:us-east-1:000000000000:dlq", rate); err == nil {
			t.Errorf("rate %d accepted", rate)
		}
	}
}

// TestNativeUnsupported feeds StartMessageMoveTask the answers real
// servers give and checks which ones mean "fall back to a client-side move".
func TestNativeUnsupported(t *testing.T) {
	html := func(status int) func(w http.ResponseWriter) {
		return func(w http.ResponseWriter) {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.WriteHeader(status)
			_, _ = w.Write([]byte("<!doctype html>\n<html lang=en>\n<title>500 Internal Server Error</title>\n"))
		}
	}
	awsErr := func(status int, typ, code string) func(w http.ResponseWriter) {
		return func(w http.ResponseWriter) { writeAWSError(w, status, typ, code, "x") }
	}
	// list is how the server answers ListMessageMoveTasks: nil, an empty
	// list (the API is there).
	tests := []struct {
		name         string
		answer, list func(w http.ResponseWriter)
		want         bool
	}{
		{"moto 5.2.1: HTML 500 for both", html(500), html(500), true},
		{"501 not implemented", html(501), html(501), true},
		{"404 no such route", html(404), nil, true},
		{"unknown operation", awsErr(400, "com.amazon.coral.service#UnknownOperationException", "UnknownOperationException"), nil, true},
		{"localsqs: invalid action", awsErr(400, "InvalidAction", "InvalidAction"), nil, true},
		{"unsupported operation, nothing running", awsErr(400, "com.amazonaws.sqs#UnsupportedOperation", "AWS.SimpleQueueService.UnsupportedOperation"), nil, true},
		{"HTML 500 while the listing works: a crash, not a missing API", html(500), nil, false},
		{"a gateway's 502", html(502), nil, false},
		{"a gateway's 502 for both", html(502), html(502), false},
		{"SQS internal error (JSON 500)", awsErr(500, "com.amazonaws.sqs#InternalError", "InternalError"), nil, false},
		{"throttled", awsErr(400, "com.amazonaws.sqs#RequestThrottled", "RequestThrottled"), nil, false},
		{"access denied", awsErr(400, "com.amazon.coral.service#AccessDeniedException", "AccessDenied"), nil, false},
		{"not a DLQ", awsErr(400, "com.amazonaws.sqs#InvalidParameterValueException", "InvalidParameterValue"), nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ep := serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if r.Header.Get("X-Amz-Target") == "AmazonSQS.ListMessageMoveTasks" {
					if tt.list != nil {
						tt.list(w)
						return
					}
					_, _ = w.Write([]byte(`{"Results":[]}`))
					return
				}
				tt.answer(w)
			}))
			cfg := testConfig()
			cfg.MaxAttempts = 2
			_, err := NewStatic(ep, "us-east-1", cfg).StartRedrive(context.Background(), "arn:aws:sqs:us-east-1:000000000000:dlq", 0)
			if err == nil {
				t.Fatal("no error")
			}
			if got := NativeUnsupported(err); got != tt.want {
				t.Errorf("NativeUnsupported(%v) = %v, want %v", err, got, tt.want)
			}
		})
	}
	if NativeUnsupported(nil) {
		t.Error("NativeUnsupported(nil)")
	}
}
