package main

import (
	"bytes"
	"flag"
	"strings"
	"testing"
)

// usageOf is the usage text of a FlagSet, as printUsage writes it.
func usageOf(fs *flag.FlagSet) string {
	var b strings.Builder
	printUsage(&b, fs)
	return b.String()
}

// Every command-line mistake gets one line that says what to type instead,
// printed once; exit code 2 for the command line, 1 for the environment.
func TestCommandLine(t *testing.T) {
	const noTTY = "sqscope: the TUI needs a terminal (stdin and stdout must be a TTY), but stdout is not one; for non-interactive use of the embedded SQS server, run `sqscope server`"
	tui, server := usageOf(newTUIFlags(&tuiFlags{})), usageOf(newServerFlags(&serverFlags{}))
	for _, c := range []struct {
		name   string
		args   []string
		code   int    // exit code
		usage  string // usage expected on stderr before the lines
		stderr []string
	}{
		{name: "refresh without unit", args: []string{"--refresh", "5"}, code: 2,
			stderr: []string{"sqscope: --refresh 5 needs a unit, e.g. --refresh 5s (ms, s, m and h work)"}},
		{name: "refresh not a duration", args: []string{"--refresh=soon"}, code: 2,
			stderr: []string{`sqscope: --refresh "soon" is not a duration: a number with a unit, e.g. --refresh 5s`}},
		{name: "refresh too short", args: []string{"--refresh", "100ms"}, code: 2,
			stderr: []string{"sqscope: --refresh 100ms is too short (minimum 500ms)"}},
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
		{name: "unknown command", args: []string{"serve"}, code: 2,
			stderr: []string{`sqscope: unknown command "serve" (did you mean server?); commands: server, help (with none, sqscope opens the TUI)`}},
		{name: "unknown command, nothing close", args: []string{"ls"}, code: 2,
			stderr: []string{`sqscope: unknown command "ls"; commands: server, help (with none, sqscope opens the TUI)`}},
		{name: "command after flags", args: []string{"--demo", "server"}, code: 2,
			stderr: []string{`sqscope: unexpected argument "server": a command comes before the flags (did you mean sqscope server …?)`}},
		{name: "stray argument", args: []string{"--demo", "orders"}, code: 2,
			stderr: []string{`sqscope: unexpected argument "orders": sqscope takes only flags (see sqscope --help)`}},
		{name: "server: stray argument", args: []string{"server", "orders"}, code: 2,
			stderr: []string{`sqscope: unexpected argument "orders": sqscope server takes only flags (see sqscope server --help)`}},
		{name: "help for an unknown command", args: []string{"help", "serve"}, code: 2,
			stderr: []string{`sqscope: unknown command "serve" (did you mean server?); commands: server, help (with none, sqscope opens the TUI)`}},
		{name: "seed without demo", args: []string{"--seed", "7"}, code: 2,
			stderr: []string{"sqscope: --seed only applies with --demo: add --demo, or leave --seed out"}},
		{name: "server: seed without demo", args: []string{"server", "--seed", "7"}, code: 2,
			stderr: []string{"sqscope: --seed only applies with --demo: add --demo, or leave --seed out"}},

		// The test's stdout is a buffer, not a terminal: said before
		// connecting, so nothing starts.
		{name: "no terminal", args: []string{"--demo"}, code: 1, stderr: []string{noTTY}},
		{name: "demo ignores one flag", args: []string{"--demo", "--region", "eu-west-1"}, code: 1, stderr: []string{
			"sqscope: warning: --demo runs its own local server, so --region is ignored", noTTY}},
		{name: "demo ignores three flags", args: []string{"--demo", "--region", "eu-west-1", "--profile", "prod", "--endpoint-url", "http://127.0.0.1:9324"},
			code: 1, stderr: []string{"sqscope: warning: --demo runs its own local server, so --endpoint-url, --profile and --region are ignored", noTTY}},
	} {
		t.Run(c.name, func(t *testing.T) {
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
			if code != c.code || stdout.Len() > 0 {
				t.Errorf("run(%q): exit %d, stdout %q; want exit %d, nothing on stdout", c.args, code, stdout.String(), c.code)
			}
		})
	}
}
