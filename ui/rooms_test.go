package ui

import (
	"go/build"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// shared are the ui packages every pane may import; every other package
// under ui/ is a pane, which may import none of the others, nor the root.
var shared = []string{"common", "dialog", "sanitize"}

// TestPanesAreRooms: one folder per pane, and a pane never reaches into
// another. What one pane needs from another goes through the root.
func TestPanesAreRooms(t *testing.T) {
	const mod = "github.com/sqscope/sqscope/ui"
	entries, err := os.ReadDir(".")
	if err != nil {
		t.Fatal(err)
	}
	panes := 0
	for _, e := range entries {
		if !e.IsDir() || e.Name() == "testdata" || e.Name() == "internal" {
			continue
		}
		pkg, err := build.ImportDir(e.Name(), 0)
		if err != nil {
			t.Fatalf("%s: %v", e.Name(), err)
		}
		if !slices.Contains(shared, e.Name()) {
			panes++
		}
		for _, imp := range pkg.Imports {
			rest, ok := strings.CutPrefix(imp, mod)
			if !ok {
				continue
			}
			other := strings.TrimPrefix(rest, "/")
			switch {
			case rest == "":
				t.Errorf("ui/%s imports the root ui package: panes send messages up instead", e.Name())
			case strings.HasPrefix(other, "internal/"):
				t.Errorf("ui/%s imports %s outside its tests", e.Name(), imp)
			case !slices.Contains(shared, filepath.Base(other)):
				t.Errorf("ui/%s imports the pane ui/%s: go through the root", e.Name(), other)
			}
		}
	}
	if panes < 3 {
		t.Errorf("%d pane packages under ui/: the rooms are gone", panes)
	}
}
