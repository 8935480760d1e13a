package awsclient

import (
	"context"
	"errors"
	"testing"

	"github.com/sqscope/sqscope/model"
)

// In read-only mode no Operator call, and no move, sends a request at
// all: not the change, and not the reads some of them make first (the
// depth before a purge, the names before a create). Nothing is audited:
// nothing was tried.
func TestReadOnlySendsNothingForAnyChange(t *testing.T) {
	h := &countingHandler{}
	log := &memAudit{}
	cfg := testConfig()
	cfg.ReadOnly, cfg.Audit = true, log
	c := NewStatic(serve(t, h), "us-east-1", cfg)
	ctx := context.Background()
	u := "http://x/000000000000/q"
	held := []model.Message{{ID: "m", ReceiptHandle: "r", Body: "b"}}
	calls := map[string]func() error{
		"Send": func() error {
			_, err := c.Send(ctx, u, []model.Outgoing{{Body: "b"}})
			return err
		},
		"DeleteMessages": func() error { _, err := c.DeleteMessages(ctx, u, held); return err },
		"Purge":          func() error { return c.Purge(ctx, u) },
		"CreateQueue": func() error {
			_, err := c.CreateQueue(ctx, CreateSpec{Name: "q", DLQ: &CreateDLQ{}, MaxReceiveCount: 3})
			return err
		},
		"SetAttributes": func() error { return c.SetAttributes(ctx, u, nil, map[string]string{"DelaySeconds": "1"}) },
		"DeleteQueue":   func() error { return c.DeleteQueue(ctx, u) },
		"Move": func() error {
			_, err := c.Move(ctx, MoveRequest{SourceURL: u}, nil)
			return err
		},
		"StartRedrive": func() error {
			_, err := c.StartRedrive(ctx, "arn:aws:sqs:us-east-1:000000000000:q", 0)
			return err
		},
		"CancelRedrive": func() error { return c.CancelRedrive(ctx, "handle") },
	}
	for name, call := range calls {
		if err := call(); !errors.Is(err, ErrReadOnly) {
			t.Errorf("%s in read-only mode: err = %v, want ErrReadOnly", name, err)
		}
	}
	if n := h.n.Load(); n != 0 {
		t.Errorf("%d requests reached the server in read-only mode", n)
	}
	if es := log.all(); len(es) != 0 {
		t.Errorf("audit lines written in read-only mode: %+v", es)
	}
	// The same calls on a writable client do reach it: the count above
	// could not be 0 by accident.
	cfg.ReadOnly = false
	c = NewStatic(serve(t, h), "us-east-1", cfg)
	for _, call := range calls {
		_ = call()
	}
	if h.n.Load() == 0 {
		t.Error("a writable client sent nothing either: the counting proves nothing")
	}
}
