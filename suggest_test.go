package main

import "testing"

// A suggestion is offered only for a likely slip: a wrong one sends the
// user after a name they did not mean.
func TestClosest(t *testing.T) {
	flags := []string{"demo", "endpoint-url", "profile", "read-only", "refresh", "region", "seed", "version"}
	for _, c := range []struct {
		word       string
		candidates []string
		want       string
	}{
		{"serve", commands, "server"},
		{"sever", commands, "server"},
		{"hepl", commands, "help"},
		{"ls", commands, ""},
		{"peek", commands, ""},
		{"endpoint", flags, "endpoint-url"},
		{"readonly", flags, "read-only"},
		{"regin", flags, "region"},
		{"nope", flags, ""},
		{"x", flags, ""},
	} {
		if got := closest(c.word, c.candidates); got != c.want {
			t.Errorf("closest(%q) = %q, want %q", c.word, got, c.want)
		}
	}
}
