package main

import (
	"bytes"
	"context"
	"flag"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sqscope/sqscope/awsclient"
)

// usageOf is the usage text of a FlagSet, as printUsage writes it.
func usageOf(fs *flag.FlagSet) string {
	var b strings.Builder
	printUsage(&b, fs)
	return b.String()
}

// isolateAWS gives the SDK static credentials and nothing else from this
// machine (no profile, region, endpoint, config file, IMDS), so connecting
// is offline and the same everywhere.
func isolateAWS(t *testing.T, env map[string]string) {
	t.Helper()
	none := filepath.Join(t.TempDir(), "none")
	base := map[string]string{
		"AWS_ACCESS_KEY_ID": "test", "AWS_SECRET_ACCESS_KEY": "test",
		"AWS_CONFIG_FILE": none, "AWS_SHARED_CREDENTIALS_FILE": none, "AWS_EC2_METADATA_DISABLED": "true",
		// The audit log is opened at start: never in this machine's state.
		"XDG_STATE_HOME": filepath.Join(t.TempDir(), "state"),
		// Nor is this machine's configuration file read.
		"XDG_CONFIG_HOME": filepath.Join(t.TempDir(), "config"),
	}
	for _, k := range []string{"AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_REGION", "AWS_DEFAULT_REGION",
		"AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_SQS", "AWS_SESSION_TOKEN", "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"} {
		t.Setenv(k, "") // restores the old value after the test
		os.Unsetenv(k)  // the SDK tells "set but empty" from unset
	}
	for k, v := range base {
		t.Setenv(k, v)
	}
	for k, v := range env {
		t.Setenv(k, v)
	}
}

