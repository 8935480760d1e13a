package refresh

import (
	"fmt"
	"time"
)

// How old the counts are. Ages count from when the read started, not
// when it answered, so they never flatter: a count shown as 3s old was
// read at most 3s ago.

// Age is how old the counts of the queue at url are: since its last read,
// or the last full poll, whichever is newer. Before any full poll has
// worked every queue is of unknown age, reported as very old.
func (p *Poller) Age(url string) time.Duration {
	if p.allAt.IsZero() {
		return 1<<63 - 1
	}
	at := p.allAt
	if t, ok := p.fresh[url]; ok && t.After(at) {
		at = t
	}
	return p.c.Now().Sub(at)
}

// Freshness is how old the counts are: those on screen (the oldest of
// hot) and the others. Known is false until a full poll has worked.
type Freshness struct {
	Screen, Others time.Duration
	Known          bool
}

// Freshness is how old the counts of hot (those on screen) and of every
// other queue of the total listed are, for the header. When hot is every
// queue there are no others to speak of.
func (p *Poller) Freshness(hot []string, total int) Freshness {
	if p.allAt.IsZero() {
		return Freshness{}
	}
	f := Freshness{Others: p.c.Now().Sub(p.allAt), Known: true}
	f.Screen = f.Others
	if len(hot) == 0 {
		return f
	}
	f.Screen = 0
	seen := make(map[string]bool, len(hot))
	for _, u := range hot {
		f.Screen = max(f.Screen, p.Age(u))
		seen[u] = true
	}
	if len(seen) >= total {
		f.Others = f.Screen
	}
	return f
}

// Long is "counts 5s old" when the screen's counts are no fresher than
// the rest, else "counts on screen 2s old · others 41s"; "" when unknown.
func (f Freshness) Long() string {
	switch {
	case !f.Known:
		return ""
	case ago(f.Screen) == ago(f.Others):
		return "counts " + ago(f.Others) + " old"
	}
	return "counts on screen " + ago(f.Screen) + " old · others " + ago(f.Others)
}

// Short says the same in fewer cells, for a narrow header: "5s old", or
// "2s old · others 41s".
func (f Freshness) Short() string {
	switch {
	case !f.Known:
		return ""
	case ago(f.Screen) == ago(f.Others):
		return ago(f.Others) + " old"
	}
	return ago(f.Screen) + " old · others " + ago(f.Others)
}

// ago is a short age: 41s, 3m, 2h.
func ago(d time.Duration) string {
	switch d = max(d, 0); {
	case d < time.Minute:
		return fmt.Sprintf("%ds", int(d/time.Second))
	case d < time.Hour:
		return fmt.Sprintf("%dm", int(d/time.Minute))
	}
	return fmt.Sprintf("%dh", int(d/time.Hour))
}

// State is the status line's right side, before the interval: loading,
// refreshing, or when the last poll that worked answered.
func (p *Poller) State() string {
	switch {
	case p.inFlight && p.answered.IsZero():
		return "loading…"
	case p.inFlight:
		return "refreshing… · last " + p.answered.Format("15:04:05")
	case !p.answered.IsZero():
		return "refreshed " + p.answered.Format("15:04:05")
	}
	return ""
}
