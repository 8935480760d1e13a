package queueform

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/sqscope/sqscope/ui/dialog"
	"github.com/sqscope/sqscope/ui/internal/uitest"
)

// E shows the queue's values; the confirmation lists only what changed,
// old → new, and SetAttributes gets exactly those, with the old values.
func TestEditShowsADiffAndSendsOnlyTheChanges(t *testing.T) {
	h := newHarness(t, false).on("orders")
	h.press("E")
	contains(t, "the edit form", h.view(), "Edit attributes of orders", "30s", "4d", "256 KiB", "orders-dlq", "[allowAll]")
	h.toField("Visibility timeout")
	h.clear()
	h.typeText("5m")
	h.toField("Max receives")
	h.clear()
	h.typeText("3")
	h.toButton()
	h.press("enter")
	if h.top() != "Change 2 attributes of orders?" {
		t.Fatalf("submit opened %q:\n%s", h.top(), h.view())
	}
	contains(t, "the diff", h.flat(), "Visibility timeout: 30s → 5m",
		"Redrive policy: orders-dlq after 5 receives → orders-dlq after 3 receives")
	if strings.Contains(h.view(), "retention") {
		t.Error("the diff lists an attribute that did not change")
	}
	h.press("y")
	calls := h.fake.OpCalls()
	if len(calls) != 1 || calls[0].Op != "set" || calls[0].Queue != h.sel.URL {
		t.Fatalf("calls %+v", calls)
	}
	dlq := uitest.ARN("orders-dlq")
	wantAttrs := map[string]string{"VisibilityTimeout": "300",
		"RedrivePolicy": `{"deadLetterTargetArn":"` + dlq + `","maxReceiveCount":3}`}
	wantBefore := map[string]string{"VisibilityTimeout": "30",
		"RedrivePolicy": `{"deadLetterTargetArn":"` + dlq + `","maxReceiveCount":5}`}
	if !reflect.DeepEqual(calls[0].Attrs, wantAttrs) || !reflect.DeepEqual(calls[0].Before, wantBefore) {
		t.Errorf("attrs %v\nbefore %v", calls[0].Attrs, calls[0].Before)
	}
	if h.stack.Len() != 0 {
		t.Errorf("%q open after success", h.top())
	}
	if n := h.lastNotice(); n != "Changed orders: visibility timeout 30s → 5m, redrive policy orders-dlq after 5 receives → orders-dlq after 3 receives." {
		t.Errorf("notice %q", n)
	}
	if len(h.changed) != 1 || h.changed[0].Select != h.sel.URL {
		t.Errorf("changed %+v", h.changed)
	}
}

// The DLQ is picked from the queues the app knows of the same type (or
// none, which removes the policy).
func TestEditPicksOrRemovesTheDLQ(t *testing.T) {
	h := newHarness(t, false).on("billing")
	h.press("E")
	h.toField("Dead-letter queue")
	h.press("enter")
	if h.top() != "picker" {
		t.Fatalf("enter on the DLQ opened %q", h.top())
	}
	v := h.view()
	contains(t, "the picker", v, "none", ">shared-dlq", "orders-dlq")
	if strings.Contains(v, "payments") || strings.Contains(v, "│  billing ") {
		t.Errorf("the picker offers a FIFO queue or the queue itself:\n%s", v)
	}
	h.typeText("orders-dlq")
	h.press("enter")
	if h.top() != "form" || !strings.Contains(h.view(), "orders-dlq") {
		t.Fatalf("after the pick: %q\n%s", h.top(), h.view())
	}
	h.toButton()
	h.press("enter", "y")
	if a := h.fake.OpCalls()[0].Attrs["RedrivePolicy"]; a != `{"deadLetterTargetArn":"`+uitest.ARN("orders-dlq")+`","maxReceiveCount":5}` {
		t.Errorf("RedrivePolicy %q", a)
	}

	h = newHarness(t, false).on("billing")
	h.press("E")
	h.toField("Dead-letter queue")
	h.press("enter")
	h.typeText("none")
	h.press("enter")
	if strings.Contains(h.view(), "Max receives") {
		t.Errorf("max receives asked without a DLQ:\n%s", h.view())
	}
	h.toButton()
	h.press("enter")
	contains(t, "the diff", h.flat(), "Redrive policy: shared-dlq after 5 receives → none (removed)")
	h.press("y")
	if c := h.fake.OpCalls()[0]; c.Attrs["RedrivePolicy"] != "" || len(c.Attrs) != 1 || c.Before["RedrivePolicy"] == "" {
		t.Errorf("removing: attrs %v before %v", c.Attrs, c.Before)
	}
}

