package main

import (
	"bytes"
	"flag"
	"regexp"
	"strings"
	"testing"
)

// Help asked for goes to stdout with exit 0, so `sqscope --help | less`
// works; it is the same usage a mistake prints on stderr.
func TestHelp(t *testing.T) {
	tui, server := usageOf(newTUIFlags(&tuiFlags{})), usageOf(newServerFlags(&serverFlags{}))
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"-h"}, tui},
		{[]string{"--help"}, tui},
		{[]string{"help"}, tui},
		{[]string{"help", "help"}, tui},
		{[]string{"help", "server"}, server},
		{[]string{"help", "config"}, usageOf(newConfigFlags(&tuiFlags{}, new(bool)))},
		{[]string{"config", "--help"}, usageOf(newConfigFlags(&tuiFlags{}, new(bool)))},
		{[]string{"server", "--help"}, server},
	} {
		var stdout, stderr bytes.Buffer
		if code := run(c.args, &stdout, &stderr); code != 0 || stdout.String() != c.want || stderr.Len() > 0 {
			t.Errorf("run(%q): exit %d, stderr %q, stdout:\n%s\nwant exit 0, nothing on stderr, stdout:\n%s",
				c.args, code, stderr.String(), stdout.String(), c.want)
		}
	}
	var stdout, stderr bytes.Buffer
	if code := run([]string{"--version", "--seed", "1"}, &stdout, &stderr); code != 0 || !strings.HasPrefix(stdout.String(), "sqscope ") || stderr.Len() > 0 {
		t.Errorf("--version: exit %d, stdout %q, stderr %q", code, stdout.String(), stderr.String())
	}
}

// The README and every example spell flags `--demo`; the usage does too,
// lists every flag with its value's placeholder, and never `-demo`.
func TestUsageSpellsFlagsWithTwoDashes(t *testing.T) {
	singleDash := regexp.MustCompile(`(^|\s)-[a-z]`)
	for _, fs := range []*flag.FlagSet{newTUIFlags(&tuiFlags{}), newServerFlags(&serverFlags{}), newConfigFlags(&tuiFlags{}, new(bool))} {
		usage := usageOf(fs)
		if singleDash.MatchString(usage) {
			t.Errorf("%s usage spells a flag with one dash:\n%s", fs.Name(), usage)
		}
		fs.VisitAll(func(f *flag.Flag) {
			if !strings.Contains(usage, "  "+flagSpelling(f)+" ") {
				t.Errorf("%s usage lacks %q:\n%s", fs.Name(), flagSpelling(f), usage)
			}
			if !isSwitch(f) && placeholders[f.Name] == "" {
				t.Errorf("--%s takes a value but has no placeholder for the usage", f.Name)
			}
		})
	}
}
