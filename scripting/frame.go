// Package scripting holds sqscope's non-interactive subcommands (ls, peek,
// export, send, redrive, purge) and the frame they share: exit codes, the
// streams, JSON output, queue arguments, confirmation and signals.
//
// The commands reach SQS only through awsclient, the TUI's adapter, so a
// script gets the same safety as the TUI (the safe peek, the read-only
// guard, the audit log) and there is no second code path to keep right.
// Parsing the shared flags (--profile, --region, --endpoint-url,
// --read-only, --demo, the configuration file) and building the client
// stay in package main, beside the TUI's own, and reach a command as Env.
// This package never imports ui/ (ui/sanitize, a leaf, excepted).
package scripting

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os/signal"
	"slices"
	"strings"
	"syscall"

	"github.com/sqscope/sqscope/awsclient"
)

// Exit codes, the same for every subcommand, so a runbook can tell "fix the
// command" from "nothing happened, safe to run again" from "look at what
// was done".
const (
	// ExitOK: everything asked was done.
	ExitOK = 0
	// ExitFailed: an error stopped the command, or some of its items
	// failed; the report says which. Some work may have been done.
	ExitFailed = 1
	// ExitUsage: the command line is wrong (unknown flag, missing or
	// unknown QUEUE, bad value); nothing was done.
	ExitUsage = 2
	// ExitNothingDone: the command stopped before doing anything, safely:
	// it needed --yes off a terminal, the answer was no, or read-only mode
	// refused it.
	ExitNothingDone = 3
	// ExitInterrupted: SIGINT, SIGTERM or SIGHUP stopped the command
	// cleanly (held messages released, a move stopped between batches);
	// 128+SIGINT, as shells report a ^C.
	ExitInterrupted = 130
)

// Command is one subcommand.
type Command struct {
	Name string
	// Synopsis heads the command's usage (sqscope help NAME).
	Synopsis string
	// Args names the positional arguments, all required, e.g. {"QUEUE"}.
	Args []string
	// Changes: the command can change queues or messages (send, redrive,
	// purge), so the audit log is opened for it, as the TUI opens it. A
	// reading command opens (and creates) none, and never warns that
	// changes will not be recorded.
	Changes bool
	// Placeholders name the values of the command's own flags in the
	// usage, by flag name ("n": "N"); flags not listed are switches.
	Placeholders map[string]string
	// Bind adds the command's own flags to fs (which already holds the
	// shared ones) and returns the function that runs the command with
	// their values once fs is parsed.
	Bind func(fs *flag.FlagSet) Runner
}

// Runner runs a command: args are its positional arguments, already
// counted against Command.Args. It returns the exit code.
type Runner func(ctx context.Context, env *Env, args []string) int

// Env is what a command runs with: its streams, whether a person is there
// to answer, and how to reach SQS with the shared flags' settings.
type Env struct {
	Stdout, Stderr io.Writer
	// Stdin is where an answer to a question is read; Interactive says a
	// person is typing it (stdin is a terminal). Off a terminal nothing
	// is asked: --yes must have been given.
	Stdin       io.Reader
	Interactive bool
	// Terminal: stdout is a terminal (a person reads it, not a program);
	// ErrTerminal: stderr is (progress may redraw a line there).
	Terminal, ErrTerminal bool
	// ReadOnly is --read-only (or the file's read-only) in effect.
	ReadOnly bool
	// Connect builds the client (the demo server's with --demo). Commands
	// call it once, after checking their arguments, so a wrong command
	// line costs no credentials lookup.
	Connect func(ctx context.Context) (awsclient.Client, error)
}

// registry holds every command, registered by its own file's init.
var registry = map[string]*Command{}

// order is the order usage and errors list the commands in; one not
// listed comes last.
var order = []string{"ls", "peek", "export", "send", "redrive", "purge"}

func register(c *Command) { registry[c.Name] = c }

// Lookup is the command called name, or nil.
func Lookup(name string) *Command { return registry[name] }

