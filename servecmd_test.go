package main

import (
	"bytes"
	"flag"
	"path/filepath"
	"strings"
	"testing"
)

// `sqscope help serve` and `serve --help` print serve's usage, every flag
// with two dashes and a placeholder.
func TestServeHelp(t *testing.T) {
	want := usageOf(newServeFlags(&tuiFlags{}, &serveFlags{}))
	for _, args := range [][]string{{"help", "serve"}, {"serve", "--help"}} {
		var stdout, stderr bytes.Buffer
		if code := run(args, &stdout, &stderr); code != 0 || stdout.String() != want || stderr.Len() > 0 {
			t.Errorf("run(%q): exit %d, stderr %q, stdout:\n%s", args, code, stderr.String(), stdout.String())
		}
	}
	newServeFlags(&tuiFlags{}, &serveFlags{}).VisitAll(func(f *flag.Flag) {
		if !isSwitch(f) && placeholders[f.Name] == "" {
			t.Errorf("--%s takes a value but has no placeholder for the usage", f.Name)
		}
	})
	for _, flag := range []string{"--listen HOST:PORT", "--authorized-keys FILE", "--host-key PATH", "--max-sessions N",
		"--idle-timeout DURATION", "--profile NAME", "--demo"} {
		if !strings.Contains(want, "  "+flag+" ") {
			t.Errorf("serve's usage lacks %q:\n%s", flag, want)
		}
	}
}

// serve refuses to start without the keys it lets in, or with a file it
// cannot read, before listening.
func TestServeCommandLine(t *testing.T) {
	dir := t.TempDir()
	for _, c := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"serve", "--demo"}, exitUsage, "serve needs --authorized-keys FILE"},
		{[]string{"serve", "--demo", "--max-sessions", "-1", "--authorized-keys", "x"}, exitUsage, "cannot be negative"},
		{[]string{"serve", "--demo", "--authorized-keys", filepath.Join(dir, "missing"), "--host-key", filepath.Join(dir, "hk"),
			"--audit-log", filepath.Join(dir, "audit.jsonl"), "--listen", "127.0.0.1:0"}, exitFailed, "authorized keys:"},
	} {
		var stdout, stderr bytes.Buffer
		code := run(c.args, &stdout, &stderr)
		if code != c.code || !strings.Contains(stderr.String(), c.want) {
			t.Errorf("run(%q): exit %d, stderr %q; want exit %d saying %q", c.args, code, stderr.String(), c.code, c.want)
		}
	}
}

func TestIsLoopback(t *testing.T) {
	for addr, want := range map[string]bool{
		"127.0.0.1:2222": true, "[::1]:2222": true, "localhost:2222": true,
		":2222": false, "0.0.0.0:2222": false, "10.0.0.5:22": false, "bastion:2222": false,
	} {
		if got := isLoopback(addr); got != want {
			t.Errorf("isLoopback(%q) = %v, want %v", addr, got, want)
		}
	}
}
