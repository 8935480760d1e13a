package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sqscope/sqscope/config"
)

// `sqscope config` names the file and every setting in effect with where
// it came from; without a file it says where one would be.
func TestConfigCommand(t *testing.T) {
	for _, c := range []struct {
		name string
		doc  string
		env  map[string]string
		args []string
		want string
	}{
		{name: "no file", want: `configuration file: none (it would be XDG/sqscope/config.toml; sqscope config --example prints one to start from)

setting            value                                from
profile            (the SDK's: "default")               default
region             (the profile's)                      default
endpoint-url       (AWS's regional endpoint)            default
refresh            3s                                   default
refresh-all        1m                                   default
read-only          false                                default
read-only-pattern  (none)                               default
prod-pattern       (?i)prod                             default
cloudwatch         true                                 default
age-alert          1h                                   default
audit-log          STATE/sqscope/audit.jsonl            default

theme: the default colours

keys: the defaults (? in sqscope lists them)
`},
		{name: "file, flags and environment", doc: fileDoc, env: map[string]string{"AWS_PROFILE": "staging", "NO_COLOR": "1"},
			args: []string{"--refresh", "10s", "--no-cloudwatch"}, want: `configuration file: XDG/sqscope/config.toml

setting            value                                from
profile            staging                              environment AWS_PROFILE
region             eu-west-1                            file XDG/sqscope/config.toml:1:1
endpoint-url       (AWS's regional endpoint)            default
refresh            10s                                  flag --refresh
refresh-all        1m                                   default
read-only          true                                 file XDG/sqscope/config.toml:3:1
read-only-pattern  (none)                               default
prod-pattern       (?i)prod                             default
cloudwatch         false                                flag --no-cloudwatch
age-alert          30m                                  file XDG/sqscope/config.toml:4:1
audit-log          HOME/audit.jsonl                     file XDG/sqscope/config.toml:5:1

theme:
  status-err  #ff0000  file XDG/sqscope/config.toml:8:1
  (NO_COLOR is set: no colours at all, whatever the theme says)

keys (the others are the defaults; ? in sqscope lists them all):
  peek.delete  D delete  instead of X  file XDG/sqscope/config.toml:11:1
`},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Setenv("NO_COLOR", "")
			writeConfig(t, c.doc, c.env)
			var stdout, stderr bytes.Buffer
			if code := run(append([]string{"config"}, c.args...), &stdout, &stderr); code != 0 || stderr.Len() > 0 {
				t.Fatalf("exit %d, stderr %q", code, stderr.String())
			}
			got := strings.NewReplacer(os.Getenv("XDG_CONFIG_HOME"), "XDG", os.Getenv("XDG_STATE_HOME"), "STATE", os.Getenv("HOME"), "HOME").Replace(stdout.String())
			// The value column's width follows the temporary paths.
			if norm(got) != norm(c.want) {
				t.Errorf("got:\n%s\nwant:\n%s", got, c.want)
			}
		})
	}
}

// norm squeezes runs of spaces, so the table's padding, which depends on
// the temporary folder's name, does not count.
func norm(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.Join(strings.Fields(l), " ")
		if strings.HasPrefix(l, "  ") {
			lines[i] = "  " + lines[i]
		}
	}
	return strings.Join(lines, "\n")
}

// --example prints the commented example, which loads as it is; a broken
// file is refused as the TUI refuses it.
func TestConfigExampleAndMistakes(t *testing.T) {
	writeConfig(t, "", nil)
	var stdout, stderr bytes.Buffer
	if code := run([]string{"config", "--example"}, &stdout, &stderr); code != 0 || stdout.String() != config.Example || stderr.Len() > 0 {
		t.Errorf("--example: exit %d, stderr %q", code, stderr.String())
	}
	path := filepath.Join(t.TempDir(), "c.toml")
	if err := os.WriteFile(path, []byte("[theme]\nstatus-err = \"blood\"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	stdout.Reset()
	code := run([]string{"config", "--config", path}, &stdout, &stderr)
	if want := "sqscope: " + path + `:2:14: theme.status-err: "blood" is not a colour`; code != 2 || !strings.HasPrefix(stderr.String(), want) || stdout.Len() > 0 {
		t.Errorf("broken file: exit %d, stdout %q, stderr %q; want %q", code, stdout.String(), stderr.String(), want)
	}
}

// The README's example file loads as it is.
func TestREADMEConfigExample(t *testing.T) {
	writeConfig(t, "", nil)
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, section, _ := strings.Cut(string(readme), "## Configuration")
	_, block, ok := strings.Cut(section, "```toml\n")
	block, _, _ = strings.Cut(block, "```")
	if !ok || block == "" {
		t.Fatal("no ```toml block in the README's Configuration section")
	}
	if _, err := config.Parse("README.md", []byte(block)); err != nil {
		t.Errorf("the README's example: %v", err)
	}
}
