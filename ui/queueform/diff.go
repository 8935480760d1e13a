package queueform

import (
	"strconv"

	"github.com/sqscope/sqscope/model"
)

// change is one attribute the edit form changes: its SQS name and raw
// values (for SetAttributes and the audit log) and both in words.
type change struct {
	attr          string
	label         string
	before, after string // as SQS has and takes them; "" after removes
	from, to      string // as the confirmation shows them
}

// changes are the attributes whose chosen value differs from the one
// read, in the form's order: only these are sent, and the confirmation
// lists only these. Policies are compared by meaning, not by their JSON.
func (e *editing) changes(name func(arn string) string) []change {
	var out []change
	for _, n := range e.nums {
		v := n.fl.Value()
		if !n.had && v == "" {
			continue
		}
		nv, err := n.l.parse(v)
		if err != nil {
			continue // check refused it; submit waits for a fix
		}
		old := e.q.Attrs[n.l.attr]
		if on, err := strconv.Atoi(old); err == nil && on == nv {
			continue
		}
		from := n.l.formatAttr(old)
		if !n.had {
			from = "not read"
		}
		out = append(out, change{attr: n.l.attr, label: n.l.what, before: old, after: strconv.Itoa(nv),
			from: from, to: n.l.format(nv)})
	}
	if nr := e.newRedrive(); !sameRedrive(e.q.Redrive, nr) {
		to := describeRedrive(nr, name)
		if nr == nil {
			to = "none (removed)"
		}
		after := ""
		if nr != nil {
			after = redriveAttr(nr.DeadLetterTargetARN, nr.MaxReceiveCount)
		}
		out = append(out, change{attr: "RedrivePolicy", label: "redrive policy", before: e.q.Attrs["RedrivePolicy"],
			after: after, from: describeRedrive(e.q.Redrive, name), to: to})
	}
	if na := e.newAllow(); !na.same(e.oldAllow) {
		out = append(out, change{attr: "RedriveAllowPolicy", label: "redrive allow policy",
			before: e.q.Attrs["RedriveAllowPolicy"], after: na.attr(),
			from: e.oldAllow.describe(name), to: na.describe(name)})
	}
	return out
}

func sameRedrive(a, b *model.RedrivePolicy) bool {
	if a == nil || b == nil {
		return a == b
	}
	return *a == *b
}

// attrMaps are SetAttributes' before and attrs for cs.
func attrMaps(cs []change) (before, attrs map[string]string) {
	before, attrs = map[string]string{}, map[string]string{}
	for _, c := range cs {
		before[c.attr], attrs[c.attr] = c.before, c.after
	}
	return before, attrs
}
