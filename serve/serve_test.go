package serve

import (
	"errors"
	"io"
	"net"
	"strings"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"
)

// A key the file does not list is refused, and so are a password and
// keyboard-interactive: the server offers public keys only.
func TestUnknownKeyAndPasswordRefused(t *testing.T) {
	e := newEnv(t, nil)
	if c, err := e.dial(gossh.PublicKeys(newKey(t).signer)); err == nil {
		c.Close()
		t.Fatal("an unknown key was let in")
	}
	if c, err := e.dial(gossh.Password("hunter2")); err == nil {
		c.Close()
		t.Fatal("a password was let in")
	} else if !strings.Contains(err.Error(), "unable to authenticate") {
		t.Fatalf("password: %v, want an authentication failure", err)
	}
	answer := func(string, string, []string, []bool) ([]string, error) { return nil, nil }
	if c, err := e.dial(gossh.KeyboardInteractive(answer)); err == nil {
		c.Close()
		t.Fatal("keyboard-interactive was let in")
	}
	for _, en := range e.entries() {
		if en.Op == opConnect {
			t.Errorf("a refused client was recorded as connected: %+v", en)
		}
	}
}

// A read key sees the TUI, read-only; purge (P) and send (S) change
// nothing: no mutating call reaches the server and the messages are all
// there. (The UI's own read-only test presses every changing key; this
// one shows the served session is built read-only.)
func TestReadKeyChangesNothing(t *testing.T) {
	e := newEnv(t, nil)
	url := e.queue("orders", 3)
	tm := e.open(e.read)
	tm.waitScreen("READ-ONLY")
	tm.waitScreen("orders")
	tm.waitScreen("signed in as alice · read key")
	tm.typeKeys("P")
	tm.waitScreen("purge is disabled")
	tm.typeKeys("S") // send: disabled as well
	tm.waitScreen("sending is disabled")
	tm.typeKeys("R") // and redrive
	tm.waitScreen("redrive, move and cancel are disabled")
	if got := e.counter.Mutating(); len(got) != 0 {
		t.Errorf("a read session sent mutating calls: %v", got)
	}
	if v, f := e.counts(url); v+f != 3 {
		t.Errorf("orders has %d messages, want the 3 sent", v+f)
	}
	if !e.hasEntry(opConnect, "alice ("+e.read.fingerprint()+")") {
		t.Errorf("no connect line for alice with her key's fingerprint in %+v", e.entries())
	}
}

// A write key can purge, and the audit log names its user and key.
func TestWriteKeyPurgesAndIsAudited(t *testing.T) {
	e := newEnv(t, nil)
	url := e.queue("orders", 3)
	tm := e.open(e.write)
	tm.waitScreen("orders")
	tm.typeKeys("P")
	tm.waitScreen("Purge")
	tm.typeKeys("orders\r")
	waitFor(t, "orders purged", func() bool { v, f := e.counts(url); return v == 0 && f == 0 })
	user := "bob (" + e.write.fingerprint() + ")"
	waitFor(t, "the purge in the audit log under "+user, func() bool { return e.hasEntry("purge", user) })
	if !e.hasEntry(opConnect, user) {
		t.Errorf("no connect line for %s", user)
	}
	tm.client.Close()
	waitFor(t, "the disconnect in the audit log", func() bool { return e.hasEntry(opDisconnect, user) })
}

// A connection dropped mid-peek leaves every message visible again, as
// quitting does; a second session's peek is not touched by it.
func TestDroppedConnectionReleasesOnlyItsPeek(t *testing.T) {
	e := newEnv(t, nil)
	a := e.queue("alpha", 4)
	b := e.queue("beta", 4)
	first := e.open(e.write)
	first.waitScreen("alpha")
	first.typeKeys("\r") // alpha is first by name: peek it
	waitFor(t, "the first session's peek holding alpha's messages", func() bool { _, f := e.counts(a); return f == 4 })

	second := e.open(e.write)
	second.waitScreen("beta")
	second.typeKeys("j\r") // beta
	waitFor(t, "the second session's peek holding beta's messages", func() bool { _, f := e.counts(b); return f == 4 })

	first.client.Close()
	waitFor(t, "alpha's messages visible again", func() bool { v, f := e.counts(a); return v == 4 && f == 0 })
	if v, f := e.counts(b); f != 4 {
		t.Errorf("beta after the first session dropped: %d visible, %d in flight; the second session's peek should hold all 4", v, f)
	}
	second.client.Close()
	waitFor(t, "beta's messages visible again", func() bool { v, f := e.counts(b); return v == 4 && f == 0 })
}

// Two sessions at once each get their own App and role: the read one
// stays read-only while the write one purges.
func TestTwoSessionsDoNotInterfere(t *testing.T) {
	e := newEnv(t, nil)
	url := e.queue("orders", 2)
	r := e.open(e.read)
	w := e.open(e.write)
	r.waitScreen("READ-ONLY")
	w.waitScreen("orders")
	w.typeKeys("P")
	w.waitScreen("Purge")
	w.typeKeys("orders\r")
	waitFor(t, "orders purged by the write session", func() bool { v, f := e.counts(url); return v == 0 && f == 0 })
	r.typeKeys("P")
	r.waitScreen("purge is disabled")
	if strings.Contains(w.screen(), "READ-ONLY") {
		t.Error("the write session shows READ-ONLY")
	}
}

// A session without a terminal is told why and disconnected.
func TestNoPTYRefused(t *testing.T) {
	e := newEnv(t, nil)
	c, err := e.dial(gossh.PublicKeys(e.read.signer))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	s, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	out, err := s.CombinedOutput("") // an exec with no command: no PTY asked for
	var exit *gossh.ExitError
	if !errors.As(err, &exit) || exit.ExitStatus() == 0 {
		t.Errorf("exit: %v, want a failure status", err)
	}
	if !strings.Contains(string(out), "needs a terminal") {
		t.Errorf("output %q does not say a terminal is needed", out)
	}
}

