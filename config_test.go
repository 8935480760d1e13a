package main

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/sqscope/sqscope/awsclient"
)

// writeConfig isolates AWS and the XDG folders (isolateAWS), and writes
// doc as the default configuration file; it returns the file's path.
func writeConfig(t *testing.T, doc string, env map[string]string) string {
	t.Helper()
	isolateAWS(t, env)
	path := filepath.Join(os.Getenv("XDG_CONFIG_HOME"), "sqscope", "config.toml")
	if doc == "" {
		return path
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(doc), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// startedWith runs the command line as far as the TUI and returns the
// settings it would have started with.
func startedWith(t *testing.T, args ...string) (tuiFlags, int, string) {
	t.Helper()
	oldNeed, oldRun := needTerminal, runProgram
	t.Cleanup(func() { needTerminal, runProgram = oldNeed, oldRun })
	needTerminal = func(io.Writer) error { return nil }
	var got tuiFlags
	runProgram = func(_ context.Context, _ *awsclient.SQS, f tuiFlags, _ io.Writer) int { got = f; return 0 }
	var stderr bytes.Buffer
	code := run(append([]string{"--endpoint-url", "http://127.0.0.1:9324"}, args...), io.Discard, &stderr)
	return got, code, stderr.String()
}

const fileDoc = `region = "eu-west-1"
refresh = "5s"
read-only = true
age-alert = "30m"
audit-log = "~/audit.jsonl"

[theme]
status-err = "#ff0000"

[keys.peek]
delete = ["D", "delete"]
`

// A flag given wins over the file, the file over the default, and the
// AWS environment over the file; the theme and keys reach the UI.
func TestPrecedence(t *testing.T) {
	for _, c := range []struct {
		name        string
		env         map[string]string
		args        []string
		refresh     time.Duration
		region      string
		readOnly    bool
		refreshAll  time.Duration
		regionWhere string
	}{
		{name: "file over defaults", refresh: 5 * time.Second, region: "eu-west-1", readOnly: true, refreshAll: time.Minute, regionWhere: "file"},
		{name: "flags over the file", args: []string{"--refresh", "10s", "--read-only=false", "--region", "us-east-2"},
			refresh: 10 * time.Second, region: "us-east-2", readOnly: false, refreshAll: time.Minute, regionWhere: "flag"},
		{name: "environment over the file", env: map[string]string{"AWS_REGION": "ap-south-1"},
			refresh: 5 * time.Second, region: "", readOnly: true, refreshAll: time.Minute, regionWhere: "environment"},
	} {
		t.Run(c.name, func(t *testing.T) {
			writeConfig(t, fileDoc, c.env)
			got, code, stderr := startedWith(t, c.args...)
			if code != 0 || stderr != "" {
				t.Fatalf("exit %d, stderr %q", code, stderr)
			}
			if got.refresh != c.refresh || got.region != c.region || got.readOnly != c.readOnly || got.refreshAll != c.refreshAll ||
				got.origins["region"].kind != c.regionWhere || got.ageAlert != 30*time.Minute {
				t.Errorf("refresh %v, region %q (%v), read-only %v, refresh-all %v, age alert %v",
					got.refresh, got.region, got.origins["region"], got.readOnly, got.refreshAll, got.ageAlert)
			}
			if want := filepath.Join(os.Getenv("HOME"), "audit.jsonl"); got.auditLog != want {
				t.Errorf("audit log %q, want %q", got.auditLog, want)
			}
			o := uiOptions(awsclient.NewStatic("http://127.0.0.1:9324", "us-east-1", awsclient.Config{}), got)
			if o.Keys == nil || !key.Matches(tea.KeyPressMsg{Code: 'd', Text: "D"}, o.Keys.Peek.Delete) || o.Theme["status-err"] != "#ff0000" ||
				o.ProdPattern == nil || !o.ProdPattern.MatchString("acme-prod") || o.ReadOnlyPattern != nil {
				t.Errorf("UI options: keys %v, theme %v, prod %v, read-only %v", o.Keys, o.Theme, o.ProdPattern, o.ReadOnlyPattern)
			}
		})
	}
}

// Without a file every setting is its default; a --config that does not
// exist, or a file with mistakes, stops sqscope with every mistake on
// its own line.
func TestConfigFileAtStart(t *testing.T) {
	region := map[string]string{"AWS_REGION": "us-east-1"}
	writeConfig(t, "", region)
	got, code, stderr := startedWith(t)
	if code != 0 || stderr != "" || got.refresh != 3*time.Second || got.readOnly || got.file.Found {
		t.Errorf("no file: exit %d, stderr %q, %+v", code, stderr, got)
	}
	missing := filepath.Join(t.TempDir(), "nope.toml")
	if _, code, stderr = startedWith(t, "--config", missing); code != 2 || stderr != "sqscope: "+missing+": no such file (--config names a file that must exist)\n" {
		t.Errorf("missing --config: exit %d, stderr %q", code, stderr)
	}
	path := writeConfig(t, "refesh = \"5s\"\n[keys.peek]\ncopy = \"X\"\n", nil)
	_, code, stderr = startedWith(t)
	want := "sqscope: " + path + `:1:1: unknown key "refesh" (did you mean refresh?)` + "\n" +
		"sqscope: " + path + `:3:1: key conflict: "X" is bound to both peek.copy and peek.delete: only one of them would ever see it` + "\n"
	if code != 2 || stderr != want {
		t.Errorf("bad file: exit %d, stderr:\n%s\nwant:\n%s", code, stderr, want)
	}
}

// Settings that do not go together are refused, naming where each came
// from; a flag that turns CloudWatch off for one run wins over the file's
// age alert.
func TestConfigContradictions(t *testing.T) {
	for _, c := range []struct {
		doc  string
		args []string
		want string // "" when sqscope starts
	}{
		{"refresh-all = \"5s\"\n", []string{"--refresh", "10s"}, `refresh-all = "5s" (PATH:1:1) is shorter than --refresh 10s`},
		{"refresh = \"2m\"\n", nil, `--refresh-all 1m0s is shorter than refresh = "2m0s" (PATH:1:1)`},
		{"cloudwatch = false\n", []string{"--age-alert", "2h"}, `--age-alert needs CloudWatch, which cloudwatch = false (PATH:1:1) turns off`},
		{"cloudwatch = false\nage-alert = \"2h\"\n", nil, `age-alert (PATH:2:1) needs CloudWatch, which cloudwatch = false (PATH:1:1) turns off`},
		{"age-alert = \"2h\"\n", []string{"--no-cloudwatch"}, ""},
		{"cloudwatch = false\n", []string{"--no-cloudwatch=false", "--age-alert", "2h"}, ""},
	} {
		path := writeConfig(t, c.doc, map[string]string{"AWS_REGION": "us-east-1"})
		_, code, stderr := startedWith(t, c.args...)
		want := strings.ReplaceAll(c.want, "PATH", path)
		if c.want == "" && (code != 0 || stderr != "") || c.want != "" && (code != 2 || !strings.HasPrefix(stderr, "sqscope: "+want)) {
			t.Errorf("%q %q: exit %d, stderr %q; want %q", c.doc, c.args, code, stderr, want)
		}
	}
}
