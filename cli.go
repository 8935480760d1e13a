package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/sqscope/sqscope/scripting"
	"github.com/sqscope/sqscope/suggest"
)

// The standard flag package is kept (no new dependency), but its own output
// is not: it prints an error twice (once itself, once through the caller)
// and spells flags `-demo` while the README and every example say `--demo`.
// parseFlags silences it, prints the usage below and turns its errors into
// one line that says what to type instead.

// synopses head the usage of each FlagSet, by its name.
var synopses = map[string]string{
	"sqscope": `usage: sqscope [flags]           browse SQS queues (standard AWS SDK configuration)
       sqscope server [flags]    run the embedded SQS-compatible server alone
       sqscope config [flags]    the configuration file and the settings in effect
       sqscope serve [flags]     serve the TUI over SSH, a role per key (see sqscope help serve)
       sqscope help [command]    this help, or a command's`,
	"sqscope server": `usage: sqscope server [flags]    run the embedded SQS-compatible server alone, for the
                                 AWS CLI, boto3 or any SDK (in memory, no authentication)`,
	"sqscope config": `usage: sqscope config [flags]    print the configuration file in use and every setting in effect,
                                 with where it came from (default, environment, file, flag);
                                 takes the TUI's flags, to show what they change`,
}

// placeholders name a flag's value in the usage; flags not listed are switches.
var placeholders = map[string]string{
	"profile": "NAME", "region": "NAME", "queue": "NAME|URL|ARN|LINK", "endpoint-url": "URL", "audit-log": "PATH", "config": "PATH",
	"refresh": "DURATION", "refresh-all": "DURATION", "age-alert": "DURATION", "seed": "N", "addr": "HOST:PORT",
}

// printUsage writes the synopsis and every flag of fs, spelled with `--`.
func printUsage(w io.Writer, fs *flag.FlagSet) {
	fmt.Fprintf(w, "%s\n\nflags:\n", synopses[fs.Name()])
	width := 0
	fs.VisitAll(func(f *flag.Flag) { width = max(width, len(flagSpelling(f))) })
	fs.VisitAll(func(f *flag.Flag) {
		line := fmt.Sprintf("  %-*s  %s", width, flagSpelling(f), f.Usage)
		if f.DefValue != "" && f.DefValue != "0" && !isSwitch(f) {
			line += " (default " + f.DefValue + ")"
		}
		fmt.Fprintln(w, line)
	})
}

func flagSpelling(f *flag.Flag) string {
	if isSwitch(f) {
		return dashed(f.Name)
	}
	return dashed(f.Name) + " " + placeholders[f.Name]
}

// dashed is how usage and errors write a flag: `--name`, but a one-letter
// flag as people type it, `-n`.
func dashed(name string) string {
	if len(name) == 1 {
		return "-" + name
	}
	return "--" + name
}

func isSwitch(f *flag.Flag) bool {
	b, ok := f.Value.(interface{ IsBoolFlag() bool })
	return ok && b.IsBoolFlag()
}

// parseFlags parses args into fs. When the command cannot go on — help was
// asked for, or the command line is wrong — done is true and code is the
// exit code; the user has been told why.
func parseFlags(fs *flag.FlagSet, args []string, stdout, stderr io.Writer) (code int, done bool) {
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	err := fs.Parse(args)
	switch {
	case errors.Is(err, flag.ErrHelp):
		printUsage(stdout, fs)
		return 0, true
	case err != nil:
		msg, withUsage := describeFlagError(fs, err)
		if withUsage {
			printUsage(stderr, fs)
		}
		return usageFail(stderr, "%s", msg), true
	case fs.NArg() > 0:
		return usageFail(stderr, "%s", describeArgument(fs, args)), true
	}
	return 0, false
}

// invalidValue matches the flag package's two "invalid value" errors.
var invalidValue = regexp.MustCompile(`^invalid (?:boolean )?value (".*") for (?:flag )?-(\S+): `)

// describeFlagError rewrites an error of fs.Parse as one line, and says
// whether the usage helps (it does when the user does not know the flag).
func describeFlagError(fs *flag.FlagSet, err error) (msg string, withUsage bool) {
	s := err.Error()
	if name, ok := strings.CutPrefix(s, "flag provided but not defined: -"); ok {
		return "unknown flag --" + name + suggest.DidYouMean(name, flagNames(fs), "--"), true
	}
	if name, ok := strings.CutPrefix(s, "flag needs an argument: -"); ok {
		return fmt.Sprintf("%s needs a value: %s %s", dashed(name), dashed(name), placeholders[name]), false
	}
	if m := invalidValue.FindStringSubmatch(s); m != nil {
		if f := fs.Lookup(m[2]); f != nil {
			v, _ := strconv.Unquote(m[1])
			return describeBadValue(f, v), false
		}
	}
	return s, true // "bad flag syntax: ---x": rare, and the usage shows the right spelling
}

