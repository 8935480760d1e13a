package cmdline

import (
	"cmp"
	"slices"
	"strings"

	"github.com/sahilm/fuzzy"

	"github.com/sqscope/sqscope/ui/common"
)

// cand is one candidate for the word being typed: a command, or an
// argument (a queue, a profile, a region), or a row that only informs
// (where a link leads, or why it cannot be opened).
type cand struct {
	text  string // the whole line tab makes of it
	arg   string // the argument it stands for; "" for a command
	label string // what its row shows
	note  string // shown muted after the label
	cmd   bool   // a command, not an argument
	info  bool   // informs only: tab and enter do not take it
}

// maxCands bounds what is ranked per keystroke; the view shows fewer.
const maxCands = 50

// refresh recomputes the candidates after an edit: the first is
// highlighted, and tab starts from it.
func (l *Line) refresh() {
	l.cands, l.pick, l.completed = l.candidates(l.input.Value()), 0, false
}

// candidates for text: the commands while the first word is typed, then
// that command's arguments.
func (l *Line) candidates(text string) []cand {
	name, arg, hasArg := split(text)
	if !hasArg {
		var out []cand
		for _, c := range commands {
			if !slices.ContainsFunc(c.names, func(n string) bool { return strings.HasPrefix(n, name) }) {
				continue
			}
			line := c.names[0]
			if c.arg != "" && c.arg[0] != '[' {
				line += " "
			}
			out = append(out, cand{text: line, label: ":" + strings.Join(c.names, ", :") + " " + c.arg,
				note: c.help, cmd: true})
		}
		return out
	}
	c, ok := lookup(name)
	if !ok {
		return nil
	}
	head := name + " "
	switch c.names[0] {
	case "queue":
		return l.queueCands(head, arg)
	case "profile":
		var out []cand
		for _, p := range l.s.Profiles {
			if strings.Contains(strings.ToLower(p.Name), strings.ToLower(arg)) {
				out = append(out, cand{text: head + p.Name, arg: p.Name, label: p.Name, note: profileNote(p.Region, p.Account, p.Name == l.s.Profile)})
			}
		}
		return rankPrefix(out, arg)
	case "region":
		var out []cand
		for _, r := range l.s.Regions {
			if strings.Contains(r, strings.ToLower(arg)) {
				out = append(out, cand{text: head + r, arg: r, label: r, note: profileNote("", "", r == l.s.Region)})
			}
		}
		return rankPrefix(out, arg)
	case "ro":
		if strings.HasPrefix("off", arg) {
			return []cand{{text: head + "off", arg: "off", label: "off", note: "writable again (asks first)"}}
		}
	}
	return nil
}

// profileNote says where a profile points, and which is the session's.
func profileNote(region, account string, current bool) string {
	var parts []string
	if region != "" {
		parts = append(parts, region)
	}
	if account != "" {
		parts = append(parts, account)
	}
	if current {
		parts = append(parts, "current")
	}
	return strings.Join(parts, " · ")
}

// rankPrefix puts the candidates whose argument starts with arg first,
// keeping the order within each part.
func rankPrefix(cs []cand, arg string) []cand {
	slices.SortStableFunc(cs, func(a, b cand) int {
		return cmp.Compare(prefixTier(a.arg, arg), prefixTier(b.arg, arg))
	})
	return cs[:min(len(cs), maxCands)]
}

func prefixTier(s, p string) int {
	switch {
	case s == p:
		return 0
	case strings.HasPrefix(strings.ToLower(s), strings.ToLower(p)):
		return 1
	}
	return 2
}

// queueCands are the queues whose names match arg fuzzily, the queue
// named exactly so first, then those it begins, then by the fuzzy score,
// as the list's filter ranks them; or, for a link, one row saying where
// it leads.
func (l *Line) queueCands(head, arg string) []cand {
	if looksLikeLink(arg) {
		q, err := Resolve(arg, l.s)
		if err != nil {
			return []cand{{label: "✗ " + err.Error(), info: true}}
		}
		return []cand{{label: "→ " + q.Name, note: placeOf(q, l.s.Region), info: true}}
	}
	names := make([]string, len(l.s.Queues))
	for i, q := range l.s.Queues {
		names[i] = q.Name
	}
	var idx []int
	if arg == "" {
		for i := range names {
			idx = append(idx, i)
		}
	} else {
		// The fuzzy score orders only the names arg does not begin: among
		// those it begins, the list's order stands, so "ord" offers orders
		// before orders-dlq.
		found := fuzzy.Find(arg, names)
		rank := make(map[int]int, len(found))
		for r, m := range found {
			idx = append(idx, m.Index)
			rank[m.Index] = r
		}
		slices.SortFunc(idx, func(a, b int) int {
			ta, tb := prefixTier(names[a], arg), prefixTier(names[b], arg)
			if ta == tb && ta < 2 {
				return cmp.Compare(a, b)
			}
			return cmp.Or(cmp.Compare(ta, tb), cmp.Compare(rank[a], rank[b]))
		})
	}
	out := make([]cand, 0, min(len(idx), maxCands))
	for _, i := range idx[:min(len(idx), maxCands)] {
		q := l.s.Queues[i]
		note := q.Type.String()
		if q.Err == nil {
			note += " · " + common.Commas(q.Stats.Visible) + " visible"
		}
		out = append(out, cand{text: head + names[i], arg: names[i], label: names[i], note: note})
	}
	return out
}

// complete is tab: the highlighted candidate becomes the text; tab again
// takes the next one. A command completed goes on to its argument's
// candidates.
func (l *Line) complete() {
	if len(l.cands) == 0 {
		return
	}
	if l.completed {
		l.pick = (l.pick + 1) % len(l.cands)
	}
	c := l.cands[l.pick]
	if c.info {
		return
	}
	l.input.SetValue(c.text)
	l.err = ""
	if c.cmd {
		l.refresh()
		return
	}
	l.completed = true
}
