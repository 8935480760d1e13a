package queueform

import (
	"errors"
	"strings"
	"testing"

	"github.com/sqscope/sqscope/awsclient"
)

// A change made whose audit line could not be written is reported as
// made, with the audit failure after it; one that failed too, as failed.
func TestAuditFailureIsSaidBesideTheOutcome(t *testing.T) {
	disk := errors.New("write /state/audit.log: no space left on device")
	const note = " ⚠ The audit log could not be written: write /state/audit.log: no space left on device."

	h := newHarness(t, false).on("orders")
	h.fake.Ops.SetErr = &awsclient.AuditError{Err: disk}
	h.press("E")
	h.toField("Delivery delay")
	h.clear()
	h.typeText("5s")
	h.toButton()
	h.press("enter", "y")
	if n := h.lastNotice(); n != "Changed orders: delivery delay 0s → 5s."+note || h.stack.Len() != 0 || len(h.changed) != 1 {
		t.Errorf("set, audit failed: notice %q, open %q, changed %v", n, h.top(), h.changed)
	}

	h = newHarness(t, false).on("billing")
	h.fake.Ops.DropErr = &awsclient.AuditError{Err: disk, Cause: errors.New("AccessDenied: no")}
	h.press("X")
	h.typeText("billing")
	h.press("enter")
	if n := h.lastNotice(); n != "✗ Deleting queue billing failed: AccessDenied: no."+note || len(h.changed) != 0 {
		t.Errorf("delete and audit failed: notice %q", n)
	}

	h = newHarness(t, false)
	h.fake.Ops.Created.AuditErr = disk
	h.press("C")
	h.typeText("ledger")
	h.toButton()
	h.press("enter", "y")
	if n := h.lastNotice(); !strings.HasPrefix(n, "Created ledger and its DLQ") || !strings.HasSuffix(n, note) {
		t.Errorf("create, audit failed: notice %q", n)
	}
}
