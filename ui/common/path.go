package common

import (
	"os"
	"path/filepath"
	"strings"
)

// ExpandHome turns a leading ~/ into the home directory, as a shell would:
// paths typed into a prompt (export, send from file) are written that way.
func ExpandHome(p string) string {
	if rest, ok := strings.CutPrefix(p, "~/"); ok {
		if home, err := os.UserHomeDir(); err == nil {
			return filepath.Join(home, rest)
		}
	}
	return p
}
