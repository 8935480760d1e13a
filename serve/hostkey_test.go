package serve

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	gossh "golang.org/x/crypto/ssh"
)

// The host key is made once, mode 0600, and the same key comes back on
// the next start, so users' known_hosts stay valid.
func TestHostKeyPersisted(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state", "host_key")
	first, created, err := LoadOrCreateHostKey(path)
	if err != nil || !created {
		t.Fatalf("first start: created %v, %v", created, err)
	}
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("host key mode %#o, want 0600", fi.Mode().Perm())
	}
	if first.PublicKey().Type() != gossh.KeyAlgoED25519 {
		t.Errorf("host key type %s, want ed25519", first.PublicKey().Type())
	}
	second, created, err := LoadOrCreateHostKey(path)
	if err != nil || created {
		t.Fatalf("second start: created %v, %v", created, err)
	}
	if a, b := gossh.FingerprintSHA256(first.PublicKey()), gossh.FingerprintSHA256(second.PublicKey()); a != b {
		t.Errorf("fingerprint changed across restarts: %s, then %s", a, b)
	}
}

// A restarted server presents the same host key to clients.
func TestServerHostKeyAcrossRestarts(t *testing.T) {
	e := newEnv(t, nil)
	fp := e.srv.Fingerprint()
	again, created, err := New(e.srv.opts)
	if err != nil || created {
		t.Fatalf("restart: created %v, %v", created, err)
	}
	if again.Fingerprint() != fp {
		t.Errorf("restart: fingerprint %s, was %s", again.Fingerprint(), fp)
	}
}

// A host key others can read is refused, as sshd refuses it.
func TestHostKeyReadableByOthersRefused(t *testing.T) {
	path := filepath.Join(t.TempDir(), "host_key")
	if _, _, err := LoadOrCreateHostKey(path); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, _, err := LoadOrCreateHostKey(path); err == nil || !strings.Contains(err.Error(), "chmod 600") {
		t.Errorf("a 0644 host key: %v, want a refusal saying chmod 600", err)
	}
}
