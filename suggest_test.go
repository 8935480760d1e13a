package main

import (
	"strings"
	"testing"

	"github.com/sqscope/sqscope/suggest"
)

// A suggestion is offered only for a likely slip: a wrong one sends the
// user after a name they did not mean.
func TestClosest(t *testing.T) {
	flags := []string{"demo", "endpoint-url", "profile", "read-only", "refresh", "region", "seed", "version"}
	for _, c := range []struct {
		word       string
		candidates []string
		want       string
	}{
		{"sevrer", commands, "server"},
		{"serv", commands, "serve"},
		{"sever", commands, "server"},
		{"hepl", commands, "help"},
		{"list", commands, "ls"},
		{"pek", commands, "peek"},
		{"watch", commands, ""},
		{"frobnicate", commands, ""},
		{"endpoint", flags, "endpoint-url"},
		{"readonly", flags, "read-only"},
		{"regin", flags, "region"},
		{"nope", flags, ""},
		{"x", flags, ""},
	} {
		if got := suggest.Closest(c.word, c.candidates); got != c.want {
			t.Errorf("closest(%q) = %q, want %q", c.word, got, c.want)
		}
	}
}

func TestCheckRegion(t *testing.T) {
	for _, c := range []struct {
		region             string
		malformed, unknown bool
		suggest            string
	}{
		{region: "eu-west-1"},
		{region: "us-gov-west-1"},
		{region: "eusc-de-east-1"},
		{region: "us-east-1-fips"},
		{region: "us-west-2-fips-", malformed: true}, // the SDK's rewriting would not save it either
		{region: "EU-West-1", malformed: true, suggest: "eu-west-1"},
		{region: "eu west 1", malformed: true, suggest: "eu-west-1"},
		{region: "eu-west-1 ", malformed: true, suggest: "eu-west-1"},
		{region: "", malformed: true},
		{region: "us-east-9", unknown: true, suggest: "us-east-1"},
		{region: "ap-southest-1", unknown: true, suggest: "ap-southeast-1"},
		{region: "zz-moon-1", unknown: true},
	} {
		malformed, unknown := checkRegion(c.region, true)
		if (malformed != "") != c.malformed || (unknown != "") != c.unknown {
			t.Errorf("%q: malformed %q, unknown %q; want malformed %v, unknown %v", c.region, malformed, unknown, c.malformed, c.unknown)
		}
		msg, want := malformed+unknown, "(did you mean "+c.suggest+"?)"
		if c.suggest == "" && strings.Contains(msg, "did you mean") || c.suggest != "" && !strings.Contains(msg, want) {
			t.Errorf("%q: %q, want the suggestion %q", c.region, msg, c.suggest)
		}
	}
	for _, r := range knownRegions {
		if !regionShape.MatchString(r) {
			t.Errorf("known region %q does not have the shape the check asks of every region", r)
		}
	}
}
