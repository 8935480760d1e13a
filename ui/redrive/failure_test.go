package redrive

import (
	"errors"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/sqscope/sqscope/awsclient"
	"github.com/sqscope/sqscope/model"
	"github.com/sqscope/sqscope/ui/internal/uitest"
)

// A move that ends without moving anything says so where it stays: a
// refused start and a search that found no task keep their reason on the
// status line until c clears it or another move begins.
func TestAFailedStartStaysOnTheStatusLine(t *testing.T) {
	p, f := newPane(t, false)
	f.Mover.StartErr = errors.New("AccessDenied: not authorized to perform sqs:StartMessageMoveTask")
	startNative(t, p)
	s := ansi.Strip(p.Status())
	if !strings.Contains(s, "did not start") || !strings.Contains(s, "AccessDenied") || !strings.Contains(s, "c clears") {
		t.Fatalf("status after a refused start: %q", s)
	}
	// Another move begins: the old failure is history.
	f.Mover.StartErr = nil
	f.Mover.StartTask = model.MoveTask{Handle: "h2", Status: model.TaskRunning, SourceARN: uitest.ARN("orders-dlq"), ToMove: 19}
	startNative(t, p)
	if s := ansi.Strip(p.Status()); strings.Contains(s, "AccessDenied") {
		t.Errorf("the old failure outlived a new move: %q", s)
	}

	p, f = newPane(t, false)
	f.Mover.StartErr = &awsclient.StartUnknownError{Err: errors.New("502 Bad Gateway")}
	startNative(t, p)
	mv := p.moves.cur
	p.Update(tasksMsg{id: mv.id, seq: mv.pollSeq})
	if s := ansi.Strip(p.Status()); !strings.Contains(s, "no move task found") || !strings.Contains(s, "c clears") {
		t.Errorf("status after a search that found nothing: %q", s)
	}
	send(p, "c", "orders-dlq")
	if s := p.Status(); s != "" {
		t.Errorf("c did not clear the failure: %q", s)
	}
}

// In read-only mode c is disabled, yet it still clears a failure shown
// (of a task started elsewhere): clearing the screen changes nothing.
func TestReadOnlyCClearsAFailureShown(t *testing.T) {
	p, _ := newPane(t, true)
	p.failure = "redrive of orders-dlq failed: 1 of 9 moved"
	send(p, "c", "orders-dlq")
	if s := p.Status(); s != "" {
		t.Errorf("c in read-only mode left the failure: %q", s)
	}
	if n := notices(p.Take()); len(n) != 0 {
		t.Errorf("clearing said %v", n)
	}
	send(p, "c", "orders-dlq")
	if n := notices(p.Take()); len(n) == 0 || !strings.Contains(n[0], "read-only") {
		t.Errorf("c with nothing to clear in read-only mode said %v", n)
	}
}

// Once the endpoint said it has no native move API, opening a DLQ does not
// ask it again for tasks it cannot have.
func TestNoProbeWhereNoNativeAPI(t *testing.T) {
	p, _ := newPane(t, false)
	dlq := queue("orders-dlq")
	if p.Attach(dlq) == nil {
		t.Fatal("opening a DLQ did not look for a running task")
	}
	p.noNative = true
	if p.Attach(dlq) != nil {
		t.Error("opening a DLQ probed for tasks on an endpoint without the API")
	}
}

// Before a task's first figures the status line says what happens, never
// "0/0".
func TestNoFiguresBeforeTheTaskHasSome(t *testing.T) {
	p, f := newPane(t, false)
	f.Mover.StartErr = &awsclient.StartUnknownError{Err: errors.New("502 Bad Gateway")}
	startNative(t, p)
	s := ansi.Strip(p.Status())
	if strings.Contains(s, "0/0") || !strings.Contains(s, "looking for the task") {
		t.Errorf("status while searching: %q", s)
	}
	p.moves.cur.searching = false
	if s := ansi.Strip(p.Status()); strings.Contains(s, "0/0") || !strings.Contains(s, "starting") {
		t.Errorf("status while starting: %q", s)
	}
}

// c after a move ended says so, rather than that none ever ran.
func TestCAfterAMoveEndedSaysItEnded(t *testing.T) {
	p, _ := newPane(t, false)
	send(p, "c", "orders-dlq")
	if n := notices(p.Take()); len(n) != 1 || n[0] != "no move is running" {
		t.Errorf("c with no move: %v", n)
	}
	p.moves.begin(plan{dlq: queue("orders-dlq")}).running = false
	send(p, "c", "orders-dlq")
	if n := notices(p.Take()); len(n) != 1 || n[0] != "the move of orders-dlq has ended: nothing to stop" {
		t.Errorf("c after the move ended: %v", n)
	}
}
