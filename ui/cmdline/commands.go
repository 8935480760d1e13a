package cmdline

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/sqscope/sqscope/suggest"
	"github.com/sqscope/sqscope/ui/common"
)

// command is one ":" command: its names (the first is the one shown), its
// argument's placeholder ("" for none), what it does, and how it turns an
// argument into the message for the root.
type command struct {
	names []string
	arg   string
	help  string
	run   func(l *Line, arg string) (tea.Msg, error)
}

// commands in the order the candidates list them. As in k9s, `:q!` and
// `:quit` quit; a bare `:q` does not, since `:q NAME` jumps to a queue and
// a name forgotten must not end the session.
var commands = []command{
	{names: []string{"queue", "q"}, arg: "NAME|URL|ARN|LINK", help: "open a queue's messages", run: (*Line).runQueue},
	{names: []string{"dlq"}, help: "dead-letter queues only (again: all)", run: func(l *Line, _ string) (tea.Msg, error) {
		return common.FilterDLQMsg{Only: !l.s.DLQOnly}, nil
	}},
	{names: []string{"all"}, help: "every queue again", run: func(*Line, string) (tea.Msg, error) {
		return common.FilterDLQMsg{Only: false}, nil
	}},
	{names: []string{"profile"}, arg: "NAME", help: "switch to a profile", run: (*Line).runProfile},
	{names: []string{"region"}, arg: "NAME", help: "switch to a region", run: (*Line).runRegion},
	{names: []string{"ro"}, arg: "[off]", help: "read-only (off: writable, asks)", run: runReadOnly},
	{names: []string{"rw"}, help: "writable again (asks)", run: func(*Line, string) (tea.Msg, error) {
		return common.ReadOnlyMsg{On: false}, nil
	}},
	{names: []string{"help", "h"}, help: "every key", run: func(*Line, string) (tea.Msg, error) { return common.HelpMsg{}, nil }},
	{names: []string{"quit", "q!"}, help: "quit", run: func(*Line, string) (tea.Msg, error) { return QuitMsg{}, nil }},
}

// lookup is the command named name, exactly.
func lookup(name string) (command, bool) {
	for _, c := range commands {
		if slices.Contains(c.names, name) {
			return c, true
		}
	}
	return command{}, false
}

// split cuts a line into its command word and the argument after it.
func split(text string) (name, arg string, hasArg bool) {
	text = strings.TrimLeft(text, " :")
	name, arg, hasArg = strings.Cut(text, " ")
	return name, strings.TrimSpace(arg), hasArg
}

// run turns a line into the message its command sends, or says plainly
// why it cannot.
func (l *Line) run(text string) (tea.Msg, error) {
	name, arg, _ := split(text)
	if name == "" {
		return nil, errors.New("type a command: q NAME, dlq, all, profile NAME, region NAME, ro, rw, help, quit")
	}
	c, ok := lookup(name)
	if !ok {
		return nil, fmt.Errorf("unknown command :%s%s; commands: q, dlq, all, profile, region, ro, rw, help, quit",
			name, didYouMean(name))
	}
	if c.arg == "" && arg != "" {
		return nil, fmt.Errorf(":%s takes no argument", c.names[0])
	}
	return c.run(l, arg)
}

// didYouMean is " (did you mean :x?)" for a command a letter or two off.
func didYouMean(name string) string {
	var all []string
	for _, c := range commands {
		all = append(all, c.names...)
	}
	if best := suggest.Closest(name, all); best != "" {
		return " (did you mean :" + best + "?)"
	}
	return ""
}

func runReadOnly(_ *Line, arg string) (tea.Msg, error) {
	switch strings.ToLower(arg) {
	case "", "on":
		return common.ReadOnlyMsg{On: true}, nil
	case "off":
		return common.ReadOnlyMsg{On: false}, nil
	}
	return nil, fmt.Errorf(":ro takes nothing, on or off, not %q", arg)
}

// runProfile takes an exact profile name, else the highlighted candidate.
func (l *Line) runProfile(arg string) (tea.Msg, error) {
	if arg == "" {
		return nil, errors.New(":profile needs a name: tab lists the profiles")
	}
	for _, p := range l.s.Profiles {
		if p.Name == arg {
			return common.SwitchMsg{Profile: arg}, nil
		}
	}
	if c, ok := l.picked(); ok {
		return common.SwitchMsg{Profile: c}, nil
	}
	if len(l.s.Profiles) == 0 {
		return nil, errors.New("no profiles in the shared config or credentials file (AWS_CONFIG_FILE, ~/.aws/config)")
	}
	return nil, fmt.Errorf("no profile %q in the shared config or credentials file", arg)
}

// runRegion takes a known region, else the highlighted candidate, else a
// name shaped like a region (AWS adds regions faster than the list).
func (l *Line) runRegion(arg string) (tea.Msg, error) {
	if arg == "" {
		return nil, errors.New(":region needs a name, e.g. :region eu-west-1")
	}
	if slices.Contains(l.s.Regions, arg) {
		return common.SwitchMsg{Region: arg}, nil
	}
	if c, ok := l.picked(); ok {
		return common.SwitchMsg{Region: c}, nil
	}
	if regionShape(arg) {
		return common.SwitchMsg{Region: arg}, nil
	}
	return nil, fmt.Errorf("%q is not a region (e.g. eu-west-1)", arg)
}

// picked is the highlighted argument candidate, when there is one.
func (l *Line) picked() (string, bool) {
	if l.pick < len(l.cands) && !l.cands[l.pick].cmd && !l.cands[l.pick].info {
		return l.cands[l.pick].arg, true
	}
	return "", false
}
