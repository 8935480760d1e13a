package model

import (
	"fmt"
	"slices"
	"strings"
)

// NotListedError says no listed queue has the name a link gives.
type NotListedError struct{ Name string }

func (e *NotListedError) Error() string { return fmt.Sprintf("no queue named %q in the list", e.Name) }

// ElsewhereError says a link's queue lives in another region or account
// than the session's: opening a queue of the same name here would be the
// wrong queue, the mistake on-call engineers fear most.
type ElsewhereError struct {
	Ref QueueRef
	// Region is the session's, set only when the link's differs.
	Region string
	// Accounts are those of the listed queues, set only when the link's
	// account is not among them.
	Accounts []string
}

func (e *ElsewhereError) Error() string {
	var parts []string
	if e.Region != "" {
		parts = append(parts, fmt.Sprintf("this link is for %s, you are in %s", e.Ref.Region, e.Region))
	}
	if len(e.Accounts) > 0 {
		parts = append(parts, fmt.Sprintf("the link's account is %s, the listed queues are in %s",
			e.Ref.Account, strings.Join(e.Accounts, ", ")))
	}
	return strings.Join(parts, "; ")
}

// Locate finds the queue r names among qs, the session's list in region
// ("" when the session's endpoint names none). The region and account the
// link gives must be the session's: the account is read from the listed
// queues themselves, so an empty list checks none.
func (r QueueRef) Locate(qs []Queue, region string) (Queue, error) {
	var away ElsewhereError
	if r.Region != "" && region != "" && r.Region != region {
		away.Region = region
	}
	accounts := Accounts(qs)
	if r.Account != "" && len(accounts) > 0 && !slices.Contains(accounts, r.Account) {
		away.Accounts = accounts
	}
	if away.Region != "" || len(away.Accounts) > 0 {
		away.Ref = r
		return Queue{}, &away
	}
	for _, q := range qs {
		if q.Name == r.Name && (r.Account == "" || AccountOf(q) == "" || AccountOf(q) == r.Account) {
			return q, nil
		}
	}
	return Queue{}, &NotListedError{Name: r.Name}
}

// AccountOf is the account q is in, from its ARN, else its URL; "" when
// neither says.
func AccountOf(q Queue) string {
	if f := strings.Split(q.ARN, ":"); len(f) == 6 && account.MatchString(f[4]) {
		return f[4]
	}
	if segs := pathSegments(q.URL); len(segs) >= 2 && account.MatchString(segs[len(segs)-2]) {
		return segs[len(segs)-2]
	}
	return ""
}

// Accounts are the accounts of qs, sorted, each once.
func Accounts(qs []Queue) []string {
	var out []string
	for _, q := range qs {
		if a := AccountOf(q); a != "" && !slices.Contains(out, a) {
			out = append(out, a)
		}
	}
	slices.Sort(out)
	return out
}
