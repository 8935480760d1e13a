// Package suggest finds the name a user most likely meant: the "did you
// mean" of the command line's flags and commands and of the config file's
// keys, so both suggest alike. Standard library only.
package suggest

import "strings"

// DidYouMean is " (did you mean PREFIXname?)" for the candidate closest to
// word, "" when none is close: the same words wherever a name is mistyped.
func DidYouMean(word string, candidates []string, prefix string) string {
	if c := Closest(word, candidates); c != "" {
		return " (did you mean " + prefix + c + "?)"
	}
	return ""
}

// Closest is the candidate within two edits of word, or one that word
// begins (`serve` for server, `endpoint` for endpoint-url); the first wins
// a tie. A word of three letters or fewer takes one edit at most: two
// edits make almost any short word another. "" when none is close.
func Closest(word string, candidates []string) string {
	best, bestD := "", 3
	for _, c := range candidates {
		d := editDistance(word, c)
		if len(word) >= 3 && strings.HasPrefix(c, word) {
			d = min(d, 2)
		}
		if len(word) <= 3 && d > 1 {
			continue
		}
		if d < bestD {
			best, bestD = c, d
		}
	}
	return best
}

// editDistance is the edit distance between a and b, in bytes (flag,
// command, key and region names are ASCII), where two neighbouring letters
// swapped are one edit ("dql" is one from "dlq").
func editDistance(a, b string) int {
	d := make([][]int, len(a)+1)
	for i := range d {
		d[i] = make([]int, len(b)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(a)][len(b)]
}
