package serve

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"strings"
	"sync"
	"time"

	gossh "golang.org/x/crypto/ssh"
)

// Role is what a key may do in its session.
type Role string

const (
	// RoleRead is the default: the session's client refuses every change.
	RoleRead Role = "read"
	// RoleWrite may change queues and messages, as the TUI without
	// --read-only does.
	RoleWrite Role = "write"
)

// roleOption is the authorized-keys option that grants a role. A key line
// without it is read-only, so forgetting the option never grants more.
const roleOption = "sqscope-role"

// grant is one authorized key.
type grant struct {
	role Role
	name string // the key line's comment: written by whoever keeps the file
}

// Keys is the authorized-keys file, re-read when its modification time or
// size changes (checked at each authentication, which is cheap: a stat)
// and when Reload is called (on SIGHUP).
type Keys struct {
	path string
	warn func(string) // a line that grants nothing, or a file that cannot be read
	// onReload runs after each successful read, outside the lock: the
	// server ends the sessions of keys removed or whose role changed.
	onReload func()

	mu     sync.Mutex
	mtime  time.Time
	size   int64
	grants map[string]grant // by the key's wire form
}

// LoadKeys reads the authorized-keys file at path. A file that cannot be
// read is an error here (the server would refuse everyone); later, on a
// reload, the keys read before stay in force and warn says why.
func LoadKeys(path string, warn func(string)) (*Keys, error) {
	k := &Keys{path: path, warn: warn}
	if err := k.Reload(); err != nil {
		return nil, err
	}
	return k, nil
}

// Reload reads the file again, whatever its modification time.
func (k *Keys) Reload() error {
	fi, err := os.Stat(k.path)
	if err != nil {
		return fmt.Errorf("authorized keys: %w", err)
	}
	data, err := os.ReadFile(k.path)
	if err != nil {
		return fmt.Errorf("authorized keys: %w", err)
	}
	grants := parseKeys(k.path, data, k.warn)
	k.mu.Lock()
	k.grants, k.mtime, k.size = grants, fi.ModTime(), fi.Size()
	on := k.onReload
	k.mu.Unlock()
	if on != nil {
		on()
	}
	return nil
}

// Lookup is the grant of key, after re-reading the file if it changed.
func (k *Keys) Lookup(key gossh.PublicKey) (grant, bool) {
	k.reloadIfChanged()
	k.mu.Lock()
	defer k.mu.Unlock()
	g, ok := k.grants[string(key.Marshal())]
	return g, ok
}

// current is the grant of a key's wire form in the keys read last, without
// looking at the file: for the reload's own check of open sessions.
func (k *Keys) current(wire string) (grant, bool) {
	k.mu.Lock()
	defer k.mu.Unlock()
	g, ok := k.grants[wire]
	return g, ok
}

func (k *Keys) reloadIfChanged() {
	fi, err := os.Stat(k.path)
	if err != nil {
		// A file being replaced (editors write a new one and rename) may
		// be missing for a moment: keep the keys in force.
		k.warn(fmt.Sprintf("authorized keys: %v; the keys read before stay in force", err))
		return
	}
	k.mu.Lock()
	same := fi.ModTime().Equal(k.mtime) && fi.Size() == k.size
	k.mu.Unlock()
	if !same {
		if err := k.Reload(); err != nil {
			k.warn(err.Error() + "; the keys read before stay in force")
		}
	}
}

// parseKeys reads OpenSSH authorized_keys lines. A line that cannot be
// parsed, or names a role sqscope does not know, grants nothing: whoever
// wrote it meant something else than read-only, so guessing either way is
// wrong; the others keep working.
func parseKeys(path string, data []byte, warn func(string)) map[string]grant {
	grants := map[string]grant{}
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		key, comment, options, _, err := gossh.ParseAuthorizedKey([]byte(line))
		if err != nil {
			warn(fmt.Sprintf("%s:%d: %v; the line grants nothing", path, n, err))
			continue
		}
		if o := unenforced(options); o != "" {
			warn(fmt.Sprintf("%s:%d: option %s is not enforced by sqscope serve; the line grants nothing", path, n, o))
			continue
		}
		role, err := roleOf(options)
		if err != nil {
			warn(fmt.Sprintf("%s:%d: %v; the line grants nothing", path, n, err))
			continue
		}
		grants[string(key.Marshal())] = grant{role: role, name: comment}
	}
	return grants
}

// enforced are the OpenSSH options a line may carry besides sqscope-role:
// those that forbid what serve never allows anyway (forwarding, ~/.ssh/rc),
// so they hold without serve doing anything. Any other option — from=,
// expiry-time=, command=, no-pty, permitopen=… — restricts the key in a
// way serve does not check; granting the key anyway would let it in where
// whoever wrote the line meant to keep it out.
var enforced = map[string]bool{
	"restrict":            true,
	"no-port-forwarding":  true,
	"no-agent-forwarding": true,
	"no-x11-forwarding":   true,
	"no-user-rc":          true,
}

// unenforced is the name of the first option serve does not enforce, or "".
func unenforced(options []string) string {
	for _, o := range options {
		name, _, _ := strings.Cut(o, "=")
		if strings.EqualFold(name, roleOption) || enforced[strings.ToLower(name)] {
			continue
		}
		return name
	}
	return ""
}

// roleOf finds sqscope-role=ROLE (quoted or not) among a line's options.
func roleOf(options []string) (Role, error) {
	role := RoleRead
	for _, o := range options {
		name, value, ok := strings.Cut(o, "=")
		if !ok || !strings.EqualFold(name, roleOption) {
			continue
		}
		switch Role(strings.Trim(value, `"`)) {
		case RoleRead:
			role = RoleRead
		case RoleWrite:
			role = RoleWrite
		default:
			return "", fmt.Errorf("%s=%s: the roles are read and write", roleOption, value)
		}
	}
	return role, nil
}
