package serve

import (
	"bytes"
	"encoding/pem"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	gossh "golang.org/x/crypto/ssh"
)

// syncBuf is a buffer the ssh process writes while the test reads.
type syncBuf struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuf) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuf) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// openssh is the ssh command for k against e, checking the host key
// strictly against the server's (as a user who verified the fingerprint).
func openssh(t *testing.T, e *env, k key, args ...string) *exec.Cmd {
	t.Helper()
	bin, err := exec.LookPath("ssh")
	if err != nil {
		t.Skipf("OpenSSH's ssh is not installed (%v): the golang.org/x/crypto/ssh tests cover the same ground", err)
	}
	dir := t.TempDir()
	block, err := gossh.MarshalPrivateKey(k.priv, "")
	if err != nil {
		t.Fatal(err)
	}
	id := filepath.Join(dir, "id")
	known := filepath.Join(dir, "known_hosts")
	host, port, _ := net.SplitHostPort(e.addr)
	hostLine := fmt.Sprintf("[%s]:%s %s", host, port, gossh.MarshalAuthorizedKey(e.srv.signer.PublicKey()))
	if err := os.WriteFile(id, pem.EncodeToMemory(block), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(known, []byte(hostLine), 0o600); err != nil {
		t.Fatal(err)
	}
	base := []string{"-F", "/dev/null", "-p", port, "-i", id, "-o", "IdentitiesOnly=yes", "-o", "BatchMode=yes",
		"-o", "StrictHostKeyChecking=yes", "-o", "UserKnownHostsFile=" + known}
	return exec.Command(bin, append(append(base, args...), "oncall@"+host)...)
}

// OpenSSH's client in a terminal of 120×36 and of 80×24 gets the TUI
// sized to it; q quits it. ssh takes the size from its own terminal, so
// it runs under script(1), which gives it one.
func TestOpenSSHSeesTheTUI(t *testing.T) {
	script, err := exec.LookPath("script")
	if err != nil {
		t.Skipf("script(1) is not installed (%v): ssh needs a terminal to send a window size", err)
	}
	for _, size := range []struct{ cols, rows int }{{120, 36}, {80, 24}} {
		t.Run(fmt.Sprintf("%dx%d", size.cols, size.rows), func(t *testing.T) {
			openSSHTUI(t, script, size.cols, size.rows)
		})
	}
}

func openSSHTUI(t *testing.T, script string, cols, rows int) {
	e := newEnv(t, nil)
	e.queue("orders", 1)
	ssh := openssh(t, e, e.read, "-tt")
	line := fmt.Sprintf("stty cols %d rows %d; exec %s", cols, rows, shellQuote(ssh.Args))
	cmd := exec.Command(script, "-q", "-e", "-c", line, "/dev/null")
	out := &syncBuf{}
	cmd.Stdout, cmd.Stderr = out, out
	in, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	defer func() {
		if t.Failed() {
			t.Logf("ssh wrote %q", out)
		}
	}()
	waitFor(t, "the TUI's header through ssh", func() bool { return strings.Contains(out.String(), "READ-ONLY") })
	if _, err := in.Write([]byte("q")); err != nil {
		t.Fatal(err)
	}
	if err := cmd.Wait(); err != nil {
		t.Errorf("ssh after q: %v", err)
	}
	// The list spells a queue's type out when the width allows: the App
	// got the client's size.
	if got, wide := strings.Contains(out.String(), "Standard"), cols >= 120; got != wide {
		t.Errorf("at %d columns the type column says Standard: %v, want %v", cols, got, wide)
	}
}

// shellQuote quotes args for sh -c.
func shellQuote(args []string) string {
	q := make([]string, len(args))
	for i, a := range args {
		q[i] = "'" + strings.ReplaceAll(a, "'", `'\''`) + "'"
	}
	return strings.Join(q, " ")
}

// OpenSSH's client without a PTY (-T) hears why and fails.
func TestOpenSSHNoPTY(t *testing.T) {
	e := newEnv(t, nil)
	out, err := openssh(t, e, e.read, "-T").CombinedOutput()
	if err == nil {
		t.Error("ssh -T succeeded")
	}
	if !strings.Contains(string(out), "needs a terminal") {
		t.Errorf("ssh -T said %q, want why it is refused", out)
	}
}
