package config

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/sqscope/sqscope/keymap"
)

// home points HOME and XDG_CONFIG_HOME at temporary folders: no test reads
// this machine's configuration.
func home(t *testing.T) (homeDir, xdg string) {
	t.Helper()
	homeDir, xdg = t.TempDir(), t.TempDir()
	t.Setenv("HOME", homeDir)
	t.Setenv("XDG_CONFIG_HOME", xdg)
	return homeDir, xdg
}

func TestGoodFiles(t *testing.T) {
	homeDir, _ := home(t)
	for _, c := range []struct {
		name, doc string
		check     func(t *testing.T, f *File)
	}{
		{"empty", "", func(t *testing.T, f *File) {
			if len(f.Set) != 0 || !f.CloudWatch || f.ReadOnly || !f.ProdPattern.MatchString("my-PROD-account") {
				t.Errorf("defaults: %+v", f)
			}
		}},
		{"every setting", `
profile = "staging"
region = "eu-west-1"
endpoint-url = "http://127.0.0.1:9324"
refresh = "5s"
refresh-all = "2m"
read-only = true
read-only-pattern = "live$"
prod-pattern = "^acme-"
cloudwatch = false
age-alert = "30m"
audit-log = "~/audit.jsonl"
`, func(t *testing.T, f *File) {
			if f.Profile != "staging" || f.Region != "eu-west-1" || f.EndpointURL != "http://127.0.0.1:9324" ||
				f.Refresh != 5*time.Second || f.RefreshAll != 2*time.Minute || !f.ReadOnly || f.CloudWatch ||
				f.AgeAlert != 30*time.Minute || f.AuditLog != filepath.Join(homeDir, "audit.jsonl") ||
				!f.ReadOnlyPattern.MatchString("eu-live") || f.ProdPattern.MatchString("prod") || !f.ProdPattern.MatchString("acme-x") {
				t.Errorf("read %+v", f)
			}
			if len(f.Set) != len(Settings) || f.Set["refresh"] != (Pos{5, 1}) {
				t.Errorf("set %v", f.Set)
			}
		}},
		{"theme and keys", `
[theme]
status-err = "#ff0000"
dlq-full = "bright-red"
app = "5"

[keys.peek]
delete = ["D", "delete"]
[keys]
global.help = "f1"
list = { sort = ["o"] }
`, func(t *testing.T, f *File) {
			if f.Theme["status-err"] != "#ff0000" || f.Theme["dlq-full"] != "bright-red" || f.Theme["app"] != "5" {
				t.Errorf("theme %v", f.Theme)
			}
			if !key.Matches(tea.KeyPressMsg{Code: 'd', Text: "D"}, f.Keys.Peek.Delete) ||
				key.Matches(tea.KeyPressMsg{Code: 'x', Text: "X"}, f.Keys.Peek.Delete) {
				t.Errorf("peek.delete keys %v", f.Keys.Peek.Delete.Keys())
			}
			if !slices.Equal(f.Keys.Global.Help.Keys(), []string{"f1"}) || !slices.Equal(f.Keys.List.Sort.Keys(), []string{"o"}) {
				t.Errorf("help %v, sort %v", f.Keys.Global.Help.Keys(), f.Keys.List.Sort.Keys())
			}
			want := []keymap.Name{{Area: "peek", Binding: "delete"}, {Area: "global", Binding: "help"}, {Area: "list", Binding: "sort"}}
			if !slices.Equal(f.Overridden, want) {
				t.Errorf("overridden %v", f.Overridden)
			}
		}},
		{"a key moved away frees it", `
[keys.peek]
delete = ["D"]
copy = ["X"]
`, func(t *testing.T, f *File) {
			if !slices.Equal(f.Keys.Peek.Copy.Keys(), []string{"X"}) {
				t.Errorf("copy %v", f.Keys.Peek.Copy.Keys())
			}
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			f, err := Parse("config.toml", []byte(c.doc))
			if err != nil {
				t.Fatalf("%v", err)
			}
			c.check(t, f)
		})
	}
}

