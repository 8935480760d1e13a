// Package config reads sqscope's configuration file: defaults for the
// command line's settings, the production and read-only profile patterns,
// a theme and key overrides. Every mistake is reported with its line and
// column; a key sqscope does not know is a mistake too, since a misspelt
// `read-olny = true` silently ignored is a read-only session that is not.
// The command line (main) decides precedence: flags over the file, the
// file over defaults.
package config

import (
	_ "embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"time"

	"github.com/sqscope/sqscope/keymap"
	"github.com/sqscope/sqscope/ui/common"
)

// File is what a configuration file says. Set tells which settings it
// gives (by key, with where); the fields of the others hold zero values.
type File struct {
	Path  string // the file read, or the default path when none exists ("" when there is none)
	Found bool   // false: no file at Path, every setting is a default
	Set   map[string]Pos

	Profile, Region, EndpointURL, AuditLog string
	Refresh, RefreshAll, AgeAlert          time.Duration
	ReadOnly, CloudWatch                   bool
	ProdPattern, ReadOnlyPattern           *regexp.Regexp

	Theme common.Theme
	// Keys is keymap.Default() with the file's overrides; Overridden
	// names them, in the file's order.
	Keys       keymap.KeyMap
	Overridden []keymap.Name
}

// DefaultProdPattern marks a profile as production when the file names no
// pattern: a name containing "prod", in any case.
const DefaultProdPattern = `(?i)prod`

// DefaultPath is $XDG_CONFIG_HOME/sqscope/config.toml, else
// ~/.config/sqscope/config.toml (XDG everywhere, also on macOS, as
// terminal tools there do, so a dotfiles repository works on both).
func DefaultPath() (string, error) {
	if dir := os.Getenv("XDG_CONFIG_HOME"); filepath.IsAbs(dir) {
		return filepath.Join(dir, "sqscope", "config.toml"), nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", fmt.Errorf("no configuration directory: set XDG_CONFIG_HOME or HOME (%v)", err)
	}
	return filepath.Join(home, ".config", "sqscope", "config.toml"), nil
}

// Load reads the file at path; "" means DefaultPath, where a missing file
// is no mistake (every setting keeps its default), while a path asked for
// (--config) must exist.
func Load(path string) (*File, error) {
	asked := path != ""
	if !asked {
		var err error
		if path, err = DefaultPath(); err != nil {
			// Nowhere to look is no file: no reason to refuse to start.
			return (&File{}).finish(nil)
		}
	}
	f := &File{Path: path}
	data, err := os.ReadFile(path)
	switch {
	case errors.Is(err, fs.ErrNotExist) && !asked:
		return f.finish(nil)
	case errors.Is(err, fs.ErrNotExist):
		return nil, Errors{{File: path, Msg: "no such file (--config names a file that must exist)"}}
	case err != nil:
		return nil, Errors{{File: path, Msg: fmt.Sprintf("cannot read the configuration: %v", err)}}
	}
	f.Found = true
	return f.parse(data)
}

// Parse reads a configuration held in memory; file names it in errors.
func Parse(file string, data []byte) (*File, error) {
	f := &File{Path: file, Found: true}
	return f.parse(data)
}

func (f *File) parse(data []byte) (*File, error) {
	entries, err := parse(f.Path, data)
	if err != nil {
		return nil, err
	}
	return f.finish(entries)
}

// finish applies the entries over the defaults and collects every mistake.
func (f *File) finish(entries []entry) (*File, error) {
	f.Set = map[string]Pos{}
	f.CloudWatch = true
	f.ProdPattern = regexp.MustCompile(DefaultProdPattern)
	f.Theme = common.Theme{}
	f.Keys = keymap.Default()
	d := &decoder{f: f}
	for _, e := range entries {
		d.entry(e)
	}
	d.conflicts()
	if len(d.errs) > 0 {
		return nil, d.errs.sorted()
	}
	return f, nil
}

// Example is a commented configuration file with every setting, the
// theme's form and the key overrides' areas and names (`sqscope config
// --example`). A test loads it and checks that it names every setting,
// area and binding, so it cannot fall behind.
//
//go:embed example.toml
var Example string
