package serve

import (
	"strings"
	"testing"

	gossh "golang.org/x/crypto/ssh"
)

// disconnectReason is the reason on user's disconnect line, "" if none.
func (e *env) disconnectReason(user string) string {
	for _, en := range e.entries() {
		if en.Op == opDisconnect && en.User == user {
			return en.Details["reason"]
		}
	}
	return ""
}

// On SIGHUP (ReloadKeys) a key removed from the file loses its open
// session and a write key made read loses its own: each is told why in
// one line, and the disconnect line says why.
func TestReloadEndsRevokedSessions(t *testing.T) {
	e := newEnv(t, nil)
	e.queue("orders", 1)
	alice, bob := e.open(e.read), e.open(e.write)
	alice.waitScreen("orders")
	bob.waitScreen("orders")
	e.writeKeys(e.write.line("", "bob") + "\n") // alice removed, bob read
	if err := e.srv.ReloadKeys(); err != nil {
		t.Fatal(err)
	}
	alice.waitScreen("this key was removed from the authorized keys")
	bob.waitScreen("this key's role changed from write to read")
	for _, tm := range []*term{alice, bob} {
		if err := tm.sess.Wait(); err == nil {
			t.Error("a revoked session ended with success")
		}
	}
	aliceUser, bobUser := "alice ("+e.read.fingerprint()+")", "bob ("+e.write.fingerprint()+")"
	waitFor(t, "both disconnects audited", func() bool {
		return e.disconnectReason(aliceUser) != "" && e.disconnectReason(bobUser) != ""
	})
	if r := e.disconnectReason(aliceUser); !strings.Contains(r, "removed") {
		t.Errorf("alice's disconnect reason %q", r)
	}
	if r := e.disconnectReason(bobUser); !strings.Contains(r, "role changed") {
		t.Errorf("bob's disconnect reason %q", r)
	}
}

// A change seen at an authentication (someone else connecting) ends the
// revoked sessions too; a session whose key and role are unchanged goes on.
func TestChangeSeenAtAuthEndsRevokedSession(t *testing.T) {
	e := newEnv(t, nil)
	e.queue("orders", 1)
	alice, bob := e.open(e.read), e.open(e.write)
	alice.waitScreen("orders")
	bob.waitScreen("orders")
	// Bob's line unchanged; a longer file, so the change is seen within
	// the file system's timestamp granularity.
	e.writeKeys(e.write.line(`sqscope-role="write"`, "bob") + "\n# alice left the rotation, removed\n")
	if c, err := e.dial(gossh.PublicKeys(newKey(t).signer)); err == nil {
		c.Close()
		t.Fatal("an unknown key was let in")
	}
	alice.waitScreen("this key was removed from the authorized keys")
	if err := alice.sess.Wait(); err == nil {
		t.Error("the revoked session ended with success")
	}
	if strings.Contains(bob.screen(), "Purge") {
		t.Fatal("the purge dialog is up before P")
	}
	bob.typeKeys("P") // still answers, as a write key
	bob.waitScreen("Purge")
	if r := e.disconnectReason("bob (" + e.write.fingerprint() + ")"); r != "" {
		t.Errorf("bob's session was ended: %q", r)
	}
}

// End to end: a key restricted with from= to another address does not get
// in from here.
func TestFromOptionKeyRefused(t *testing.T) {
	e := newEnv(t, nil)
	e.writeKeys(e.read.line(`from="10.9.9.9"`, "alice") + "\n")
	if err := e.srv.ReloadKeys(); err != nil {
		t.Fatal(err)
	}
	if c, err := e.dial(gossh.PublicKeys(e.read.signer)); err == nil {
		c.Close()
		t.Fatal(`a key with from="10.9.9.9" was let in from 127.0.0.1`)
	}
}