// Every command-line mistake gets one line that says what to type instead,
// printed once; exit code 2 for the command line, 1 for the environment.
func TestCommandLine(t *testing.T) {
	const noTTY = "sqscope: the TUI needs a terminal (stdin and stdout must be a TTY), but stdout is not one; for non-interactive use of the embedded SQS server, run `sqscope server`"
	tui, server := usageOf(newTUIFlags(&tuiFlags{})), usageOf(newServerFlags(&serverFlags{}))
	for _, c := range []struct {
		name     string
		args     []string
		env      map[string]string
		terminal bool   // pretend stdin and stdout are a terminal
		code     int    // exit code
		usage    string // usage expected on stderr before the lines
		stderr   []string
		ran      bool // the TUI would have started
	}{
		{name: "refresh without unit", args: []string{"--refresh", "5"}, code: 2,
			stderr: []string{"sqscope: --refresh 5 needs a unit, e.g. --refresh 5s (ms, s, m and h work)"}},
		{name: "refresh not a duration", args: []string{"--refresh=soon"}, code: 2,
			stderr: []string{`sqscope: --refresh "soon" is not a duration: a number with a unit, e.g. --refresh 5s`}},
		{name: "refresh too short", args: []string{"--refresh", "100ms"}, code: 2,
			stderr: []string{"sqscope: --refresh 100ms is too short (minimum 500ms)"}},
		{name: "refresh-all below refresh", args: []string{"--refresh-all", "1s"}, code: 2,
			stderr: []string{"sqscope: --refresh-all 1s is shorter than --refresh 3s: every queue cannot be read more often than those on screen"}},
		{name: "age-alert zero", args: []string{"--age-alert", "0s"}, code: 2,
			stderr: []string{"sqscope: --age-alert 0s must be longer than zero, e.g. --age-alert 30m"}},
		{name: "age-alert without CloudWatch", args: []string{"--no-cloudwatch", "--age-alert", "2h"}, code: 2,
			stderr: []string{"sqscope: --age-alert needs CloudWatch, which --no-cloudwatch turns off: leave out one of them"}},
		{name: "unknown flag", args: []string{"--nope"}, code: 2, usage: tui,
			stderr: []string{"sqscope: unknown flag --nope"}},
		{name: "unknown flag, single dash", args: []string{"-readonly"}, code: 2, usage: tui,
			stderr: []string{"sqscope: unknown flag --readonly (did you mean --read-only?)"}},
		{name: "flag cut short", args: []string{"--endpoint", "http://127.0.0.1:9324"}, code: 2, usage: tui,
			stderr: []string{"sqscope: unknown flag --endpoint (did you mean --endpoint-url?)"}},
		{name: "server: unknown flag", args: []string{"server", "--port", "9324"}, code: 2, usage: server,
			stderr: []string{"sqscope: unknown flag --port"}},
		{name: "flag without value", args: []string{"--region"}, code: 2,
			stderr: []string{"sqscope: --region needs a value: --region NAME"}},
		{name: "seed not a number", args: []string{"--demo", "--seed", "abc"}, code: 2,
			stderr: []string{`sqscope: --seed "abc" is not a whole number`}},
		{name: "switch given a value", args: []string{"--demo=yes"}, code: 2,
			stderr: []string{`sqscope: --demo takes no value (or =true, =false), not "yes"`}},
		{name: "switch given a separate value", args: []string{"--read-only", "true"}, code: 2,
			stderr: []string{`sqscope: unexpected argument "true": --read-only takes no value (write --read-only=true)`}},
		{name: "unknown command", args: []string{"sevrer"}, code: 2,
			stderr: []string{`sqscope: unknown command "sevrer" (did you mean server?); commands: ` + strings.Join(commands, ", ") + " (with none, sqscope opens the TUI)"}},
		{name: "unknown command, nothing close", args: []string{"frobnicate"}, code: 2,
			stderr: []string{`sqscope: unknown command "frobnicate"; commands: ` + strings.Join(commands, ", ") + " (with none, sqscope opens the TUI)"}},
		{name: "command after flags", args: []string{"--demo", "server"}, code: 2,
			stderr: []string{`sqscope: unexpected argument "server": a command comes before the flags (did you mean sqscope server …?)`}},
		{name: "stray argument", args: []string{"--demo", "orders"}, code: 2,
			stderr: []string{`sqscope: unexpected argument "orders": sqscope takes only flags (see sqscope --help)`}},
		{name: "server: stray argument", args: []string{"server", "orders"}, code: 2,
			stderr: []string{`sqscope: unexpected argument "orders": sqscope server takes only flags (see sqscope server --help)`}},
		{name: "help for an unknown command", args: []string{"help", "sevrer"}, code: 2,
			stderr: []string{`sqscope: unknown command "sevrer" (did you mean server?); commands: ` + strings.Join(commands, ", ") + " (with none, sqscope opens the TUI)"}},
		{name: "seed without demo", args: []string{"--seed", "7"}, code: 2,
			stderr: []string{"sqscope: --seed only applies with --demo: add --demo, or leave --seed out"}},
		{name: "server: seed without demo", args: []string{"server", "--seed", "7"}, code: 2,
			stderr: []string{"sqscope: --seed only applies with --demo: add --demo, or leave --seed out"}},

		// The test's stdout is a buffer, not a terminal: said before
		// connecting, so nothing starts.
		{name: "no terminal", args: []string{"--demo"}, code: 1, stderr: []string{noTTY}},
		{name: "no terminal, before the region check", args: []string{"--region", "EU West 1"}, code: 1, stderr: []string{noTTY}},
		{name: "demo ignores one flag", args: []string{"--demo", "--region", "eu-west-1"}, code: 1, stderr: []string{
			"sqscope: warning: --region ignored: --demo runs its own server", noTTY}},
		{name: "demo ignores three flags", args: []string{"--demo", "--region", "eu-west-1", "--profile", "prod", "--endpoint-url", "http://127.0.0.1:9324"},
			code: 1, stderr: []string{"sqscope: warning: --endpoint-url, --profile and --region ignored: --demo runs its own server", noTTY}},

		// Region checks run once the configuration is loaded; offline, with
		// static credentials.
		{name: "region malformed", args: []string{"--region", "EU West 1"}, terminal: true, code: 2, stderr: []string{
			`sqscope: --region "EU West 1" is malformed: a region is lowercase words and a number joined by hyphens, like eu-west-1 (did you mean eu-west-1?)`}},
		{name: "region malformed, from the environment", env: map[string]string{"AWS_REGION": "eu_west_1"}, terminal: true, code: 1, stderr: []string{
			`sqscope: region "eu_west_1" from AWS_REGION is malformed: a region is lowercase words and a number joined by hyphens, like eu-west-1 (did you mean eu-west-1?)`}},
		{name: "region unknown", args: []string{"--region", "eu-westt-1"}, terminal: true, code: 0, ran: true, stderr: []string{
			"sqscope: warning: unknown region eu-westt-1 (did you mean eu-west-1?); trying it anyway, as it may be newer than sqscope's list"}},
		{name: "region unknown, from the environment", env: map[string]string{"AWS_REGION": "eu-westt-1"}, terminal: true, code: 0, ran: true, stderr: []string{
			"sqscope: warning: unknown region eu-westt-1 from AWS_REGION (did you mean eu-west-1?); trying it anyway, as it may be newer than sqscope's list"}},
		{name: "region unknown, nothing close", args: []string{"--region", "xx-newplace-1"}, terminal: true, code: 0, ran: true, stderr: []string{
			"sqscope: warning: unknown region xx-newplace-1; trying it anyway, as it may be newer than sqscope's list"}},
		{name: "region known", args: []string{"--region", "eu-west-1"}, terminal: true, code: 0, ran: true},
		{name: "without CloudWatch", args: []string{"--region", "eu-west-1", "--no-cloudwatch"}, terminal: true, code: 0, ran: true},
		{name: "region FIPS", args: []string{"--region", "fips-us-east-1"}, terminal: true, code: 0, ran: true},
		{name: "any region with an endpoint", args: []string{"--endpoint-url", "http://127.0.0.1:9324", "--region", "elasticmq"}, terminal: true, code: 0, ran: true},
		{name: "any region with an endpoint from the environment", env: map[string]string{"AWS_ENDPOINT_URL_SQS": "http://127.0.0.1:9324"},
			args: []string{"--region", "elasticmq"}, terminal: true, code: 0, ran: true},
	} {
		t.Run(c.name, func(t *testing.T) {
			isolateAWS(t, c.env)
			// No case may start the TUI; one that would says so in ran.
			ran, oldNeed, oldRun := false, needTerminal, runProgram
			t.Cleanup(func() { needTerminal, runProgram = oldNeed, oldRun })
			runProgram = func(context.Context, *awsclient.SQS, tuiFlags, io.Writer) int { ran = true; return 0 }
			if c.terminal {
				needTerminal = func(io.Writer) error { return nil }
			}
			var stdout, stderr bytes.Buffer
			code := run(c.args, &stdout, &stderr)
			got := stderr.String()
			if c.usage != "" {
				rest, ok := strings.CutPrefix(got, c.usage)
				if !ok {
					t.Errorf("stderr does not start with the usage:\n%s", got)
				}
				got = rest
			}
			want := strings.Join(c.stderr, "\n")
			if want != "" {
				want += "\n"
			}
			if got != want {
				t.Errorf("run(%q) stderr:\n got %q\nwant %q", c.args, got, want)
			}
			if code != c.code || ran != c.ran || stdout.Len() > 0 {
				t.Errorf("run(%q): exit %d, TUI started %v, stdout %q; want exit %d, started %v, nothing on stdout",
					c.args, code, ran, stdout.String(), c.code, c.ran)
			}
		})
	}
}