// byQueue names the queues that use the DLQ now.
func TestEditRedriveAllowPolicy(t *testing.T) {
	h := newHarness(t, false).on("shared-dlq")
	h.press("E")
	h.toField("Redrive allow")
	h.press("right", "right")
	contains(t, "the form", h.view(), "[byQueue]", "byQueue: billing, shipping")
	h.toButton()
	h.press("enter")
	contains(t, "the diff", h.flat(), "Redrive allow policy: allowAll → byQueue: billing, shipping")
	h.press("y")
	want := `{"redrivePermission":"byQueue","sourceQueueArns":["` + uitest.ARN("billing") + `","` + uitest.ARN("shipping") + `"]}`
	if c := h.fake.OpCalls()[0]; c.Attrs["RedriveAllowPolicy"] != want || c.Before["RedriveAllowPolicy"] != "" {
		t.Errorf("attrs %v before %v", c.Attrs, c.Before)
	}

	h = newHarness(t, false).on("billing") // no queue names billing as its DLQ
	h.press("E")
	h.toField("Redrive allow")
	h.press("left")
	h.toButton()
	h.press("enter")
	if h.top() != "form" || !strings.Contains(h.flat(), "✗ no queue uses it as its DLQ") {
		t.Errorf("byQueue with no source: %q\n%s", h.top(), h.view())
	}
}

// Nothing changed: no confirmation, no call; the form says so.
func TestEditWithoutChangesCallsNothing(t *testing.T) {
	h := newHarness(t, false).on("orders")
	h.press("E")
	h.toField("Retention")
	h.clear()
	h.typeText("96h") // the same 4 days, written otherwise
	h.toButton()
	h.press("enter")
	if h.top() != "form" || !strings.Contains(h.flat(), "Nothing changed") || len(h.fake.OpCalls()) != 0 {
		t.Errorf("top %q, calls %+v\n%s", h.top(), h.fake.OpCalls(), h.view())
	}
}

// A failed SetAttributes keeps the form and the values typed.
func TestEditFailureKeepsTheValues(t *testing.T) {
	h := newHarness(t, false).on("orders")
	h.fake.Ops.SetErr = errors.New("InvalidAttributeValue: bad")
	h.press("E")
	h.toField("Delivery delay")
	h.clear()
	h.typeText("10s")
	h.toButton()
	h.press("enter", "y")
	form, ok := h.stack.Top().(*dialog.Form)
	if !ok {
		t.Fatalf("top %q after a failure", h.top())
	}
	if want := "✗ Changing orders failed: InvalidAttributeValue: bad."; form.Banner() != want || h.lastNotice() != want {
		t.Errorf("banner %q notice %q", form.Banner(), h.lastNotice())
	}
	contains(t, "the form", h.view(), "10s")
	if len(h.changed) != 0 {
		t.Error("a failed change refreshed as if it had worked")
	}
}

// A queue whose attributes could not be read has no old values to show.
func TestEditRefusesAnUnreadQueue(t *testing.T) {
	h := newHarness(t, false).on("audit-log")
	h.press("E")
	if h.stack.Len() != 0 || !strings.Contains(h.lastNotice(), "cannot edit audit-log: its attributes could not be read") {
		t.Errorf("top %q, notice %q", h.top(), h.lastNotice())
	}
}

// A redrive allow policy that leaves out a queue using the DLQ now is
// pointed out in the confirmation; a DLQ whose policy leaves this queue
// out is refused beside the field.
func TestEditWarnsAboutRedriveAllowPolicies(t *testing.T) {
	h := newHarness(t, false).on("shared-dlq")
	h.press("E")
	h.toField("Redrive allow")
	h.press("right")
	h.toButton()
	h.press("enter")
	contains(t, "the diff", h.flat(), "Redrive allow policy: allowAll → denyAll",
		"Mind: billing and shipping name shared-dlq as their DLQ now, and the new redrive allow policy leaves them out.")

	h = newHarness(t, false)
	for i, q := range h.cat.Queues {
		if q.Name == "orders-dlq" {
			h.cat.Queues[i].Attrs["RedriveAllowPolicy"] = `{"redrivePermission":"byQueue","sourceQueueArns":["` + uitest.ARN("orders") + `"]}`
		}
	}
	h.cat.Update(h.cat.Queues, h.cat.Queues[0].FetchedAt)
	h.on("billing").press("E")
	h.toField("Dead-letter queue")
	h.press("enter")
	h.typeText("orders-dlq")
	h.press("enter")
	h.toButton()
	h.press("enter")
	if h.top() != "form" || !strings.Contains(h.flat(), "✗ its redrive allow policy (byQueue: orders) leaves billing out") {
		t.Errorf("top %q:\n%s", h.top(), h.view())
	}
}

// A shorter retention on a queue that holds messages says how many may go.
func TestEditWarnsWhenRetentionShrinks(t *testing.T) {
	h := newHarness(t, false).on("orders")
	h.press("E")
	h.toField("Visibility timeout")
	h.clear()
	h.typeText("1m")
	h.toField("Retention")
	h.clear()
	h.typeText("1h")
	h.toButton()
	h.press("enter")
	contains(t, "the diff", h.flat(), "Retention: 4d → 1h",
		"orders holds 1,232 messages: those older than 1h may be deleted once the shorter retention applies (up to 15 minutes).")
	h.press("n")
	h.toField("Retention")
	h.clear()
	h.typeText("5d")
	h.toButton()
	h.press("enter")
	if strings.Contains(h.flat(), "older than") {
		t.Errorf("a longer retention warns:\n%s", h.view())
	}
}
