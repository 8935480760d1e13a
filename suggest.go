package main

import "strings"

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

// closest is the candidate within two edits of word, or one that word
// begins (`serve` for server, `endpoint` for endpoint-url); the first wins
// a tie. "" when none is.
func closest(word string, candidates []string) string {
	best, bestD := "", 3
	for _, c := range candidates {
		d := editDistance(word, c)
		if len(word) >= 3 && strings.HasPrefix(c, word) {
			d = min(d, 2)
		}
		if d < bestD {
			best, bestD = c, d
		}
	}
	return best
}

// editDistance is the Levenshtein distance between a and b, in bytes
// (flag, command and region names are ASCII).
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(b)]
}

// andList joins names as "a", "a and b", "a, b and c".
func andList(names []string) string {
	if len(names) < 2 {
		return strings.Join(names, "")
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}
