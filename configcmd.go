package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"regexp"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/sqscope/sqscope/audit"
	"github.com/sqscope/sqscope/config"
	"github.com/sqscope/sqscope/keymap"
	"github.com/sqscope/sqscope/ui/common"
)

// newConfigFlags are the TUI's flags (so `sqscope config --read-only`
// shows what that run would use) and --example.
func newConfigFlags(f *tuiFlags, example *bool) *flag.FlagSet {
	fs := flag.NewFlagSet("sqscope config", flag.ContinueOnError)
	newTUIFlags(f).VisitAll(func(fl *flag.Flag) { fs.Var(fl.Value, fl.Name, fl.Usage) })
	fs.BoolVar(example, "example", false, "print a commented example configuration file and exit")
	return fs
}

// runConfig prints which configuration file is in use and every setting in
// effect with where it came from (default, environment, file, flag); the
// TUI would refuse a file with mistakes, and so does this, with the same
// lines.
func runConfig(args []string, stdout, stderr io.Writer) int {
	var f tuiFlags
	var example bool
	fs := newConfigFlags(&f, &example)
	if code, done := parseFlags(fs, args, stdout, stderr); done {
		return code
	}
	if example {
		fmt.Fprint(stdout, config.Example)
		return 0
	}
	if code, done := loadConfig(fs, &f, stderr); done {
		return code
	}
	if code, done := checkTUIFlags(fs, &f, stderr); done {
		return code
	}
	printConfig(stdout, &f)
	return 0
}

// printConfig writes the file's path and the settings in effect.
func printConfig(w io.Writer, f *tuiFlags) {
	file := f.file
	switch {
	case file.Found:
		fmt.Fprintf(w, "configuration file: %s\n\n", file.Path)
	case file.Path == "":
		fmt.Fprintln(w, "configuration file: none (no place for one: set XDG_CONFIG_HOME or HOME, or use --config)")
		fmt.Fprintln(w)
	default:
		fmt.Fprintf(w, "configuration file: none (it would be %s; sqscope config --example prints one to start from)\n\n", file.Path)
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "setting\tvalue\tfrom")
	for _, s := range config.Settings {
		fmt.Fprintf(tw, "%s\t%s\t%s\n", s.Key, settingValue(f, s.Key), f.origins[s.Key])
	}
	tw.Flush()

	fmt.Fprintln(w)
	switch {
	case len(file.Theme) == 0:
		fmt.Fprintln(w, "theme: the default colours")
	default:
		fmt.Fprintln(w, "theme:")
		for _, role := range themeRolesSet(file) {
			p := file.Set["theme."+role]
			fmt.Fprintf(tw, "  %s\t%s\tfile %s:%d:%d\n", role, file.Theme[role], file.Path, p.Line, p.Col)
		}
		tw.Flush()
	}
	if os.Getenv("NO_COLOR") != "" {
		fmt.Fprintln(w, "  (NO_COLOR is set: no colours at all, whatever the theme says)")
	}

	fmt.Fprintln(w)
	if len(file.Overridden) == 0 {
		fmt.Fprintln(w, "keys: the defaults (? in sqscope lists them)")
		return
	}
	fmt.Fprintln(w, "keys (the others are the defaults; ? in sqscope lists them all):")
	def := keymap.Default()
	for _, n := range file.Overridden {
		p := file.Set["keys."+n.String()]
		fmt.Fprintf(tw, "  %s\t%s\tinstead of %s\tfile %s:%d:%d\n", n, strings.Join(file.Keys.Lookup(n).Keys(), " "),
			strings.Join(def.Lookup(n).Keys(), " "), file.Path, p.Line, p.Col)
	}
	tw.Flush()
}

// themeRolesSet are the roles the file colours, in the Styles' order.
func themeRolesSet(file *config.File) []string {
	var out []string
	for _, r := range common.ThemeRoles() {
		if _, ok := file.Theme[r]; ok {
			out = append(out, r)
		}
	}
	return out
}

// settingValue shows a setting's value in effect; what the SDK decides
// (no flag, variable or file) is said in words.
func settingValue(f *tuiFlags, name string) string {
	if env := f.origins[name]; env.kind == "environment" {
		return os.Getenv(env.where)
	}
	switch name {
	case "profile":
		return orSaid(f.profile, "(the SDK's: \"default\")")
	case "region":
		return orSaid(f.region, "(the profile's)")
	case "endpoint-url":
		return orSaid(f.endpointURL, "(AWS's regional endpoint)")
	case "refresh":
		return shortDuration(f.refresh)
	case "refresh-all":
		return shortDuration(f.refreshAll)
	case "read-only":
		return fmt.Sprint(f.readOnly)
	case "read-only-pattern":
		return orSaid(patternString(f.file.ReadOnlyPattern), "(none)")
	case "prod-pattern":
		return patternString(f.file.ProdPattern)
	case "cloudwatch":
		return fmt.Sprint(!f.noCloudWatch)
	case "age-alert":
		return shortDuration(f.ageAlert)
	case "audit-log":
		if f.auditLog != "" {
			return f.auditLog
		}
		p, err := audit.DefaultPath()
		if err != nil {
			return "(none: " + err.Error() + ")"
		}
		return p
	}
	return "?"
}

func patternString(re *regexp.Regexp) string {
	if re == nil {
		return ""
	}
	return re.String()
}

func orSaid(v, said string) string {
	if v == "" {
		return said
	}
	return v
}

// shortDuration is d as the user would write it: 1h, 90s, 1m30s.
func shortDuration(d time.Duration) string {
	s := d.String()
	if strings.HasSuffix(s, "m0s") {
		s = strings.TrimSuffix(s, "0s")
	}
	if strings.HasSuffix(s, "h0m") {
		s = strings.TrimSuffix(s, "0m")
	}
	return s
}
