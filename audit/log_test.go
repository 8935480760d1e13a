package audit

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sqscope/sqscope/model"
)

func TestAppendThenRecentNewestFirst(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state", "sqscope", "audit.jsonl")
	l, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	// Entries bigger than Recent's read chunk make it join lines across
	// chunks.
	big := strings.Repeat("x", 100<<10)
	for i := range 5 {
		e := Entry{Time: time.Unix(int64(i), 0).UTC(), Op: "send", Queue: fmt.Sprint("q", i), Outcome: "ok"}
		if i == 2 {
			e.Messages = []model.Record{{Body: big}}
		}
		if err := l.Append(e); err != nil {
			t.Fatal(err)
		}
	}
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want 0600", fi.Mode().Perm())
	}
	got, bad, err := Recent(path, 4)
	if err != nil || bad != 0 {
		t.Fatalf("Recent: %v, %d bad", err, bad)
	}
	var queues []string
	for _, e := range got {
		queues = append(queues, e.Queue)
	}
	if strings.Join(queues, " ") != "q4 q3 q2 q1" {
		t.Errorf("Recent(4) = %v, want q4 q3 q2 q1", queues)
	}
	if len(got[2].Messages) != 1 || got[2].Messages[0].Body != big {
		t.Errorf("the long entry did not survive")
	}
	all, _, _ := Recent(path, 100)
	if len(all) != 5 {
		t.Errorf("Recent(100) gave %d entries, want 5", len(all))
	}
}

// A crash can leave a torn last line: it is counted, not fatal, and the
// whole lines before it are read.
func TestRecentSkipsATornLine(t *testing.T) {
	path := filepath.Join(t.TempDir(), "audit.jsonl")
	text := `{"time":"2026-12-03T10:00:00Z","op":"purge","queue":"a","outcome":"ok"}` + "\n" + `{"time":"2026-12-03T10:01:00Z","op":"del`
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	got, bad, err := Recent(path, 10)
	if err != nil || bad != 1 || len(got) != 1 || got[0].Op != "purge" {
		t.Fatalf("Recent = %+v, %d bad, %v; want the purge and 1 bad", got, bad, err)
	}
}

func TestRecentOfAMissingLogIsEmpty(t *testing.T) {
	got, bad, err := Recent(filepath.Join(t.TempDir(), "none.jsonl"), 10)
	if err != nil || bad != 0 || len(got) != 0 {
		t.Fatalf("Recent = %v, %d, %v", got, bad, err)
	}
}

func TestOpenTightensALooseMode(t *testing.T) {
	path := filepath.Join(t.TempDir(), "audit.jsonl")
	if err := os.WriteFile(path, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	l, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	fi, _ := os.Stat(path)
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("mode %v after Open, want 0600", fi.Mode().Perm())
	}
}

func TestDefaultPathFollowsXDGStateHome(t *testing.T) {
	t.Setenv("XDG_STATE_HOME", "/tmp/xdg-state")
	p, err := DefaultPath()
	if err != nil || p != "/tmp/xdg-state/sqscope/audit.jsonl" {
		t.Fatalf("DefaultPath = %q, %v", p, err)
	}
	t.Setenv("XDG_STATE_HOME", "relative/ignored")
	t.Setenv("HOME", "/tmp/home")
	p, _ = DefaultPath()
	if p != "/tmp/home/.local/state/sqscope/audit.jsonl" {
		t.Fatalf("DefaultPath with a relative XDG_STATE_HOME = %q", p)
	}
}
