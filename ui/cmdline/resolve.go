package cmdline

import (
	"errors"
	"fmt"
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/sahilm/fuzzy"

	"github.com/sqscope/sqscope/awsclient"
	"github.com/sqscope/sqscope/model"
	"github.com/sqscope/sqscope/suggest"
	"github.com/sqscope/sqscope/ui/common"
)

// ProfilesMsg carries the profiles of the shared files, read by ProfilesCmd.
type ProfilesMsg struct {
	Profiles []awsclient.Profile
	Err      error
}

// ProfilesCmd reads the profiles of the shared config and credentials
// files: file I/O, so never in Update.
func ProfilesCmd() tea.Cmd {
	return func() tea.Msg {
		ps, err := awsclient.Profiles()
		return ProfilesMsg{Profiles: ps, Err: err}
	}
}

// looksLikeLink says arg is a URL or an ARN rather than a name typed to
// narrow the list.
func looksLikeLink(arg string) bool {
	return strings.HasPrefix(arg, "arn:") || strings.Contains(arg, "://")
}

// runQueue is :q: an exact name or a link goes as it is; anything else
// takes the highlighted candidate, which the user sees before enter.
func (l *Line) runQueue(arg string) (tea.Msg, error) {
	switch {
	case arg == "":
		return nil, errors.New(":q NAME opens a queue (tab lists them); :quit quits")
	case !l.s.Listed:
		return common.JumpMsg{Target: arg}, nil // checked once the list has loaded
	case looksLikeLink(arg):
		if _, err := Resolve(arg, l.s); err != nil {
			return nil, err
		}
		return common.JumpMsg{Target: arg}, nil
	}
	for _, q := range l.s.Queues {
		if q.Name == arg {
			return common.JumpMsg{Target: arg}, nil
		}
	}
	if c, ok := l.picked(); ok {
		return common.JumpMsg{Target: c}, nil
	}
	return nil, fmt.Errorf("no queue matches %q", arg)
}

// Resolve finds the queue target names (a name, exactly; a queue URL, an
// ARN, a console link) in the session's list. Its error is one line that
// says what to do: the region or profile to switch to when the link is
// for another place, the nearest name when none is listed.
func Resolve(target string, s Session) (model.Queue, error) {
	ref, err := model.ParseQueueRef(target)
	if err != nil {
		return model.Queue{}, err
	}
	q, err := ref.Locate(s.Queues, s.Region)
	var away *model.ElsewhereError
	var missing *model.NotListedError
	switch {
	case errors.As(err, &away):
		return model.Queue{}, errors.New(elsewhere(away, s))
	case errors.As(err, &missing):
		return model.Queue{}, errors.New(notListed(missing.Name, s))
	}
	return q, err
}

// elsewhere says where the link's queue is and how to get there: the
// region, and a profile of the shared files that points there.
func elsewhere(e *model.ElsewhereError, s Session) string {
	ref := e.Ref
	var fix []string
	if e.Region != "" {
		fix = append(fix, "`:region "+ref.Region+"`")
	}
	for _, p := range s.Profiles {
		if p.Name == s.Profile {
			continue
		}
		regionOK := e.Region == "" || p.Region == ref.Region
		accountOK := ref.Account == "" || p.Account == ref.Account || (len(e.Accounts) == 0 && p.Account == "")
		if regionOK && accountOK && (p.Region != "" || p.Account != "") {
			fix = append(fix, "`:profile "+p.Name+"`")
			break
		}
	}
	var says string
	switch {
	case e.Region != "" && len(e.Accounts) > 0:
		says = fmt.Sprintf("this link is for %s in account %s, you are in %s, account %s", ref.Region, ref.Account,
			e.Region, strings.Join(e.Accounts, ", "))
	case e.Region != "":
		says = fmt.Sprintf("this link is for %s, you are in %s", ref.Region, e.Region)
	default:
		says = fmt.Sprintf("this link is for account %s, the queues listed are in %s", ref.Account, strings.Join(e.Accounts, ", "))
		if len(fix) == 0 {
			fix = append(fix, "switch to a profile of that account (`:profile NAME`)")
		}
	}
	return says + ": " + strings.Join(fix, " or ")
}

// notListed says no queue has the name, and the nearest that does.
func notListed(name string, s Session) string {
	text := fmt.Sprintf("no queue named %q in this list", name)
	if !s.Listed {
		return text
	}
	names := make([]string, len(s.Queues))
	for i, q := range s.Queues {
		names[i] = q.Name
	}
	if best := suggest.Closest(name, names); best != "" {
		return text + " (did you mean " + best + "?)"
	}
	if m := fuzzy.Find(name, names); len(m) > 0 {
		return text + " (did you mean " + m[0].Str + "?)"
	}
	return text
}

// placeOf is where q is: its account, and the region when known.
func placeOf(q model.Queue, region string) string {
	parts := []string{}
	if region != "" {
		parts = append(parts, region)
	}
	if a := model.AccountOf(q); a != "" {
		parts = append(parts, "account "+a)
	}
	return strings.Join(append(parts, "enter opens it"), " · ")
}

// regionShape says s looks like a region: lowercase words and a number,
// joined by hyphens (eu-west-1, us-gov-east-1).
func regionShape(s string) bool {
	parts := strings.Split(s, "-")
	if len(parts) < 3 {
		return false
	}
	for i, p := range parts {
		if p == "" {
			return false
		}
		for _, r := range p {
			digit := r >= '0' && r <= '9'
			if (i == len(parts)-1) != digit || (!digit && (r < 'a' || r > 'z')) {
				return false
			}
		}
	}
	return true
}
