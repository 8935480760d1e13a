package serve

import (
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// Roles come from the sqscope-role option; no option is read; a line with
// an unknown role or that is not a key grants nothing and is warned about.
func TestParseKeysRoles(t *testing.T) {
	r, w, bad, plain := newKey(t), newKey(t), newKey(t), newKey(t)
	file := strings.Join([]string{
		"# on-call",
		r.line("", "alice"),
		w.line(`no-port-forwarding,sqscope-role="write"`, "bob"),
		bad.line("sqscope-role=admin", "carol"),
		plain.line("sqscope-role=read", ""),
		"not a key",
	}, "\n")
	var warnings []string
	grants := parseKeys("ak", []byte(file), func(s string) { warnings = append(warnings, s) })
	check := func(k key, role Role, name string) {
		t.Helper()
		g, ok := grants[string(k.signer.PublicKey().Marshal())]
		if !ok || g.role != role || g.name != name {
			t.Errorf("grant %+v (listed %v), want role %s name %q", g, ok, role, name)
		}
	}
	check(r, RoleRead, "alice")
	check(w, RoleWrite, "bob")
	check(plain, RoleRead, "")
	if _, ok := grants[string(bad.signer.PublicKey().Marshal())]; ok {
		t.Error("a line with an unknown role was granted")
	}
	if len(warnings) != 2 || !strings.Contains(warnings[0], "ak:4:") || !strings.Contains(warnings[1], "ak:6:") {
		t.Errorf("warnings %q, want one for line 4 and one for line 6", warnings)
	}
}

// The file is re-read on Reload even when its size and time are the same.
func TestKeysReload(t *testing.T) {
	path := filepath.Join(t.TempDir(), "ak")
	a, b := newKey(t), newKey(t)
	if err := os.WriteFile(path, []byte(a.line("", "x")+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	k, err := LoadKeys(path, func(string) {})
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := k.Lookup(a.signer.PublicKey()); !ok {
		t.Fatal("a not listed")
	}
	// Same length, same time: only a Reload (SIGHUP) sees it.
	fi, _ := os.Stat(path)
	if err := os.WriteFile(path, []byte(b.line("", "x")+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(path, fi.ModTime(), fi.ModTime()); err != nil {
		t.Fatal(err)
	}
	if err := k.Reload(); err != nil {
		t.Fatal(err)
	}
	if _, ok := k.Lookup(a.signer.PublicKey()); ok {
		t.Error("a still listed after the reload")
	}
	if _, ok := k.Lookup(b.signer.PublicKey()); !ok {
		t.Error("b not listed after the reload")
	}
}

// An address is blocked at max failures within the window, and let in
// again once the window has passed.
func TestFailuresWindow(t *testing.T) {
	now := time.Unix(0, 0)
	f := newFailures(2, time.Minute)
	f.now = func() time.Time { return now }
	a := &net.TCPAddr{IP: net.ParseIP("192.0.2.1"), Port: 1000}
	other := &net.TCPAddr{IP: net.ParseIP("192.0.2.1"), Port: 2000} // same host, new port
	f.add(a)
	if f.blocked(other) {
		t.Fatal("blocked after one failure")
	}
	f.add(other)
	if !f.blocked(a) {
		t.Fatal("not blocked after two failures from one host")
	}
	if f.blocked(&net.TCPAddr{IP: net.ParseIP("192.0.2.2"), Port: 1}) {
		t.Error("another host blocked")
	}
	now = now.Add(2 * time.Minute)
	if f.blocked(a) {
		t.Error("still blocked after the window")
	}
}

// A line with an OpenSSH option serve does not enforce (from=,
// expiry-time=, command=, no-pty…) grants nothing, and the warning names
// the line and the option; options that forbid what serve never allows
// (forwarding, restrict) keep the line working.
func TestUnenforcedOptionsGrantNothing(t *testing.T) {
	from, expiry, cmd, nopty, ok := newKey(t), newKey(t), newKey(t), newKey(t), newKey(t)
	file := strings.Join([]string{
		from.line(`from="10.9.9.9",expiry-time="20000101"`, "alice"),
		expiry.line(`sqscope-role=write,expiry-time="20000101"`, "bob"),
		cmd.line(`command="/bin/true"`, "carol"),
		nopty.line(`no-pty`, "dave"),
		ok.line(`restrict,no-agent-forwarding,no-X11-forwarding,no-user-rc,sqscope-role=write`, "erin"),
	}, "\n")
	var warnings []string
	grants := parseKeys("ak", []byte(file), func(s string) { warnings = append(warnings, s) })
	for _, k := range []key{from, expiry, cmd, nopty} {
		if g, listed := grants[string(k.signer.PublicKey().Marshal())]; listed {
			t.Errorf("a line with an unenforced option was granted %+v", g)
		}
	}
	if g := grants[string(ok.signer.PublicKey().Marshal())]; g.role != RoleWrite {
		t.Errorf("erin's line (only options that hold in serve) granted %+v, want write", g)
	}
	want := []string{"ak:1: option from ", "ak:2: option expiry-time ", "ak:3: option command ", "ak:4: option no-pty "}
	if len(warnings) != len(want) {
		t.Fatalf("warnings %q, want %d", warnings, len(want))
	}
	for i, w := range want {
		if !strings.Contains(warnings[i], w) {
			t.Errorf("warning %q, want it to contain %q", warnings[i], w)
		}
	}
}
