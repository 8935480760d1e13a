package config

import (
	"fmt"
	"slices"
	"strings"
)

// Pos is a line and a column of the file, both from 1 (the column counts
// bytes, as go-toml and editors' "go to column" do for ASCII).
type Pos struct{ Line, Col int }

// Error is one mistake in the file, where it is and what to write instead.
type Error struct {
	File string
	Pos  Pos // zero when the mistake has no place (the file cannot be read)
	Msg  string
}

func (e Error) Error() string {
	if e.Pos.Line == 0 {
		return e.File + ": " + e.Msg
	}
	return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Pos.Line, e.Pos.Col, e.Msg)
}

// Errors are every mistake found, in the file's order, so one run shows
// them all instead of one per attempt.
type Errors []Error

func (es Errors) Error() string {
	lines := make([]string, len(es))
	for i, e := range es {
		lines[i] = e.Error()
	}
	return strings.Join(lines, "\n")
}

func (es Errors) sorted() Errors {
	slices.SortStableFunc(es, func(a, b Error) int {
		if a.Pos.Line != b.Pos.Line {
			return a.Pos.Line - b.Pos.Line
		}
		return a.Pos.Col - b.Pos.Col
	})
	return es
}

// trimTOML drops go-toml's "toml: " prefix: the message already says it
// is about the TOML.
func trimTOML(s string) string { return strings.TrimPrefix(s, "toml: ") }

// didYouMean is " (did you mean c?)" for the candidate closest to word,
