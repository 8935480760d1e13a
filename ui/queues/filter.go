package queues

import (
	"cmp"
	"slices"
	"strings"

	"github.com/sahilm/fuzzy"

	"github.com/sqscope/sqscope/model"
)

// queueMatch is one queue that passed the filter.
type queueMatch struct {
	// Index is the queue's position in the slice given to filterQueues.
	Index int
	// Matched are the byte offsets in the queue's name of the characters
	// the pattern matched, in increasing order, for highlighting. Queue names
	// are ASCII, so byte and column offsets agree. Nil for an empty pattern.
	Matched []int
}

// filterQueues returns the queues whose name fuzzily matches pattern
// (case-insensitive, characters in order, gaps allowed), best first: the
// queue named exactly so, then names that start with the pattern, then the
// rest by the fuzzy scorer's score. Among equals the order of qs (the
// user's chosen sort) stands. Someone who types "ord" is looking for
// orders, not for the first name in which o, r and d happen to occur.
// An empty pattern matches everything, in the order of qs.
func filterQueues(qs []model.Queue, pattern string) []queueMatch {
	if pattern == "" {
		out := make([]queueMatch, len(qs))
		for i := range qs {
			out[i] = queueMatch{Index: i}
		}
		return out
	}
	found := fuzzy.FindFromNoSort(pattern, queueNames(qs))
	type ranked struct {
		queueMatch
		tier, score int
	}
	rs := make([]ranked, len(found))
	for i, m := range found {
		name := qs[m.Index].Name
		r := ranked{queueMatch: queueMatch{Index: m.Index, Matched: m.MatchedIndexes}, tier: tierOf(name, pattern)}
		if r.tier == tierFuzzy {
			r.score = m.Score
		}
		if sub := substringMatch(name, pattern); sub != nil {
			r.Matched = sub
		}
		rs[i] = r
	}
	// Index last makes the order total, so an unstable sort is exact, and
	// cheaper than a stable one on 10,000 matches per keystroke.
	slices.SortFunc(rs, func(a, b ranked) int {
		return cmp.Or(cmp.Compare(a.tier, b.tier), cmp.Compare(b.score, a.score), cmp.Compare(a.Index, b.Index))
	})
	out := make([]queueMatch, len(rs))
	for i, r := range rs {
		out[i] = r.queueMatch
	}
	return out
}

// Match tiers, best first.
const (
	tierExact  = iota // the whole name, ignoring case
	tierPrefix        // the name starts with the pattern
	tierFuzzy         // anywhere, ranked by score
)

// tierOf is how name matches pattern. Within the exact and prefix tiers
// the fuzzy score is ignored: it would only rank shorter names first, or
// "orders-dlq" over "orders" for the d after its dash, where the user's
// sort is the better guide.
func tierOf(name, pattern string) int {
	switch {
	case strings.EqualFold(name, pattern):
		return tierExact
	case len(name) >= len(pattern) && strings.EqualFold(name[:len(pattern)], pattern):
		return tierPrefix
	}
	return tierFuzzy
}

// substringMatch highlights the first contiguous occurrence of pattern when
// there is one. The fuzzy scorer prefers characters after separators, so for
// "ord" it would light up o, r and the d of "-dlq" in "orders-dlq"; a person
// who typed a word expects to see that word. ASCII only, where case folding
// keeps byte offsets.
func substringMatch(name, pattern string) []int {
	if !isASCII(name) || !isASCII(pattern) {
		return nil
	}
	at := strings.Index(strings.ToLower(name), strings.ToLower(pattern))
	if at < 0 {
		return nil
	}
	out := make([]int, len(pattern))
	for i := range out {
		out[i] = at + i
	}
	return out
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// queueNames adapts a queue slice to fuzzy.Source without copying names.
type queueNames []model.Queue

func (q queueNames) String(i int) string { return q[i].Name }
func (q queueNames) Len() int            { return len(q) }
