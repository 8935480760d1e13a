package main

import (
	"strings"

	"github.com/sqscope/sqscope/suggest"
)

// Suggestions for a mistyped name (command, flag, region), and the small
// text helpers the messages share.

// didYouMean is " (did you mean PREFIX+c?)" for the candidate closest to
// word, or "" when none is close enough to be a likely slip.
func didYouMean(word string, candidates []string, prefix string) string {
	if c := closest(word, candidates); c != "" {
		return " (did you mean " + prefix + c + "?)"
	}
	return ""
}

// closest is suggest.Closest: the candidate within two edits of word, or
// one that word begins; "" when none is.
func closest(word string, candidates []string) string { return suggest.Closest(word, candidates) }

// andList joins names as "a", "a and b", "a, b and c".
func andList(names []string) string {
	if len(names) < 2 {
		return strings.Join(names, "")
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}