// Every mistake is one line with the file, line and column, and says what
// to write instead.
func TestBadFiles(t *testing.T) {
	home(t)
	for _, c := range []struct{ name, doc, want string }{
		{"syntax", "refresh = \"5s\"\nregion = 'eu-west-1\n", "config.toml:2:20: not valid TOML: literal strings cannot have new lines"},
		{"key twice", "refresh = \"5s\"\nrefresh = \"6s\"\n", "config.toml:2:1: not valid TOML: "},
		{"unknown key", "region = \"eu-west-1\"\n  refesh = \"5s\"\n", `config.toml:2:3: unknown key "refesh" (did you mean refresh?)`},
		{"unknown key, nothing close", "colour = 1\n", `config.toml:1:1: unknown key "colour"`},
		{"unknown table", "[keyz.peek]\ndelete = [\"D\"]\ncopy = [\"C\"]\n", `config.toml:1:2: unknown key "keyz" (did you mean keys?)`},
		{"wrong type, bool", "read-only = \"yes\"\n", `config.toml:1:13: read-only takes true or false, not a string`},
		{"wrong type, string", "profile = 3\n", `config.toml:1:11: profile takes a string in quotes, not a number`},
		{"setting as a table", "[refresh]\n", `config.toml:1:2: refresh is a setting (refresh = …), not a table`},
		{"duration without unit", "refresh = 5\n", `config.toml:1:11: refresh = 5 needs a unit, in quotes: refresh = "5s" (ms, s, m and h work)`},
		{"duration string without unit", "refresh-all = \"90\"\n", `config.toml:1:15: refresh-all "90" needs a unit, e.g. "90s" (ms, s, m and h work)`},
		{"bad duration", "age-alert = \"soon\"\n", `config.toml:1:13: age-alert "soon" is not a duration: a number with a unit, e.g. "5s"`},
		{"refresh too short", "refresh = \"100ms\"\n", `config.toml:1:11: refresh "100ms" is too short (minimum 500ms)`},
		{"zero age alert", "age-alert = \"0s\"\n", `config.toml:1:13: age-alert "0s" must be longer than zero`},
		{"bad pattern", "prod-pattern = \"(prod\"\n", `config.toml:1:16: prod-pattern "(prod" is not a regular expression: missing closing ): ` + "`(prod`"},
		{"bad URL", "endpoint-url = \"localhost:9324\"\n", `config.toml:1:16: endpoint-url "localhost:9324" is not an http:// or https:// URL, e.g. "http://127.0.0.1:9324"`},
		{"bad colour", "[theme]\nstatus-err = \"#ff00\"\n", `config.toml:2:14: theme.status-err: "#ff00" is not a colour: use "#rrggbb", "#rgb", an ANSI number 0-255 or a name (red, bright-blue, gray)`},
		{"unknown role", "[theme]\nstatus-error = \"red\"\n", `config.toml:2:1: theme: no role "status-error" (did you mean status-err?); the roles are app, `},
		{"unknown area", "[keys.peeek]\ndelete = [\"D\"]\n", `config.toml:1:7: keys: no area "peeek" (did you mean peek?); the areas are nav, global, list, peek, dlq, dialog, input, form, editor`},
		{"unknown binding", "[keys.peek]\ndelet = [\"D\"]\n", `config.toml:2:1: keys.peek: no binding "delet" (did you mean delete?); the bindings are filter, body, `},
		{"setting under a table", "[keys.list]\nsort = \"o\"\nrefresh = \"5s\"\n", `config.toml:3:1: keys.list: no binding "refresh"; the bindings are filter, open, peek, details, sort, window, send, send-file, purge, create, edit, drop-queue (refresh is a setting of its own: put it above the first [table])`},
		{"key not a string", "[keys.peek]\ndelete = [\"D\", 4]\n", `config.toml:2:1: keys.peek.delete: keys are strings in quotes, not a number`},
		{"no keys", "[keys.peek]\ndelete = []\n", `config.toml:2:1: keys.peek.delete: an empty list: a binding needs at least one key`},
		{"key misspelt", "[keys.global]\nback = [\"escape\"]\n", `config.toml:2:1: keys.global.back: "escape" is not a key name Bubble Tea uses: write "esc"`},
		{"key with dash", "[keys.global]\nquit = [\"ctrl-q\"]\n", `config.toml:2:1: keys.global.quit: "ctrl-q" is not how Bubble Tea writes that key: write "ctrl+q"`},
		{"modifiers out of order", "[keys.global]\nquit = \"alt+ctrl+q\"\n", `config.toml:2:8: keys.global.quit: "alt+ctrl+q" is not how Bubble Tea writes that key: write "ctrl+alt+q"`},
		{"shift and a letter", "[keys.global]\nquit = \"shift+q\"\n", `config.toml:2:8: keys.global.quit: "shift+q" is not how Bubble Tea writes that key: write "Q"`},
		{"ctrl and a capital", "[keys.global]\nquit = \"ctrl+Q\"\n", `config.toml:2:8: keys.global.quit: "ctrl+Q" is not how Bubble Tea writes that key: write "ctrl+q"`},
		{"unknown key name", "[keys.global]\nrefresh = \"f55\"\n", `config.toml:2:11: keys.global.refresh: "f55" is not a key: `},
		{"conflict", "[keys.peek]\ncopy = [\"X\"]\n", `config.toml:2:1: key conflict: "X" is bound to both peek.copy and peek.delete: only one of them would ever see it`},
		{"conflict with a global key", "[keys.list]\nsort = [\"r\"]\n", `config.toml:2:1: key conflict: "r" is bound to both global.refresh and list.sort`},
		{"array of tables", "[[keys]]\n", `config.toml:1:3: [[keys]]: sqscope's configuration has no arrays of tables`},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := Parse("config.toml", []byte(c.doc))
			if err == nil || !strings.HasPrefix(err.Error(), c.want) || strings.Contains(err.Error(), "\n") {
				t.Errorf("got  %v\nwant one line starting %s", err, c.want)
			}
		})
	}
}

