package queueform

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/sqscope/sqscope/awsclient"
	"github.com/sqscope/sqscope/ui/dialog"
	"github.com/sqscope/sqscope/ui/internal/uitest"
)

// C, a name, the defaults: the confirmation names both queues and the
// policy, and yes makes exactly one CreateQueue call with the spec shown.
func TestCreateWithDefaultsAndDLQ(t *testing.T) {
	h := newHarness(t, false)
	h.press("C")
	if h.top() != "form" {
		t.Fatalf("C opened %q", h.top())
	}
	contains(t, "the form", h.view(), "Create queue", "Visibility timeout", "30s", "Retention", "4d",
		"DLQ name", "DLQ retention", "14d", "Max receives", "5", "[standard]", "[create one]")
	h.typeText("orders-v2")
	contains(t, "the form", h.view(), "orders-v2-dlq")
	h.toButton()
	h.press("enter")
	if h.top() != "Create orders-v2 and its DLQ?" {
		t.Fatalf("submit opened %q:\n%s", h.top(), h.view())
	}
	contains(t, "the confirmation", h.flat(), "1. The DLQ orders-v2-dlq (standard), keeping messages 14d",
		"lets only orders-v2 use it", "2. The queue orders-v2 (standard): visibility timeout 30s, retention 4d",
		"received 5 times without being deleted moves to orders-v2-dlq", "n/esc/enter cancel")
	if calls := h.fake.OpCalls(); len(calls) != 0 {
		t.Fatalf("called before the answer: %+v", calls)
	}
	h.press("y")
	calls := h.fake.OpCalls()
	if len(calls) != 1 || calls[0].Op != "create" {
		t.Fatalf("calls %+v, want one create", calls)
	}
	want := awsclient.CreateSpec{Name: "orders-v2", Attributes: map[string]string{
		"VisibilityTimeout": "30", "MessageRetentionPeriod": "345600", "DelaySeconds": "0", "ReceiveMessageWaitTimeSeconds": "0"},
		DLQ: &awsclient.CreateDLQ{Name: "orders-v2-dlq", Retention: 14 * 24 * time.Hour}, MaxReceiveCount: 5}
	if !reflect.DeepEqual(calls[0].Spec, want) {
		t.Errorf("spec %+v (DLQ %+v), want %+v", calls[0].Spec, calls[0].Spec.DLQ, want)
	}
	if h.stack.Len() != 0 {
		t.Errorf("%q still open after success", h.top())
	}
	if n := h.lastNotice(); n != "Created orders-v2 and its DLQ orders-v2-dlq (after 5 receives)." {
		t.Errorf("notice %q", n)
	}
	if len(h.changed) != 1 || h.changed[0].Select != "https://sqs.test/000000000000/orders-v2" {
		t.Errorf("changed %+v: the list must refresh and select the new queue", h.changed)
	}
}

// FIFO adds .fifo to both names, asks about content-based dedup, and
// takes human units; no DLQ leaves the DLQ's fields out.
func TestCreateFIFOWithUnitsAndNoDLQ(t *testing.T) {
	h := newHarness(t, false)
	h.press("C")
	h.typeText("payments-v2")
	if strings.Contains(h.view(), "Content dedup") {
		t.Error("content-based dedup asked of a standard queue")
	}
	h.toField("Type")
	h.press("right")
	contains(t, "the FIFO form", h.view(), "[FIFO]", "will be payments-v2.fifo", "Content dedup", "payments-v2-dlq.fifo")
	h.toField("Visibility timeout")
	h.clear()
	h.typeText("2m")
	h.toField("Receive wait")
	h.clear()
	h.typeText("20s")
	h.toField("Content dedup")
	h.press("space")
	h.toField("Dead-letter queue")
	h.press("right")
	if strings.Contains(h.view(), "DLQ name") || strings.Contains(h.view(), "Max receives") {
		t.Errorf("the DLQ's fields are asked without a DLQ:\n%s", h.view())
	}
	h.toButton()
	h.press("enter")
	if h.top() != "Create queue payments-v2.fifo?" {
		t.Fatalf("submit opened %q", h.top())
	}
	contains(t, "the confirmation", h.flat(), "(FIFO, content-based deduplication): visibility timeout 2m", "receive wait 20s")
	h.press("y")
	calls := h.fake.OpCalls()
	want := awsclient.CreateSpec{Name: "payments-v2.fifo", FIFO: true, Attributes: map[string]string{
		"VisibilityTimeout": "120", "MessageRetentionPeriod": "345600", "DelaySeconds": "0",
		"ReceiveMessageWaitTimeSeconds": "20", "ContentBasedDeduplication": "true"}}
	if len(calls) != 1 || !reflect.DeepEqual(calls[0].Spec, want) {
		t.Errorf("calls %+v, want the spec %+v", calls, want)
	}
}

// Nothing is called while a value is wrong: enter on the button shows
// every error beside its field and moves to the first.
func TestCreateRefusesInvalidValuesBeforeAnyCall(t *testing.T) {
	h := newHarness(t, false)
	h.press("C")
	h.typeText("bad name")
	h.toField("Retention")
	h.clear()
	h.typeText("15d")
	h.toButton()
	h.press("enter")
	form := h.stack.Top().(*dialog.Form)
	if h.top() != "form" || form.Focused() == nil || form.Focused().Label != "Name" {
		t.Fatalf("submit with errors: top %q, cursor on %+v", h.top(), form.Focused())
	}
	contains(t, "the form", h.view(), `✗ ' ' is not allowed`, "✗ must be 1m–14d")
	if calls := h.fake.OpCalls(); len(calls) != 0 {
		t.Errorf("called with invalid values: %+v", calls)
	}
}

