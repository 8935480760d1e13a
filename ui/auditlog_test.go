package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sqscope/sqscope/audit"
	"github.com/sqscope/sqscope/model"
	"github.com/sqscope/sqscope/ui/auditlog"
	"github.com/sqscope/sqscope/ui/internal/uitest"
)

// auditFixture writes a log of four changes, the newest a delete that
// kept a message with a hostile body, and returns its path.
func auditFixture(t testing.TB) string {
	t.Helper()
	return auditFixtureIn(t, filepath.Join(t.TempDir(), "state", "sqscope"))
}

// auditFixtureIn writes auditFixture's log in dir.
func auditFixtureIn(t testing.TB, dir string) string {
	t.Helper()
	path := filepath.Join(dir, "audit.jsonl")
	l, err := audit.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	at := time.Date(2026, 11, 27, 2, 50, 0, 0, time.UTC)
	url := func(name string) string { return testQueue(name, 0, 0, 0, "").URL }
	m := testMessage(2, "card declined \x1b]52;c;cm0gLXJmIH4K\x07 then \x1b[2J", 5)
	entries := []audit.Entry{
		{Time: at, Endpoint: "http://127.0.0.1:9324", Region: "us-east-1", Op: "move", Queue: url("orders-dlq"), Count: 12,
			Outcome: "ok", Details: map[string]string{"destination": url("orders"), "report": "moved 12 messages"}},
		{Time: at.Add(2 * time.Minute), Region: "us-east-1", Op: "purge", Queue: url("shared-dlq"), Outcome: "failed",
			Error: "PurgeQueueInProgress: only one PurgeQueue operation on shared-dlq is allowed every 60 seconds"},
		{Time: at.Add(4 * time.Minute), Region: "us-east-1", Op: "set-attributes", Queue: url("orders"), Outcome: "ok",
			Details: map[string]string{"old.VisibilityTimeout": "30", "new.VisibilityTimeout": "120"}},
		{Time: at.Add(6 * time.Minute), Region: "us-east-1", Profile: "oncall", Op: "delete", Queue: url("orders-dlq"), Count: 1,
			MessageIDs: []string{m.ID}, Outcome: "ok", Messages: []model.Record{model.RecordOf(m, url("orders-dlq"))}},
	}
	for _, e := range entries {
		if err := l.Append(e); err != nil {
			t.Fatal(err)
		}
	}
	return path
}

// withAuditLog points a's viewer at path.
func withAuditLog(a *App, path string) { a.audit = auditlog.New(a.com, path) }

// openAudit presses L and delivers the read.
func openAudit(a *App) { drive(a, press(a, "L")) }

// L lists the recent changes newest first, with where the log is; enter
// shows one in full, every byte of a kept message sanitized; esc goes
// back, then closes.
func TestAuditLogViewer(t *testing.T) {
	a, _ := loadedApp(t, 120, 36)
	a.com.Styles = bareStyles() // so that an ESC on screen can only be the log's
	path := auditFixture(t)
	withAuditLog(a, path)
	openAudit(a)
	s := screen(a)
	for _, w := range []string{"Audit log · 4 changes, newest first", "file: " + path,
		"2026-11-27 02:56:00 delete", "orders-dlq", "2026-11-27 02:52:00 purge", "failed"} {
		if !strings.Contains(s, w) {
			t.Errorf("%q not on screen:\n%s", w, s)
		}
	}
	if strings.Index(s, "02:56:00") > strings.Index(s, "02:50:00") {
		t.Errorf("not newest first:\n%s", s)
	}
	press(a, "enter")
	s = screen(a)
	uitest.AssertSafe(t, "the entry", a.View().Content)
	for _, w := range []string{"profile", "oncall", "1 message id", "kept in full", "card declined"} {
		if !strings.Contains(s, w) {
			t.Errorf("%q not in the entry:\n%s", w, s)
		}
	}
	press(a, "esc")
	if s := screen(a); !strings.Contains(s, "TIME (local)") {
		t.Fatalf("esc did not go back to the list:\n%s", s)
	}
	press(a, "j", "enter")
	if s := flat(screen(a)); !strings.Contains(s, "old.VisibilityTimeout 30") || !strings.Contains(s, "new.VisibilityTimeout 120") {
		t.Errorf("the second entry's details are not shown:\n%s", screen(a))
	}
	press(a, "esc", "j", "enter")
	if s := flat(screen(a)); !strings.Contains(s, "PurgeQueueInProgress") {
		t.Errorf("the third entry's error is not shown:\n%s", screen(a))
	}
	press(a, "esc", "esc")
	if a.dialogs.Len() != 0 {
		t.Errorf("esc esc left %d dialogs open", a.dialogs.Len())
	}
}

// A log that cannot be read says so in one line, naming the file; a log
// not written yet is an empty one.
func TestAuditLogUnreadable(t *testing.T) {
	a, _ := loadedApp(t, 120, 36)
	dir := t.TempDir()
	withAuditLog(a, dir) // a directory: reading it fails
	openAudit(a)
	if s := screen(a); !strings.Contains(s, "✗ the audit log cannot be read") || !strings.Contains(s, "file: "+dir) {
		t.Errorf("no clear line for an unreadable log:\n%s", s)
	}
	press(a, "esc")
	withAuditLog(a, filepath.Join(dir, "none.jsonl"))
	openAudit(a)
	if s := screen(a); !strings.Contains(s, "no change recorded yet") {
		t.Errorf("a missing log is not an empty one:\n%s", s)
	}
	if _, err := os.Stat(filepath.Join(dir, "none.jsonl")); err == nil {
		t.Error("reading the log created it")
	}
}

// In a served session the log is the server's, shared by every key: an
// entry says how many messages it kept, never what another user deleted.
func TestAuditLogInAServedSessionHidesKeptMessages(t *testing.T) {
	a, _ := loadedApp(t, 120, 36)
	a.com.Confined = true
	withAuditLog(a, auditFixture(t))
	openAudit(a)
	press(a, "enter")
	s := flat(screen(a))
	if strings.Contains(s, "card declined") || !strings.Contains(s, "1 message kept in full in the server's audit log (not shown in a served session)") {
		t.Errorf("a served session shows a kept message:\n%s", screen(a))
	}
}

// A move is recorded by the DLQ's ARN: the list names the queue all the
// same, as it does for a URL.
func TestAuditLogNamesAMovesQueue(t *testing.T) {
	a, _ := loadedApp(t, 120, 36)
	path := filepath.Join(t.TempDir(), "audit.jsonl")
	l, err := audit.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := l.Append(audit.Entry{Time: time.Date(2026, 11, 27, 2, 50, 0, 0, time.UTC), Op: "move",
		Queue: "arn:aws:sqs:us-east-1:000000000000:orders-dlq", Outcome: "ok"}); err != nil {
		t.Fatal(err)
	}
	l.Close()
	withAuditLog(a, path)
	openAudit(a)
	if s := screen(a); !strings.Contains(s, "move           orders-dlq") || strings.Contains(s, "arn:aws") {
		t.Errorf("the move's queue is not named:\n%s", s)
	}
}
