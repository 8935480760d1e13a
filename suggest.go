package main

import (
	"strings"
)

// The small text helpers the command line's messages share ("did you
// mean" is package suggest's).

// andList joins names as "a", "a and b", "a, b and c".
func andList(names []string) string {
	if len(names) < 2 {
		return strings.Join(names, "")
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}
