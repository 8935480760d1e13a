package ui

import (
	"go/build"
	"io/fs"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// shared are the ui packages every pane may import; every other folder
// under ui/ is a pane (with any packages nested in it), which may import
// none of the others, nor the root.
var shared = []string{"common", "dialog", "sanitize"}

// TestPanesAreRooms: one folder per pane, and a pane never reaches into
// another. What one pane needs from another goes through the root.
func TestPanesAreRooms(t *testing.T) {
	const mod = "github.com/sqscope/sqscope/ui"
	room := func(rel string) string { first, _, _ := strings.Cut(rel, "/"); return first }
	panes := map[string]bool{}
	err := filepath.WalkDir(".", func(dir string, d fs.DirEntry, err error) error {
		if err != nil || !d.IsDir() || dir == "." {
			return err
		}
		if d.Name() == "testdata" || d.Name() == "internal" {
			return filepath.SkipDir
		}
		pkg, err := build.ImportDir(dir, 0)
		if err != nil {
			return nil // a folder without Go files
		}
		own := room(filepath.ToSlash(dir))
		if !slices.Contains(shared, own) {
			panes[own] = true
		}
		for _, imp := range pkg.Imports {
			rest, ok := strings.CutPrefix(imp, mod)
			if !ok {
				continue
			}
			other := room(strings.TrimPrefix(rest, "/"))
			switch {
			case rest == "":
				t.Errorf("ui/%s imports the root ui package: panes send messages up instead", dir)
			case other == "internal":
				t.Errorf("ui/%s imports %s outside its tests", dir, imp)
			case other != own && !slices.Contains(shared, other):
				t.Errorf("ui/%s imports the pane ui/%s: go through the root", dir, other)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(panes) < 3 {
		t.Errorf("%d pane packages under ui/: the rooms are gone", len(panes))
	}
}
