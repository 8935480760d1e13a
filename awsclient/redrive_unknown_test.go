package awsclient

import (
	"context"
	"errors"
	"net/http"
	"testing"

	"github.com/sqscope/sqscope/model"
)

// Issue 15, defect 9: a StartMessageMoveTask that started the task but
// whose answer never came back whole. Retrying blindly starts a second
// task on the emptied DLQ (0 of 0 moved); taking a gateway's 502 for a
// missing API falls back to a client-side move that races the task.

func TestRedriveStartWithoutItsAnswer(t *testing.T) {
	for _, f := range []fault{faultDropAfter, fault502After, fault500After} {
		t.Run(string(f), func(t *testing.T) {
			t.Parallel()
			b, _ := localsqsBackend(t)
			fx := newDLQFixture(t, serve(t, b.handler), false, 1, 200)
			h := newFaultHarness(b.handler, onCalls("StartMessageMoveTask", f, 0))
			c := NewStatic(serve(t, h), "us-east-1", testConfig())
			task, err := c.StartRedrive(context.Background(), fx.dlqARN, 0)
			if err != nil {
				t.Fatalf("StartRedrive after %s: %v (NativeUnsupported %v); the task had started", f, err, NativeUnsupported(err))
			}
			tasks, lerr := c.MoveTasks(context.Background(), fx.dlqARN)
			if lerr != nil || len(tasks) != 1 {
				t.Fatalf("%d tasks (%v); want the one that started: %+v", len(tasks), lerr, tasks)
			}
			if !task.StartedAt.Equal(tasks[0].StartedAt) || task.SourceARN != fx.dlqARN {
				t.Errorf("StartRedrive returned %+v; the task is %+v", task, tasks[0])
			}
			if done := waitTask(t, c, fx.dlqARN); done.Status != model.TaskCompleted || done.Moved != 200 {
				t.Errorf("task = %+v; want COMPLETED with 200 moved", done)
			}
			if n := h.calls("StartMessageMoveTask"); n != 1 {
				t.Errorf("%d StartMessageMoveTask calls; one had already started the task", n)
			}
			fx.checkRedriven(t)
		})
	}
}

// TestRedriveStartUnknownIsNotAMissingAPI: the start and the listing both
// answer with a gateway's 502 page. The task may be running: the error
// must say so, and must not send the UI to a client-side move.
func TestRedriveStartUnknownIsNotAMissingAPI(t *testing.T) {
	ep := serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(http.StatusBadGateway)
		_, _ = w.Write([]byte("<html><body><h1>502 Bad Gateway</h1></body></html>"))
	}))
	cfg := testConfig()
	cfg.MaxAttempts = 1
	_, err := NewStatic(ep, "us-east-1", cfg).StartRedrive(context.Background(), "arn:aws:sqs:us-east-1:000000000000:dlq", 0)
	var unknown *StartUnknownError
	if !errors.As(err, &unknown) || unknown.Checked || NativeUnsupported(err) {
		t.Fatalf("StartRedrive behind a failing gateway: %v (NativeUnsupported %v); want an unchecked StartUnknownError", err, NativeUnsupported(err))
	}
}

// TestRedriveStartThatStartedNothing: SQS answers 500 to every start while
// the listing works and shows no task: the redrive did not start, and the
// error says that for certain.
func TestRedriveStartThatStartedNothing(t *testing.T) {
	b, _ := localsqsBackend(t)
	fx := newDLQFixture(t, serve(t, b.handler), false, 1, 5)
	h := newFaultHarness(b.handler, func(op string, _ int) fault {
		if op == "StartMessageMoveTask" {
			return fault500
		}
		return faultNone
	})
	_, err := NewStatic(serve(t, h), "us-east-1", testConfig()).StartRedrive(context.Background(), fx.dlqARN, 0)
	var unknown *StartUnknownError
	if !errors.As(err, &unknown) || !unknown.Checked || NativeUnsupported(err) {
		t.Fatalf("StartRedrive: %v; want a checked StartUnknownError", err)
	}
	if n := h.calls("StartMessageMoveTask"); n != startAttempts {
		t.Errorf("%d starts; want %d, each after a look at the task list", n, startAttempts)
	}
}
