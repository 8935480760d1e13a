package cmdline

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
)

// run executes cmd and returns its message; nil for no cmd.
func run(cmd tea.Cmd) tea.Msg {
	if cmd == nil {
		return nil
	}
	return cmd()
}

func TestHistoryOutlivesTheSession(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state", "sqscope", "commands")
	l := newLine(t)
	if msg := run(l.SetHistoryFile(path)); !reflect.DeepEqual(msg, HistoryMsg{}) {
		t.Fatalf("no file yet: %#v", msg)
	}
	typeIn(l, "q billing", "enter")
	l.Open(session())
	typeIn(l, "dlq", "enter")
	if msg := run(l.SaveCmd()); msg != (HistorySavedMsg{}) {
		t.Fatalf("save: %#v", msg)
	}
	if l.SaveCmd() != nil {
		t.Error("nothing new, yet a save")
	}
	if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("the file: %v, %v (want 0600: a link names an account)", fi, err)
	}

	// The next session reads it back, before its own lines.
	next := newLine(t)
	typeIn(next, "all", "enter")
	msg := run(next.SetHistoryFile(path)).(HistoryMsg)
	next.SetHistory(msg.Lines)
	if got := next.History(); !reflect.DeepEqual(got, []string{"q billing", "dlq", "all"}) {
		t.Errorf("history %v", got)
	}
	next.Open(session())
	typeIn(next, "", "up", "up")
	if next.Value() != "dlq" {
		t.Errorf("↑↑ = %q", next.Value())
	}
	// Only what this session ran is appended.
	run(next.SaveCmd())
	data, _ := os.ReadFile(path)
	if got := strings.Fields(strings.ReplaceAll(string(data), " ", "_")); !reflect.DeepEqual(got, []string{"q_billing", "dlq", "all"}) {
		t.Errorf("file %q", data)
	}
}

func TestHistoryReadsBackOnlyTheNewest(t *testing.T) {
	path := filepath.Join(t.TempDir(), "commands")
	var b strings.Builder
	for i := range keepHistory + 20 {
		b.WriteString("q queue-" + string(rune('a'+i%26)) + "\n")
	}
	if err := os.WriteFile(path, []byte(b.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	lines, err := readHistory(path)
	if err != nil || len(lines) != keepHistory {
		t.Errorf("%d lines, %v; want the newest %d", len(lines), err, keepHistory)
	}
}
