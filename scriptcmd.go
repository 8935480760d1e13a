package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"maps"
	"os"
	"slices"
	"strings"

	"github.com/charmbracelet/x/term"

	"github.com/sqscope/sqscope/audit"
	"github.com/sqscope/sqscope/awsclient"
	"github.com/sqscope/sqscope/scripting"
)

// The scripting subcommands (ls, peek, export, …) live in scripting/; this
// file gives them the TUI's shared flags, configuration file and client,
// so a script connects exactly as the TUI would.

// scriptShared are the TUI flags a subcommand takes: where to connect and
// how safely. The TUI's display flags (refresh, CloudWatch, --queue) mean
// nothing to a command that runs once.
var scriptShared = []string{"profile", "region", "endpoint-url", "read-only", "demo", "seed", "audit-log", "config"}

// Seams for the tests: they have no terminal on stdin, and a test of
// SIGINT needs to know when the signal has stopped the command.
var (
	scriptInput   = func() (io.Reader, bool) { return os.Stdin, term.IsTerminal(os.Stdin.Fd()) }
	signalContext = scripting.SignalContext
)

func init() {
	// sqscope's own usage lists them on one line, before help.
	if len(scripting.Names()) == 0 {
		return
	}
	line := fmt.Sprintf("       sqscope %s …  for scripts: do one thing, text or --json (sqscope help ls)\n", strings.Join(scripting.Names(), "|"))
	synopses["sqscope"] = strings.Replace(synopses["sqscope"], "       sqscope help", line+"       sqscope help", 1)
	for _, c := range scripting.Commands() {
		synopses["sqscope "+c.Name] = c.Synopsis
		maps.Copy(placeholders, c.Placeholders)
	}
}

// newScriptFlags are the shared flags of command c and its own.
func newScriptFlags(c *scripting.Command, f *tuiFlags) (*flag.FlagSet, scripting.Runner) {
	fs := flag.NewFlagSet("sqscope "+c.Name, flag.ContinueOnError)
	newTUIFlags(f).VisitAll(func(fl *flag.Flag) {
		if slices.Contains(scriptShared, fl.Name) {
			fs.Var(fl.Value, fl.Name, fl.Usage)
		}
	})
	return fs, c.Bind(fs)
}

// runScript runs one subcommand: flags and configuration as the TUI reads
// them, then the command under a context that SIGINT, SIGTERM and SIGHUP
// cancel.
func runScript(c *scripting.Command, args []string, stdout, stderr io.Writer) int {
	var f tuiFlags
	fs, runner := newScriptFlags(c, &f)
	pos, code, done := parseScriptFlags(fs, args, stdout, stderr)
	if done {
		return code
	}
	if code, done := loadConfig(fs, &f, stderr); done {
		return code
	}
	if code, done := checkTUIFlags(fs, &f, stderr); done {
		return code
	}
	// A profile the configuration's read-only pattern names is read-only,
	// as the TUI starts it; a command cannot switch out of it, so it is
	// read-only throughout (and needs no audit log).
	f.readOnly = f.readOnly || startsReadOnly(f)
	ctx, stop := signalContext(context.Background())
	defer stop()
	// The demo server must outlive a signal: the command still releases
	// what it holds there after ctx is cancelled.
	life, end := context.WithCancel(context.Background())
	defer end()
	var auditLog *audit.Log // opened by Connect for a command that changes things
	defer func() {
		if auditLog != nil {
			auditLog.Close()
		}
	}()
	in, interactive := scriptInput()
	env := &scripting.Env{Stdout: stdout, Stderr: stderr, Stdin: in, Interactive: interactive,
		Terminal: isTerminal(stdout), ErrTerminal: isTerminal(stderr), ReadOnly: f.readOnly}
	env.Connect = func(ctx context.Context) (awsclient.Client, error) {
		cfg := awsclient.Config{Profile: f.profile, Region: f.region, EndpointURL: f.endpointURL, ReadOnly: f.readOnly}
		if c.Changes {
			if log := openAuditLog(&f, stderr); log != nil {
				auditLog, cfg.Audit = log, log
			}
		}
		if f.demo {
			return startDemo(life, f.seed, cfg)
		}
		client, err := awsclient.New(ctx, cfg)
		if err != nil {
			return nil, err
		}
		if code, done := checkSessionRegion(client, &f, stderr); done {
			return nil, &scripting.ExitError{Code: code} // already said
		}
		return client, nil
	}
	return scripting.Run(ctx, c, runner, env, pos)
}

// parseScriptFlags parses args into fs, flags and arguments in any order
// (`peek orders -n 5` as well as `peek -n 5 orders`); "--" ends the
// flags. done means exit with code; the user has been told why.
func parseScriptFlags(fs *flag.FlagSet, args []string, stdout, stderr io.Writer) (pos []string, code int, done bool) {
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	for {
		err := fs.Parse(args)
		switch {
		case errors.Is(err, flag.ErrHelp):
			printUsage(stdout, fs)
			return nil, 0, true
		case err != nil:
			msg, withUsage := describeFlagError(fs, err)
			if withUsage {
				printUsage(stderr, fs)
			}
			return nil, usageFail(stderr, "%s", msg), true
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, 0, false
		}
		if i := len(args) - len(rest); i > 0 && args[i-1] == "--" {
			return append(pos, rest...), 0, false
		}
		pos, args = append(pos, rest[0]), rest[1:]
	}
}

// isTerminal reports whether w is a terminal (a buffer in tests is not).
func isTerminal(w io.Writer) bool {
	f, ok := w.(interface{ Fd() uintptr })
	return ok && term.IsTerminal(f.Fd())
}
