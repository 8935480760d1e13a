package cmdline

import "strings"

// closest is the candidate within two edits of word, or one word begins
// when it has three letters or more; "" when none is close enough to be a
// likely slip. main's suggest.go has the same rule for flags and commands
// (without swaps); this package cannot import main.
func closest(word string, candidates []string) string {
	best, bestD := "", 3
	for _, c := range candidates {
		d := editDistance(word, c)
		if len(word) >= 3 && strings.HasPrefix(c, word) {
			d = min(d, 2)
		}
		if len(word) <= 3 && d > 1 {
			continue // two edits make almost any short word another
		}
		if d < bestD {
			best, bestD = c, d
		}
	}
	return best
}

// editDistance is the edit distance between a and b, in bytes, where
// two neighbouring letters swapped are one edit ("dql" is one from "dlq").
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

// regionShape says s looks like a region: lowercase words and a number,
// joined by hyphens (eu-west-1, us-gov-east-1).
func regionShape(s string) bool {
	parts := strings.Split(s, "-")
	if len(parts) < 3 {
		return false
	}
	for i, p := range parts {
		if p == "" {
			return false
		}
		for _, r := range p {
			digit := r >= '0' && r <= '9'
			if (i == len(parts)-1) != digit || (!digit && (r < 'a' || r > 'z')) {
				return false
			}
		}
	}
	return true
}