// --no-cloudwatch leaves the UI without a metrics client (no call is ever
// made); without it the UI reads CloudWatch with the SQS client's
// configuration.
func TestNoCloudWatch(t *testing.T) {
	t.Setenv("XDG_CONFIG_HOME", t.TempDir()) // no configuration file
	client := awsclient.NewStatic("http://127.0.0.1:9324", "us-east-1", awsclient.Config{})
	for _, c := range []struct {
		args []string
		on   bool
	}{{nil, true}, {[]string{"--no-cloudwatch"}, false}} {
		f, _, done := parseTUIFlags(c.args, io.Discard, io.Discard)
		if done {
			t.Fatalf("%q did not parse", c.args)
		}
		if m := metricsFor(client, f); (m != nil) != c.on {
			t.Errorf("%q: metrics client %v, want one: %v", c.args, m, c.on)
		}
		if f.ageAlert != time.Hour {
			t.Errorf("%q: age alert %v, want the 1h default", c.args, f.ageAlert)
		}
	}
}

// The TUI opens the audit log before it starts: --audit-log names it, a
// log that cannot be opened is a warning and the TUI still runs, and
// read-only mode opens (and creates) nothing.
func TestAuditLogIsOpenedAtStart(t *testing.T) {
	isolateAWS(t, nil)
	oldNeed, oldRun := needTerminal, runProgram
	t.Cleanup(func() { needTerminal, runProgram = oldNeed, oldRun })
	needTerminal = func(io.Writer) error { return nil }
	var got tuiFlags
	runProgram = func(_ context.Context, _ *awsclient.SQS, f tuiFlags, _ io.Writer) int { got = f; return 0 }
	dir := t.TempDir()
	ep := []string{"--endpoint-url", "http://127.0.0.1:9324", "--region", "us-east-1"}

	path := filepath.Join(dir, "audit.jsonl")
	var stderr bytes.Buffer
	if code := run(append(ep, "--audit-log", path), io.Discard, &stderr); code != 0 || stderr.Len() > 0 {
		t.Fatalf("exit %d, stderr %q", code, stderr.String())
	}
	if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != 0o600 || got.auditLog != path {
		t.Errorf("audit log %s: %v, %v; flags say %q", path, fi, err, got.auditLog)
	}

	blocked := filepath.Join(dir, "file")
	if err := os.WriteFile(blocked, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	stderr.Reset()
	code := run(append(ep, "--audit-log", filepath.Join(blocked, "audit.jsonl")), io.Discard, &stderr)
	if code != 0 || !strings.Contains(stderr.String(), "sqscope: warning: changes will not be recorded") || !strings.Contains(strings.Join(got.warnings, ";"), "not be recorded") {
		t.Errorf("unopenable log: exit %d, stderr %q, warnings %q; want a warning and the TUI run", code, stderr.String(), got.warnings)
	}

	readOnly := filepath.Join(dir, "ro", "audit.jsonl")
	if code := run(append(ep, "--read-only", "--audit-log", readOnly), io.Discard, io.Discard); code != 0 {
		t.Fatalf("read-only: exit %d", code)
	}
	if _, err := os.Stat(filepath.Dir(readOnly)); !os.IsNotExist(err) {
		t.Errorf("read-only mode created %s (%v)", filepath.Dir(readOnly), err)
	}
}
