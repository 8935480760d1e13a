package awsclient

import (
	"context"
	"testing"
)

// A client-side move, a native move task's start and its cancel each
// append one "move" line, with the counts of their reports.
func TestMovesAreAudited(t *testing.T) {
	b, _ := localsqsBackend(t)
	ep := serve(t, b.handler)

	t.Run("client-side", func(t *testing.T) {
		f := newDLQFixture(t, ep, false, 2, 15)
		log := &memAudit{}
		rep, err := opsClient(ep, log).Move(context.Background(), MoveRequest{SourceURL: f.dlqURL}, nil)
		if err != nil || rep.Moved != 30 {
			t.Fatalf("Move: %+v, %v", rep, err)
		}
		e := log.only(t, "move")
		if e.Queue != f.dlqURL || e.Count != 30 || len(e.MessageIDs) != 30 || e.Outcome != "ok" ||
			e.Details["kind"] != "client-side" || e.Details["destination"] != "each message's source queue" {
			t.Errorf("audit line %+v", e)
		}
	})

	t.Run("native start and cancel", func(t *testing.T) {
		f := newDLQFixture(t, ep, false, 1, 20)
		log := &memAudit{}
		c := opsClient(ep, log)
		task, err := c.StartRedrive(context.Background(), f.dlqARN, 1) // 1 a second: still running when cancelled
		if err != nil {
			t.Fatalf("StartRedrive: %v", err)
		}
		if err := c.CancelRedrive(context.Background(), task.Handle); err != nil {
			t.Fatalf("CancelRedrive: %v", err)
		}
		es := log.all()
		if len(es) != 2 {
			t.Fatalf("audit lines %+v, want the start and the cancel", es)
		}
		start, cancel := es[0], es[1]
		if start.Op != "move" || start.Queue != f.dlqARN || start.Count != 20 || start.Outcome != "ok" || start.Details["taskHandle"] != task.Handle {
			t.Errorf("start line %+v", start)
		}
		if cancel.Op != "move" || cancel.Details["cancel"] != "true" || cancel.Queue != f.dlqARN || cancel.Outcome != "ok" {
			t.Errorf("cancel line %+v", cancel)
		}
	})
}