// Past MaxSessions a session is refused with a message; the first goes on.
func TestMaxSessions(t *testing.T) {
	e := newEnv(t, func(o *Options) { o.MaxSessions = 1 })
	e.queue("orders", 1)
	first := e.open(e.read)
	first.waitScreen("orders")
	second := e.open(e.read)
	second.waitScreen("limit")
	if err := second.sess.Wait(); err == nil {
		t.Error("the session past the limit ended with success")
	}
	first.typeKeys("P") // still answers
	first.waitScreen("purge is disabled")
}

// Failures from an address (shared by everyone behind localhost or a jump
// host) never lock out an authorized key: after the address has failed
// MaxAuthFailures times, alice still gets in. Each unknown key is logged
// with its address and fingerprint and audited as refused, until the
// limit; past it, only logged.
func TestAuthFailuresDoNotLockOutKnownKeys(t *testing.T) {
	log := &syncBuf{}
	e := newEnv(t, func(o *Options) { o.MaxAuthFailures = 2; o.Log = log })
	var strangers []key
	for range 3 {
		k := newKey(t)
		strangers = append(strangers, k)
		if c, err := e.dial(gossh.PublicKeys(k.signer)); err == nil {
			c.Close()
			t.Fatal("an unknown key was let in")
		}
	}
	// The failure is counted when the server sees the handshake fail,
	// which may be just after the client does: wait for the block.
	local := &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1)}
	waitFor(t, "the address over its failure limit", func() bool { return e.srv.fails.blocked(local) })
	c, err := e.dial(gossh.PublicKeys(e.read.signer))
	if err != nil {
		t.Fatalf("an authorized key from an address over its failure limit: %v", err)
	}
	c.Close()
	waitFor(t, "the limit said on the server's log", func() bool {
		return strings.Contains(log.String(), "127.0.0.1: 2 failed authentications")
	})
	for _, k := range strangers {
		if !strings.Contains(log.String(), "refused "+k.fingerprint()+" from 127.0.0.1:") {
			t.Errorf("no log line for the refused key %s in:\n%s", k.fingerprint(), log)
		}
	}
	refused := 0
	for _, en := range e.entries() {
		if en.Op == opRefused && strings.HasPrefix(en.User, "(unknown) SHA256:") && strings.HasPrefix(en.Details["remote"], "127.0.0.1:") {
			refused++
		}
	}
	// The third may be audited or not: it raced the second's count.
	if refused < 2 {
		t.Errorf("%d refused lines in the audit log, want at least the 2 before the limit", refused)
	}
}

// The file is re-read when it changes: a key removed is refused from then
// on, and a role changed applies to the next session.
func TestKeysReloadedOnChange(t *testing.T) {
	e := newEnv(t, nil)
	e.queue("orders", 1)
	// A different size, so the change is seen even within the file
	// system's timestamp granularity.
	e.writeKeys(e.write.line("", "bob, now read-only, with a longer comment") + "\n")
	if c, err := e.dial(gossh.PublicKeys(e.read.signer)); err == nil {
		c.Close()
		t.Fatal("a key removed from the file was let in")
	}
	tm := e.open(e.write)
	tm.waitScreen("READ-ONLY")
	_, _ = io.WriteString(tm.in.(io.Writer), "q")
}

// A session without a key pressed for the idle timeout is ended, told
// why, released and recorded.
func TestIdleTimeout(t *testing.T) {
	e := newEnv(t, func(o *Options) { o.IdleTimeout = 300 * time.Millisecond })
	e.queue("orders", 1)
	tm := e.open(e.read)
	tm.waitScreen("without a key pressed")
	waitFor(t, "the disconnect in the audit log", func() bool {
		return e.hasEntry(opDisconnect, "alice ("+e.read.fingerprint()+")")
	})
}

// The App follows the client's window: at 120 columns the type column
// says Standard, narrowed to 80 it says Std.
func TestResizedWithTheClient(t *testing.T) {
	e := newEnv(t, nil)
	e.queue("orders", 1)
	tm := e.open(e.read)
	tm.waitScreen("Standard")
	if err := tm.sess.WindowChange(24, 80); err != nil {
		t.Fatal(err)
	}
	tm.waitScreen("Std ")
}

// A command, even with a terminal, is refused: serve runs the TUI only.
func TestCommandRefused(t *testing.T) {
	e := newEnv(t, nil)
	c, err := e.dial(gossh.PublicKeys(e.write.signer))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	s, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	if err := s.RequestPty("xterm", 24, 80, gossh.TerminalModes{}); err != nil {
		t.Fatal(err)
	}
	out, err := s.CombinedOutput("cat /etc/passwd")
	if err == nil || !strings.Contains(string(out), "runs no commands") {
		t.Errorf("a command: %v, output %q; want it refused, saying why", err, out)
	}
}

// One connection may try MaxAuthTries keys (3): a good key offered after
// three unknown ones is refused, after two it is let in.
func TestAuthTriesPerConnection(t *testing.T) {
	e := newEnv(t, nil)
	offer := func(unknown int) error {
		var signers []gossh.Signer
		for range unknown {
			signers = append(signers, newKey(t).signer)
		}
		c, err := e.dial(gossh.PublicKeys(append(signers, e.read.signer)...))
		if err == nil {
			c.Close()
		}
		return err
	}
	if err := offer(2); err != nil {
		t.Errorf("the good key after 2 unknown ones: %v", err)
	}
	if err := offer(3); err == nil {
		t.Error("the good key after 3 unknown ones was let in")
	}
}
