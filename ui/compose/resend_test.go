package compose

import (
	"errors"

	tea "charm.land/bubbletea/v2"

	"reflect"
	"strings"
	"testing"

	"github.com/sqscope/sqscope/model"
	"github.com/sqscope/sqscope/ui/dialog"
	"github.com/sqscope/sqscope/ui/internal/uitest"
)

// E on a DLQ's message: its record in the editor, the picker on the queue
// it failed in, the copy sent there with every attribute, then — asked,
// while the peek still holds it — the original deleted, and the root told.
func TestResendToTheSourceAndDeleteTheOriginal(t *testing.T) {
	r := newRig(t, false)
	m := uitest.DLQMessages(t)[0]
	r.held[m.ID] = true
	r.keyOn("E", peekTarget("orders-dlq", m))
	mustContain(t, "the editor", r.editor().Value(), `"orderId\":\"ORD-1001\"`, `"checksum"`, `"BinaryValue": "ABtbMkr/m3g="`)
	r.press("ctrl+s")
	if _, ok := r.stack.Top().(*dialog.Picker); !ok {
		t.Fatalf("no picker: %T", r.stack.Top())
	}
	r.press("enter") // the cursor is on orders, where the message failed
	if got := r.confirm(); !strings.HasSuffix(got, "to orders?") {
		t.Fatalf("asked %q", got)
	}
	r.press("y")
	s := r.sends()
	want := model.Outgoing{Body: m.Body, Attributes: m.Attributes}
	if len(s) != 1 || s[0].Queue != q("orders").URL || !reflect.DeepEqual(s[0].Outgoing, []model.Outgoing{want}) {
		t.Fatalf("sent %+v, want %+v to orders", s, want)
	}
	if got := r.confirm(); got != "Delete the original from orders-dlq?" {
		t.Fatalf("asked %q", got)
	}
	r.press("y")
	var del []uitest.OpCall
	for _, c := range r.f.OpCalls() {
		if c.Op == "delete" {
			del = append(del, c)
		}
	}
	if len(del) != 1 || del[0].Queue != q("orders-dlq").URL || len(del[0].Messages) != 1 || del[0].Messages[0].ID != m.ID {
		t.Fatalf("deletes %+v", del)
	}
	if !slicesContain(r.up, OriginalDeletedMsg{QueueURL: q("orders-dlq").URL, ID: m.ID}) {
		t.Errorf("the root was not told: %+v", r.up)
	}
	mustContain(t, "notice", r.last(), "the original was deleted from orders-dlq")
}

func slicesContain[T comparable](xs []tea.Msg, x T) bool {
	for _, v := range xs {
		if v, ok := v.(T); ok && v == x {
			return true
		}
	}
	return false
}

// The question defaults to No; and when the peek no longer holds the
// original, nothing is asked: it stays, and the notice says why.
func TestTheOriginalStays(t *testing.T) {
	m := uitest.DLQMessages(t)[1]
	t.Run("no", func(t *testing.T) {
		r := newRig(t, false)
		r.held[m.ID] = true
		r.keyOn("E", peekTarget("orders-dlq", m))
		r.press("ctrl+s", "enter", "y", "enter")
		if n := len(r.f.OpCalls()); n != 1 {
			t.Errorf("%d calls, want the send alone", n)
		}
		mustContain(t, "notice", r.last(), "the original stays in orders-dlq")
	})
	t.Run("hold ran out", func(t *testing.T) {
		r := newRig(t, false)
		r.keyOn("E", peekTarget("orders-dlq", m))
		r.press("ctrl+s", "enter", "y")
		if r.stack.Len() != 0 {
			t.Errorf("asked %q", r.confirm())
		}
		mustContain(t, "notice", r.last(), "sent to orders-dlq; the original stays in orders-dlq",
			"the peek no longer holds it", "the copy's id is sent-0")
	})
	t.Run("hold ran out while asking", func(t *testing.T) {
		r := newRig(t, false)
		r.held[m.ID] = true
		r.keyOn("E", peekTarget("orders-dlq", m))
		r.press("ctrl+s", "enter", "y")
		r.held[m.ID] = false
		r.press("y")
		if n := len(r.f.OpCalls()); n != 1 {
			t.Errorf("%d calls, want the send alone", n)
		}
		mustContain(t, "notice", r.last(), "not deleted", "the peek no longer holds it")
	})
	t.Run("delete refused", func(t *testing.T) {
		r := newRig(t, false)
		r.held[m.ID] = true
		r.f.Ops.DelFail = map[string]error{m.ID: errors.New("ReceiptHandleIsInvalid")}
		r.keyOn("E", peekTarget("orders-dlq", m))
		r.press("ctrl+s", "enter", "y", "y")
		mustContain(t, "notice", r.last(), "✗ the original was not deleted from orders-dlq: ReceiptHandleIsInvalid")
		if slicesContain(r.up, OriginalDeletedMsg{QueueURL: q("orders-dlq").URL, ID: m.ID}) {
			t.Error("the root was told of a delete that failed")
		}
	})
}

// A resend is checked against the queue picked: a FIFO copy to a
// standard queue is refused there, and the editor opens again on it.
func TestResendIsCheckedForTheQueuePicked(t *testing.T) {
	r := newRig(t, false)
	m := uitest.FIFOMessages(t)[0]
	r.keyOn("E", peekTarget("payments.fifo", m))
	mustContain(t, "FIFO draft", r.editor().Value(), `"MessageGroupId": "customer-42"`, `"MessageDeduplicationId": "resend-`+m.ID)
	r.press("ctrl+s")
	// Narrow to orders-dlq, a standard queue.
	for _, c := range "orders-dlq" {
		r.press(string(c))
	}
	r.press("enter")
	e := r.editor()
	mustContain(t, "the reason", e.Err(), "MessageDeduplicationId: only a FIFO queue takes one")
	if len(r.f.OpCalls()) != 0 {
		t.Error("sent anyway")
	}
}
