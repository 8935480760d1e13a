package main

import (
	"regexp"
	"testing"

	"github.com/sqscope/sqscope/config"
)

// The profile sqscope starts in is read-only when the configuration's
// read-only pattern names it, wherever the name comes from; the adapter
// is then built read-only, as after a switch to that profile.
func TestStartsReadOnlyByTheProfilePattern(t *testing.T) {
	file := &config.File{ReadOnlyPattern: regexp.MustCompile("prod")}
	for _, c := range []struct {
		flag, env string
		file      *config.File
		want      bool
	}{
		{"acme-prod", "", file, true},
		{"acme-dev", "", file, false},
		{"", "acme-prod", file, true},
		{"acme-dev", "acme-prod", file, false}, // --profile wins, as in the SDK
		{"", "", &config.File{ReadOnlyPattern: regexp.MustCompile("^default$")}, true},
		{"acme-prod", "", &config.File{}, false},
		{"acme-prod", "", nil, false},
	} {
		t.Setenv("AWS_PROFILE", c.env)
		if got := startsReadOnly(tuiFlags{profile: c.flag, file: c.file}); got != c.want {
			t.Errorf("--profile %q, AWS_PROFILE %q: read-only %v, want %v", c.flag, c.env, got, c.want)
		}
	}
}
