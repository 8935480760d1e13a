package config

import (
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Setting is one top-level key of the file. Its name is the TUI flag's
// where there is one (read-only, refresh), so what is learnt on the
// command line carries over.
type Setting struct {
	Key  string
	Doc  string // one line, for `sqscope config`
	kind kind
	set  func(f *File, v any)
}

type kind int

const (
	kString kind = iota
	kBool
	kDuration
	kPattern
	kURL
	kPath
)

// Settings are the file's top-level settings, in the order `sqscope
// config` and the example show them; [theme] and [keys] come after.
var Settings = []Setting{
	{"profile", "AWS shared config profile", kString, func(f *File, v any) { f.Profile = v.(string) }},
	{"region", "AWS region", kString, func(f *File, v any) { f.Region = v.(string) }},
	{"endpoint-url", "SQS endpoint URL", kURL, func(f *File, v any) { f.EndpointURL = v.(string) }},
	{"refresh", "how often the counts on screen refresh", kDuration, func(f *File, v any) { f.Refresh = v.(time.Duration) }},
	{"refresh-all", "how often every queue is listed and read", kDuration, func(f *File, v any) { f.RefreshAll = v.(time.Duration) }},
	{"read-only", "refuse every call that changes a queue or a message", kBool, func(f *File, v any) { f.ReadOnly = v.(bool) }},
	{"read-only-pattern", "profiles (by name or account) that are read-only", kPattern, func(f *File, v any) { f.ReadOnlyPattern = v.(*regexp.Regexp) }},
	{"prod-pattern", "profiles (by name or account) shown in the warning colour", kPattern, func(f *File, v any) { f.ProdPattern = v.(*regexp.Regexp) }},
	{"cloudwatch", "read CloudWatch metrics (history, the age column)", kBool, func(f *File, v any) { f.CloudWatch = v.(bool) }},
	{"age-alert", "highlight a queue whose oldest message is older", kDuration, func(f *File, v any) { f.AgeAlert = v.(time.Duration) }},
	{"audit-log", "the file every change is recorded in", kPath, func(f *File, v any) { f.AuditLog = v.(string) }},
}

func lookupSetting(key string) (Setting, bool) {
	for _, s := range Settings {
		if s.Key == key {
			return s, true
		}
	}
	return Setting{}, false
}

// topKeys are the names allowed at the top of the file.
func topKeys() []string {
	keys := []string{"theme", "keys"}
	for _, s := range Settings {
		keys = append(keys, s.Key)
	}
	return keys
}

// decodeSetting checks v for s and returns it typed, or what is wrong.
func decodeSetting(s Setting, v value) (any, string) {
	switch s.kind {
	case kBool:
		if b, ok := v.v.(bool); ok {
			return b, ""
		}
		return nil, fmt.Sprintf("%s takes true or false, not %s", s.Key, v.kind)
	case kDuration:
		return decodeDuration(s.Key, v)
	}
	str, ok := v.v.(string)
	if !ok {
		return nil, fmt.Sprintf("%s takes a string in quotes, not %s", s.Key, v.kind)
	}
	if str == "" {
		return nil, fmt.Sprintf("%s is empty: leave it out for the default", s.Key)
	}
	switch s.kind {
	case kPattern:
		re, err := regexp.Compile(str)
		if err != nil {
			return nil, fmt.Sprintf("%s %q is not a regular expression: %v", s.Key, str, strings.TrimPrefix(err.Error(), "error parsing regexp: "))
		}
		return re, ""
	case kURL:
		u, err := url.Parse(str)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return nil, fmt.Sprintf("%s %q is not an http:// or https:// URL, e.g. \"http://127.0.0.1:9324\"", s.Key, str)
		}
	case kPath:
		// No shell expands a path in a file, and "~/" is how one writes
		// a path that works on every machine of a dotfiles repository.
		if rest, ok := strings.CutPrefix(str, "~/"); ok {
			home, err := os.UserHomeDir()
			if err != nil {
				return nil, fmt.Sprintf("%s %q: no home directory for ~ (%v)", s.Key, str, err)
			}
			str = filepath.Join(home, rest)
		}
	}
	return str, ""
}

// decodeDuration reads "5s"; a bare number, which TOML allows, is refused
// with the unit it lacks, as the flags do.
func decodeDuration(key string, v value) (any, string) {
	switch n := v.v.(type) {
	case int64, float64:
		return nil, fmt.Sprintf("%s = %v needs a unit, in quotes: %s = \"%vs\" (ms, s, m and h work)", key, n, key, n)
	case string:
		d, err := time.ParseDuration(n)
		switch {
		case err != nil:
			if _, nerr := strconv.ParseFloat(n, 64); nerr == nil {
				return nil, fmt.Sprintf("%s %q needs a unit, e.g. \"%ss\" (ms, s, m and h work)", key, n, n)
			}
			return nil, fmt.Sprintf("%s %q is not a duration: a number with a unit, e.g. \"5s\"", key, n)
		case key == "refresh" && d < 500*time.Millisecond:
			return nil, fmt.Sprintf("refresh %q is too short (minimum 500ms)", n)
		case d <= 0:
			return nil, fmt.Sprintf("%s %q must be longer than zero", key, n)
		}
		return d, ""
	}
	return nil, fmt.Sprintf("%s takes a duration in quotes, e.g. \"5s\", not %s", key, v.kind)
}
