package ui

import "github.com/sqscope/sqscope/model"

// The list's order and filter are pure functions of model/; this file is
// the one seam between them and the list, so a change of ranking touches
// nothing else in ui.

// sortQueues returns a sorted copy of qs; the caller's slice, shared with
// the detail and metrics panes, is never reordered.
func sortQueues(qs []model.Queue, k model.SortKey) []model.Queue {
	out := make([]model.Queue, len(qs))
	copy(out, qs)
	model.SortQueues(out, k)
	return out
}

// filterQueues returns the rows of sorted that match pattern, in sorted's
// order, with the matched character offsets for highlighting.
func filterQueues(sorted []model.Queue, pattern string) []model.Match {
	return model.FilterQueues(sorted, pattern)
}
