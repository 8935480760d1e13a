package model

import (
	"cmp"
	"slices"
)

// SortKey is the order of the queue list.
type SortKey int

const (
	// SortByName orders queues by name, A to Z.
	SortByName SortKey = iota
	// SortByDepth puts the deepest backlog (visible messages) first, so the
	// queues that are backing up are at the top; equal depths go by name.
	SortByDepth
	// SortByAge puts the stalest backlog (the oldest message, from
	// CloudWatch) first; queues of unknown age go last, then by name.
	SortByAge
	sortKeyCount
)

func (k SortKey) String() string {
	switch k {
	case SortByDepth:
		return "depth"
	case SortByAge:
		return "age"
	}
	return "name"
}

// Next is the key after k, wrapping around; the sort key cycles on one key.
func (k SortKey) Next() SortKey { return (k + 1) % sortKeyCount }

// SortQueues orders qs in place. By depth, rows whose attributes could not be
// read (Err set) go last: their zero counts are unknown, not empty, and must
// not pass for idle queues among real ones. By age without ages, every
// queue's age is unknown: the order is by name.
func SortQueues(qs []Queue, key SortKey) { SortQueuesAged(qs, key, nil) }

// SortQueuesAged is SortQueues with the ages SortByAge orders by.
func SortQueuesAged(qs []Queue, key SortKey, ages Ages) {
	slices.SortStableFunc(qs, func(a, b Queue) int {
		if key == SortByAge {
			aa, aok := ages[a.Name]
			ba, bok := ages[b.Name]
			if c := cmp.Compare(rank(!aok), rank(!bok)); c != 0 {
				return c
			}
			if c := cmp.Compare(ba.Oldest, aa.Oldest); c != 0 {
				return c
			}
		}
		if key == SortByDepth {
			if c := cmp.Compare(errRank(a), errRank(b)); c != 0 {
				return c
			}
			if c := cmp.Compare(b.Stats.Visible, a.Stats.Visible); c != 0 {
				return c
			}
		}
		if c := cmp.Compare(a.Name, b.Name); c != 0 {
			return c
		}
		// Names are unique within one account and region; the URL keeps the
		// order total if two endpoints' lists are ever merged.
		return cmp.Compare(a.URL, b.URL)
	})
}

func errRank(q Queue) int { return rank(q.Err != nil) }

func rank(last bool) int {
	if last {
		return 1
	}
	return 0
}
