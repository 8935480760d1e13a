// Command sqscope is a terminal UI for Amazon SQS. With no subcommand it runs
// the TUI; `sqscope server` runs the embedded SQS-compatible server alone.
package main

import (
	"fmt"
	"io"
	"os"
	"runtime/debug"
)

// version is set at link time (-ldflags "-X main.version=…"); otherwise it
// comes from the module's build info.
var version = ""

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run dispatches to a subcommand and returns the process exit code, so tests
// can drive the whole command line without exiting.
func run(args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 && args[0] == "server" {
		return runServer(args[1:], stdout, stderr)
	}
	return runTUI(args, stdout, stderr)
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

// fail prints one clear line for the user and returns the exit code 1.
func fail(stderr io.Writer, format string, args ...any) int {
	fmt.Fprintf(stderr, "sqscope: "+format+"\n", args...)
	return 1
}