// Commands are all the commands, in usage order.
func Commands() []*Command {
	out := make([]*Command, 0, len(registry))
	for _, c := range registry {
		out = append(out, c)
	}
	rank := func(c *Command) int {
		if i := slices.Index(order, c.Name); i >= 0 {
			return i
		}
		return len(order)
	}
	slices.SortFunc(out, func(a, b *Command) int {
		if d := rank(a) - rank(b); d != 0 {
			return d
		}
		return strings.Compare(a.Name, b.Name)
	})
	return out
}

// Names are the commands' names, in usage order.
func Names() []string {
	var out []string
	for _, c := range Commands() {
		out = append(out, c.Name)
	}
	return out
}

// Run counts args against c.Args, then runs it.
func Run(ctx context.Context, c *Command, run Runner, env *Env, args []string) int {
	switch {
	case len(args) < len(c.Args):
		missing := c.Args[len(args)]
		return env.Usage("%s needs a %s: %s (see sqscope help %s)", c.Name, missing, argHelp[missing], c.Name)
	case len(args) > len(c.Args):
		extra := args[len(c.Args)]
		if len(c.Args) == 0 {
			return env.Usage("unexpected argument %q: %s takes only flags (see sqscope help %s)", extra, c.Name, c.Name)
		}
		return env.Usage("unexpected argument %q: %s takes one %s (see sqscope help %s)", extra, c.Name, strings.Join(c.Args, " "), c.Name)
	}
	return run(ctx, env, args)
}

// argHelp says what a positional argument may be.
var argHelp = map[string]string{
	"QUEUE": "a queue name, queue URL, ARN or console link",
	"DLQ":   "a dead-letter queue's name, queue URL, ARN or console link",
}

// Fail prints one line on stderr and returns code.
func (e *Env) Fail(code int, format string, args ...any) int {
	fmt.Fprintf(e.Stderr, "sqscope: "+format+"\n", args...)
	return code
}

// Usage is Fail for a command line that cannot be used.
func (e *Env) Usage(format string, args ...any) int { return e.Fail(ExitUsage, format, args...) }

// Note prints one line for the person watching, always on stderr, so
// stdout carries only the command's output.
func (e *Env) Note(format string, args ...any) {
	fmt.Fprintf(e.Stderr, "sqscope: "+format+"\n", args...)
}

// Client connects, saying why it could not. code is non-zero on failure.
func (e *Env) Client(ctx context.Context) (awsclient.Client, int) {
	c, err := e.Connect(ctx)
	var said *ExitError
	switch {
	case errors.As(err, &said) && said.Err == nil:
		return nil, said.Code
	case errors.As(err, &said):
		return nil, e.Fail(said.Code, "%v", said.Err)
	case err != nil:
		return nil, e.Fail(ExitFailed, "%v", err)
	}
	return c, ExitOK
}

// ExitError is a failure to connect that has been told to the user
// already and carries its exit code (a malformed --region is a usage
// error).
type ExitError struct {
	Code int
	Err  error // nil when the message was printed
}

func (e *ExitError) Error() string {
	if e.Err == nil {
		return fmt.Sprintf("exit %d", e.Code)
	}
	return e.Err.Error()
}

func (e *ExitError) Unwrap() error { return e.Err }

// SignalContext is parent, cancelled by SIGINT, SIGTERM or SIGHUP (a
// dropped SSH session): a command then stops between calls and gives back
// what it holds (peeked messages made visible, a move stopped between
// batches) before it exits with ExitInterrupted. Until stop is called,
// a second ^C does not kill the process halfway through that cleanup.
func SignalContext(parent context.Context) (ctx context.Context, stop context.CancelFunc) {
	return signal.NotifyContext(parent, syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP)
}

// Interrupted reports whether ctx ended, which for a command's context
// means a signal arrived.
func Interrupted(ctx context.Context) bool { return ctx.Err() != nil }