// A failed create keeps the form and every value, says which step failed
// and what exists now; the DLQ it made is then a name taken, and the
// queue can be created without it.
func TestCreateFailureKeepsTheFormAndSaysWhatWasCreated(t *testing.T) {
	h := newHarness(t, false)
	h.fake.Ops.CreateErr = errors.New("AccessDenied: not authorized to perform sqs:CreateQueue")
	h.fake.Ops.Created = awsclient.CreateReport{Created: []string{"https://sqs.test/000000000000/orders-v2-dlq"}, Step: "create queue"}
	h.press("C")
	h.typeText("orders-v2")
	h.toField("Visibility timeout")
	h.clear()
	h.typeText("45s")
	h.toButton()
	h.press("enter", "y")
	form, ok := h.stack.Top().(*dialog.Form)
	if !ok {
		t.Fatalf("the form closed on failure; top %q", h.top())
	}
	want := `✗ Creating orders-v2 failed at the step "create queue": AccessDenied: not authorized to perform sqs:CreateQueue. ` +
		"Created before it: orders-v2-dlq, which stays; delete it with X, or create the queue without a DLQ and pick orders-v2-dlq with E."
	if form.Banner() != want || h.lastNotice() != want {
		t.Errorf("banner %q\nnotice %q\nwant   %q", form.Banner(), h.lastNotice(), want)
	}
	contains(t, "the form after failure", h.flat(), "orders-v2", "45s", "which stays", "review and create")
	if len(h.changed) != 1 {
		t.Errorf("changed %+v: the list must show the DLQ that was created", h.changed)
	}

	// The refresh lists the DLQ now: its name is taken.
	h.cat.Update(append(dataset(), uitest.Queue("orders-v2-dlq", 0, 0, 0, "")), time.Now())
	h.fake.Ops.CreateErr = nil
	h.press("enter")
	if h.top() != "form" || !strings.Contains(h.flat(), "DLQ name orders-v2-dlq ✗ a queue of this name exists") {
		t.Fatalf("second submit: %q\n%s", h.top(), h.view())
	}
	h.toField("Dead-letter queue")
	h.press("right")
	h.toButton()
	h.press("enter", "y")
	calls := h.fake.OpCalls()
	if len(calls) != 2 || calls[1].Spec.Attributes["VisibilityTimeout"] != "45" || calls[1].Spec.DLQ != nil {
		t.Errorf("second call %+v", calls)
	}
	if h.stack.Len() != 0 {
		t.Error("the form stayed after success")
	}
}

// No at the confirmation goes back to the form, values kept.
func TestCreateNoKeepsTheForm(t *testing.T) {
	h := newHarness(t, false)
	h.press("C")
	h.typeText("orders-v2")
	h.toButton()
	h.press("enter", "enter")
	if h.top() != "form" || len(h.fake.OpCalls()) != 0 {
		t.Fatalf("enter (No) at the confirmation: top %q, calls %+v", h.top(), h.fake.OpCalls())
	}
	contains(t, "the form", h.view(), "orders-v2")
	h.press("esc")
	if h.stack.Len() != 0 || h.f.create != nil {
		t.Error("esc did not close the form")
	}
}

// Every value the form takes is checked the way SQS would, beside its
// field.
func TestCreateValidation(t *testing.T) {
	for _, tt := range []struct {
		field, value string
		fifo         bool
		err          string
	}{
		{"Name", "orders-v2", false, ""},
		{"Name", "", false, "needs a name"},
		{"Name", "orders", false, "a queue of this name exists"},
		{"Name", "a.fifo", false, "only a FIFO queue's name ends in .fifo"},
		{"Name", "a.fifo", true, ""},
		{"Name", "payments", true, "a queue of this name exists"}, // payments.fifo
		{"Name", "payments-dlq", true, "a queue of this name exists"},
		{"Name", strings.Repeat("x", 80), false, ""},
		{"Name", strings.Repeat("x", 76), true, "81 characters; at most 80"},
		{"Name", "ünïcode", false, `'ü' is not allowed (letters, digits, - and _)`},
		{"Visibility timeout", "12h", false, ""},
		{"Visibility timeout", "43201", false, "must be 0s–12h"},
		{"Retention", "59s", false, "must be 1m–14d"},
		{"Delivery delay", "16m", false, "must be 0s–15m"},
		{"Receive wait", "abc", false, `"abc" is not a number`},
		{"DLQ retention", "14d", false, ""},
		{"DLQ retention", "", false, "needs a value, 1m–14d"},
		{"Max receives", "1000", false, ""},
		{"Max receives", "1001", false, "must be 1–1000"},
		{"DLQ name", "shared-dlq", false, "a queue of this name exists"},
		{"DLQ name", "new-q", false, "the queue's own name"},
	} {
		h := newHarness(t, false)
		h.press("C")
		h.typeText("new-q")
		c := h.f.create
		c.kind.Choice = map[bool]int{false: 0, true: 1}[tt.fifo]
		fields := map[string]*dialog.Field{"Name": c.name, "Visibility timeout": c.vis, "Retention": c.ret,
			"Delivery delay": c.delay, "Receive wait": c.wait, "DLQ retention": c.dlqRet, "Max receives": c.maxRecv, "DLQ name": c.dlq}
		fields[tt.field].SetValue(tt.value)
		c.check(h.f)
		if got := fields[tt.field].Err; got != tt.err {
			t.Errorf("%s %q (FIFO %v): error %q, want %q", tt.field, tt.value, tt.fifo, got, tt.err)
		}
	}
}
