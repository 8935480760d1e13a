package queues

import (
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
// (case-insensitive, characters in order, gaps allowed), in the order of qs,
// so that a filter never undoes the user's chosen sort. An empty pattern
// matches everything.
func filterQueues(qs []model.Queue, pattern string) []queueMatch {
	if pattern == "" {
		out := make([]queueMatch, len(qs))
		for i := range qs {
			out[i] = queueMatch{Index: i}
		}
		return out
	}
	found := fuzzy.FindFromNoSort(pattern, queueNames(qs))
	out := make([]queueMatch, len(found))
	for i, m := range found {
		out[i] = queueMatch{Index: m.Index, Matched: m.MatchedIndexes}
		if sub := substringMatch(qs[m.Index].Name, pattern); sub != nil {
			out[i].Matched = sub
		}
	}
	return out
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
