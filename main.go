// Command sqscope is a terminal UI for Amazon SQS. With no subcommand it runs
// the TUI; `sqscope server` runs the embedded SQS-compatible server alone;
// `sqscope config` shows the configuration in effect; the scripting
// commands (ls, peek, export, …; see scripting/) do one thing and exit.
package main

import (
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"

	"github.com/sqscope/sqscope/scripting"
)

// version is set at link time (-ldflags "-X main.version=…"); otherwise it
// comes from the module's build info.
var version = ""

// Exit codes: a command line sqscope cannot use is told apart from a run
// that failed, so a script can tell "fix the command" from "try again".
const (
	exitFailed = 1 // could not connect, no terminal, the server could not listen
	exitUsage  = 2 // the command line is wrong: unknown flag or command, bad value
)

// commands are the subcommands, in the order usage and errors list them;
// the scripting ones come from their package's registry.
var commands = append(append([]string{"server", "config", "serve"}, scripting.Names()...), "help")

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run dispatches to a subcommand and returns the process exit code, so tests
// can drive the whole command line without exiting.
func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || strings.HasPrefix(args[0], "-") {
		return runTUI(args, stdout, stderr)
	}
	switch args[0] {
	case "server":
		return runServer(args[1:], stdout, stderr)
	case "config":
		return runConfig(args[1:], stdout, stderr)
	case "serve":
		return runServe(args[1:], stdout, stderr)
	case "help":
		return runHelp(args[1:], stdout, stderr)
	}
	if c := scripting.Lookup(args[0]); c != nil {
		return runScript(c, args[1:], stdout, stderr)
	}
	return unknownCommand(stderr, args[0])
}

func versionString() string {
	if version != "" {
		return version
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "dev"
}

// fail prints one clear line for the user and returns exitFailed.
func fail(stderr io.Writer, format string, args ...any) int {
	fmt.Fprintf(stderr, "sqscope: "+format+"\n", args...)
	return exitFailed
}

// usageFail is fail for a command line sqscope cannot use.
func usageFail(stderr io.Writer, format string, args ...any) int {
	fail(stderr, format, args...)
	return exitUsage
}

// warn prints one line about something sqscope ignores or doubts, and goes
// on; it returns the line, for the TUI's status line.
func warn(stderr io.Writer, format string, args ...any) string {
	line := fmt.Sprintf(format, args...)
	fmt.Fprintln(stderr, "sqscope: warning: "+line)
	return "⚠ " + line // the status line's 80 columns are shared with the refresh state
}
