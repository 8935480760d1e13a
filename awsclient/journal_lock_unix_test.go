//go:build unix

package awsclient

import (
	"bufio"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// A journal claimed by another process cannot be claimed here, and is
// free again once that process is killed.
func TestJournalIsLockedAcrossProcesses(t *testing.T) {
	if path := os.Getenv("SQSCOPE_LOCK_CHILD"); path != "" {
		if _, err := claimJournal(path); err != nil {
			os.Stdout.WriteString("error: " + err.Error() + "\n")
			os.Exit(1)
		}
		os.Stdout.WriteString("held\n")
		select {} // until killed
	}
	path := filepath.Join(t.TempDir(), "journal-1.us-east-1.orders-dlq.jsonl")
	child := exec.Command(os.Args[0], "-test.run=^TestJournalIsLockedAcrossProcesses$")
	child.Env = append(os.Environ(), "SQSCOPE_LOCK_CHILD="+path)
	out, err := child.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := child.Start(); err != nil {
		t.Fatal(err)
	}
	defer child.Process.Kill()
	line, err := bufio.NewReader(out).ReadString('\n')
	if err != nil || line != "held\n" {
		t.Fatalf("child: %q, %v", line, err)
	}

	if release, err := claimJournal(path); !errors.Is(err, ErrJournalInUse) {
		if err == nil {
			release()
		}
		t.Fatalf("claim of a journal another process holds: %v; want ErrJournalInUse", err)
	}
	other, err := claimJournal(filepath.Join(filepath.Dir(path), "journal-1.us-east-1.payments-dlq.jsonl"))
	if err != nil {
		t.Fatalf("another DLQ's journal: %v", err)
	}
	other()

	if err := child.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	_ = child.Wait()
	release, err := claimJournal(path)
	if err != nil {
		t.Fatalf("claim after the holder was killed: %v", err)
	}
	release()
	// Released here, it can be claimed again (the process's lock is gone
	// with the release, not only with the process).
	release, err = claimJournal(path)
	if err != nil {
		t.Fatalf("claim after release: %v", err)
	}
	release()
}
