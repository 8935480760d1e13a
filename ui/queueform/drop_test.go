package queueform

import (
	"errors"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
)

// X asks for the queue's name typed out, naming what it holds; only the
// exact name deletes it.
func TestDropTakesTheNameTyped(t *testing.T) {
	h := newHarness(t, false).on("billing")
	h.press("X")
	if h.top() != "Delete queue billing?" {
		t.Fatalf("X opened %q", h.top())
	}
	contains(t, "the question", h.flat(), "Its 48 messages (45 visible, 3 in flight, 0 delayed) are deleted with it.",
		"This cannot be undone", "Type billing to confirm:")
	h.press("y", "enter")
	h.typeText("illing")
	h.press("enter")
	if len(h.fake.OpCalls()) != 0 || h.top() == "" {
		t.Fatalf("deleted on a wrong name: calls %+v", h.fake.OpCalls())
	}
	h.press("ctrl+u")
	h.typeText("billing")
	h.press("enter")
	calls := h.fake.OpCalls()
	if len(calls) != 1 || calls[0].Op != "delete-queue" || calls[0].Queue != h.sel.URL {
		t.Fatalf("calls %+v", calls)
	}
	if h.lastNotice() != "Deleted queue billing." || len(h.changed) != 1 || h.stack.Len() != 0 {
		t.Errorf("notice %q, changed %+v, open %q", h.lastNotice(), h.changed, h.top())
	}
}

// A DLQ that live queues name is refused first, naming them; only going
// on past the refusal reaches the typed confirmation, which names them
// again.
func TestDropRefusesALiveDLQFirst(t *testing.T) {
	h := newHarness(t, false).on("shared-dlq")
	h.press("X")
	if h.top() != "Not deleted: shared-dlq is the DLQ of 2 queues" {
		t.Fatalf("X on a DLQ opened %q", h.top())
	}
	contains(t, "the refusal", h.flat(), "billing and shipping name it as their dead-letter queue",
		"y delete anyway…", "n/esc/enter cancel")
	h.press("enter")
	if h.stack.Len() != 0 || len(h.fake.OpCalls()) != 0 {
		t.Fatalf("enter at the refusal: open %q, calls %+v", h.top(), h.fake.OpCalls())
	}
	h.press("X", "y")
	if h.top() != "Delete queue shared-dlq?" {
		t.Fatalf("y at the refusal opened %q", h.top())
	}
	contains(t, "the typed confirmation", h.flat(), "It holds no messages.",
		"It is the DLQ of billing and shipping: their failing messages will stay in them.")
	h.typeText("shared-dlq")
	h.press("enter")
	if calls := h.fake.OpCalls(); len(calls) != 1 || calls[0].Op != "delete-queue" {
		t.Errorf("calls %+v", calls)
	}
}

func TestDropFailureIsOneSentence(t *testing.T) {
	h := newHarness(t, false).on("billing")
	h.fake.Ops.DropErr = errors.New("AccessDenied: not authorized to perform sqs:DeleteQueue")
	h.press("X")
	h.typeText("billing")
	h.press("enter")
	if want := "✗ Deleting queue billing failed: AccessDenied: not authorized to perform sqs:DeleteQueue."; h.lastNotice() != want {
		t.Errorf("notice %q", h.lastNotice())
	}
	if len(h.changed) != 0 {
		t.Error("a failed delete refreshed")
	}
}

// In read-only mode C, E and X open nothing and call nothing; they say
// why instead.
func TestReadOnlyOpensNothing(t *testing.T) {
	h := newHarness(t, true).on("billing")
	for _, k := range []string{"C", "E", "X"} {
		h.press(k)
		if h.stack.Len() != 0 {
			t.Errorf("%s opened %q in read-only mode", k, h.top())
		}
		if !strings.Contains(h.lastNotice(), "read-only") {
			t.Errorf("%s says %q", k, h.lastNotice())
		}
	}
	if len(h.fake.OpCalls()) != 0 {
		t.Errorf("calls in read-only mode: %+v", h.fake.OpCalls())
	}
	// Without read-only, lower-case letters are not these keys.
	h = newHarness(t, false).on("billing")
	for _, k := range []string{"c", "e", "x"} {
		if h.f.Handles(tea.KeyPressMsg{Code: rune(k[0]), Text: k}) {
			t.Errorf("%s is taken", k)
		}
	}
}

// SQS is asked which queues use the DLQ: a source the list never read
// (another page, another account) is named in the refusal too.
func TestDropAsksSQSForSourcesTheListLacks(t *testing.T) {
	h := newHarness(t, false).on("billing")
	h.fake.Ops.MoreSources = map[string][]string{h.sel.URL: {"https://sqs.us-east-1.amazonaws.com/222222222222/legacy-worker"}}
	h.press("X")
	if h.top() != "Not deleted: billing is the DLQ of 1 queue" {
		t.Fatalf("X on a queue SQS names as a DLQ opened %q", h.top())
	}
	contains(t, "the refusal", h.flat(), "legacy-worker names it as its dead-letter queue")
}

// When SQS cannot be asked, the listed sources stand in and the status
// line says only those were checked.
func TestDropSaysWhenSQSCouldNotBeAsked(t *testing.T) {
	h := newHarness(t, false).on("billing")
	h.fake.Ops.SourcesErr = errors.New("AccessDenied: not authorized to perform sqs:ListDeadLetterSourceQueues")
	h.press("X")
	if h.top() != "Delete queue billing?" {
		t.Fatalf("X opened %q", h.top())
	}
	if n := h.lastNotice(); !strings.Contains(n, "could not ask SQS which queues use billing") || !strings.Contains(n, "only the listed queues were checked") {
		t.Errorf("notice %q", n)
	}
}