// All the mistakes of a file are said at once, in the file's order.
func TestEveryMistakeAtOnce(t *testing.T) {
	_, err := Parse("c.toml", []byte("[theme]\napp = \"nope\"\n[keys.peek]\ncopy = \"X\"\n[keys.list]\nsortt = \"o\"\n"))
	lines := strings.Split(err.Error(), "\n")
	if len(lines) != 3 || !strings.HasPrefix(lines[0], "c.toml:2:") || !strings.HasPrefix(lines[1], "c.toml:4:") || !strings.HasPrefix(lines[2], "c.toml:6:") {
		t.Errorf("errors:\n%v", err)
	}
}

// The default file may be missing; a file asked for may not.
func TestLoad(t *testing.T) {
	homeDir, xdg := home(t)
	f, err := Load("")
	if err != nil || f.Found || f.Path != filepath.Join(xdg, "sqscope", "config.toml") {
		t.Fatalf("no file: %+v, %v", f, err)
	}
	if err := os.MkdirAll(filepath.Join(xdg, "sqscope"), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(f.Path, []byte("region = \"eu-west-1\"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if f, err = Load(""); err != nil || !f.Found || f.Region != "eu-west-1" {
		t.Fatalf("default file: %+v, %v", f, err)
	}
	missing := filepath.Join(homeDir, "other.toml")
	if _, err := Load(missing); err == nil || err.Error() != missing+": no such file (--config names a file that must exist)" {
		t.Errorf("missing --config: %v", err)
	}
	t.Setenv("XDG_CONFIG_HOME", "")
	if p, _ := DefaultPath(); p != filepath.Join(homeDir, ".config", "sqscope", "config.toml") {
		t.Errorf("without XDG_CONFIG_HOME: %s", p)
	}
	t.Setenv("HOME", "")
	if f, err := Load(""); err != nil || f.Found || f.Path != "" || !f.CloudWatch {
		t.Errorf("with nowhere to look: %+v, %v; want the defaults", f, err)
	}
}

// The example loads cleanly and names every setting, area and binding.
func TestExample(t *testing.T) {
	home(t)
	if _, err := Parse("example.toml", []byte(Example)); err != nil {
		t.Fatalf("the example does not load: %v", err)
	}
	for _, s := range Settings {
		if !strings.Contains(Example, s.Key+" = ") {
			t.Errorf("the example lacks %s", s.Key)
		}
	}
	for _, a := range keymap.Areas() {
		line := "#   " + a + ":"
		i := strings.Index(Example, line)
		if i < 0 {
			t.Errorf("the example lacks the area %s", a)
			continue
		}
		rest, _, _ := strings.Cut(Example[i+len(line):], "\n")
		if got := strings.Fields(rest); !slices.Equal(got, keymap.Names(a)) {
			t.Errorf("the example's %s bindings %v, want %v", a, got, keymap.Names(a))
		}
	}
}

// The spellings Bubble Tea produces are taken as they are.
func TestGoodKeys(t *testing.T) {
	for _, k := range []string{"x", "X", "?", "/", "+", "é", "enter", "esc", "space", "tab", "shift+tab", "ctrl+c", "ctrl+alt+x",
		"alt+enter", "ctrl++", "f5", "f24", "pgdown", "pgup", "home", "delete", "backspace", "ctrl+shift+x"} {
		if msg := checkKey(k); msg != "" {
			t.Errorf("%q refused: %s", k, msg)
		}
	}
}