// describeBadValue says what a flag's value should look like, by its type.
func describeBadValue(f *flag.Flag, v string) string {
	var typed any
	if g, ok := f.Value.(flag.Getter); ok {
		typed = g.Get()
	}
	switch typed.(type) {
	case time.Duration:
		if _, err := strconv.ParseFloat(v, 64); err == nil {
			return fmt.Sprintf("--%s %s needs a unit, e.g. --%s %ss (ms, s, m and h work)", f.Name, v, f.Name, v)
		}
		return fmt.Sprintf("--%s %q is not a duration: a number with a unit, e.g. --%s 5s", f.Name, v, f.Name)
	case int64, int:
		return fmt.Sprintf("%s %q is not a whole number", dashed(f.Name), v)
	case bool:
		return fmt.Sprintf("--%s takes no value (or =true, =false), not %q", f.Name, v)
	}
	return fmt.Sprintf("invalid value %q for --%s", v, f.Name)
}

// describeArgument explains a positional argument: fs's commands take none.
func describeArgument(fs *flag.FlagSet, args []string) string {
	arg := fs.Arg(0)
	if fs.Name() == "sqscope" {
		if c := suggest.Closest(arg, commands); c != "" {
			return fmt.Sprintf("unexpected argument %q: a command comes before the flags (did you mean sqscope %s …?)", arg, c)
		}
	}
	// Parse stops at the first argument that is not a flag; the one before
	// it may be a switch given a separate value, which the flag package
	// does not take (`--demo true`).
	if i := len(args) - fs.NArg(); i > 0 && args[i-1] != "--" {
		f := fs.Lookup(strings.TrimLeft(args[i-1], "-"))
		if _, err := strconv.ParseBool(arg); err == nil && f != nil && isSwitch(f) {
			return fmt.Sprintf("unexpected argument %q: --%s takes no value (write --%s=%s)", arg, f.Name, f.Name, arg)
		}
	}
	return fmt.Sprintf("unexpected argument %q: %s takes only flags (see %s --help)", arg, fs.Name(), fs.Name())
}

func unknownCommand(stderr io.Writer, name string) int {
	return usageFail(stderr, "unknown command %q%s; commands: %s (with none, sqscope opens the TUI)",
		name, suggest.DidYouMean(name, commands, ""), strings.Join(commands, ", "))
}

// runHelp prints the usage of sqscope or of one command on stdout.
func runHelp(args []string, stdout, stderr io.Writer) int {
	fs := newTUIFlags(&tuiFlags{})
	switch {
	case len(args) > 1:
		return usageFail(stderr, "help takes at most one command, one of: %s", strings.Join(commands, ", "))
	case len(args) == 1 && args[0] == "server":
		fs = newServerFlags(&serverFlags{})
	case len(args) == 1 && args[0] == "config":
		fs = newConfigFlags(&tuiFlags{}, new(bool))
	case len(args) == 1 && scripting.Lookup(args[0]) != nil:
		fs, _ = newScriptFlags(scripting.Lookup(args[0]), &tuiFlags{})
	case len(args) == 1 && args[0] == "serve":
		fs = newServeFlags(&tuiFlags{}, &serveFlags{})
	case len(args) == 1 && args[0] != "help" && !strings.HasPrefix(args[0], "-"):
		return unknownCommand(stderr, args[0])
	}
	printUsage(stdout, fs)
	return 0
}

// setFlags names the flags given on the command line.
func setFlags(fs *flag.FlagSet) map[string]bool {
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	return set
}

func flagNames(fs *flag.FlagSet) []string {
	var names []string
	fs.VisitAll(func(f *flag.Flag) { names = append(names, f.Name) })
	return names
}

// seedWithoutDemo refuses --seed alone: it can only mean the demo, so the
// user most likely forgot --demo, and an ignored --seed would go unseen
// behind the TUI.
func seedWithoutDemo(fs *flag.FlagSet, demo bool, stderr io.Writer) (code int, done bool) {
	if demo || !setFlags(fs)["seed"] {
		return 0, false
	}
	return usageFail(stderr, "--seed only applies with --demo: add --demo, or leave --seed out"), true
}
