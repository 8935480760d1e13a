package serve

import (
	"crypto/ed25519"
	"crypto/rand"
	"encoding/pem"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/sqscope/sqscope/audit"
	gossh "golang.org/x/crypto/ssh"
)

// DefaultHostKeyPath is beside the audit log, in the user's state
// directory: the key must outlive a cache clean, or every user would be
// told the host changed.
func DefaultHostKeyPath() (string, error) {
	p, err := audit.DefaultPath()
	if err != nil {
		return "", fmt.Errorf("host key: %w", err)
	}
	return filepath.Join(filepath.Dir(p), "ssh_host_ed25519_key"), nil
}

// LoadOrCreateHostKey reads the host key at path, or generates an ed25519
// one there (mode 0600, its directory 0700) the first time, so the
// fingerprint users accepted stays the same across restarts. A key that
// others can read is refused, as sshd does: it would let them pose as the
// server.
func LoadOrCreateHostKey(path string) (signer gossh.Signer, created bool, err error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		if err := createHostKey(path); err != nil {
			return nil, false, err
		}
		created = true
		data, err = os.ReadFile(path)
	}
	if err != nil {
		return nil, false, fmt.Errorf("host key: %w", err)
	}
	fi, err := os.Stat(path)
	if err != nil {
		return nil, false, fmt.Errorf("host key: %w", err)
	}
	if fi.Mode().Perm()&0o077 != 0 {
		return nil, false, fmt.Errorf("host key %s: mode %#o lets others read it; chmod 600 %s", path, fi.Mode().Perm(), path)
	}
	signer, err = gossh.ParsePrivateKey(data)
	if err != nil {
		return nil, false, fmt.Errorf("host key %s: %w", path, err)
	}
	return signer, created, nil
}

func createHostKey(path string) error {
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return fmt.Errorf("host key: %w", err)
	}
	block, err := gossh.MarshalPrivateKey(priv, "sqscope serve host key")
	if err != nil {
		return fmt.Errorf("host key: %w", err)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return fmt.Errorf("host key: %w", err)
	}
	// O_EXCL: two servers started at once must not each write a key and
	// leave users with the one that lost.
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return fmt.Errorf("host key: %w", err)
	}
	if _, err := f.Write(pem.EncodeToMemory(block)); err != nil {
		f.Close()
		os.Remove(path)
		return fmt.Errorf("host key: %w", err)
	}
	return f.Close()
}
