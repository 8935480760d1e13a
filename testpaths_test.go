package main

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// The README's test command must pass in a fresh clone with nothing beside
// it, so no test may read a file outside the repository. This test reads
// every *_test.go and fails on a string that names such a path: a relative
// path that climbs out of the repository from the file's own directory
// (where `go test` runs it), or an absolute path under a root where
// machines keep people's and projects' files (/work, /home, …). System
// paths (/proc, /dev, /tmp, /usr/bin) are not a checkout's neighbours and
// are allowed.

// hostRoots are the absolute roots that hold other checkouts and shared
// folders. Written without the slash so this file does not match itself.
var hostRoots = []string{"work", "home", "Users", "root", "mnt", "media", "srv", "opt", "shared", "data", "var", "private"}

func TestTestsStayInsideTheRepository(t *testing.T) {
	root, err := filepath.Abs(".")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, "go.mod")); err != nil {
		t.Fatalf("the root package's directory %s is not the module root: %v", root, err)
	}
	files := 0
	err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && path != root && strings.HasPrefix(d.Name(), ".") {
			return filepath.SkipDir // .git, .ci: no Go tests
		}
		// Test files, and the test-support package the UI's tests share.
		if d.IsDir() || !strings.HasSuffix(path, ".go") ||
			(!strings.HasSuffix(path, "_test.go") && filepath.Base(filepath.Dir(path)) != "uitest") {
			return nil
		}
		files++
		rel, _ := filepath.Rel(root, path)
		rel = filepath.ToSlash(rel)
		for _, ref := range outsideRefs(t, root, path) {
			t.Errorf("%s: %s: %q is outside the repository; put what the test needs under testdata/", rel, ref.pos, ref.path)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if files < 10 {
		t.Fatalf("found only %d test files under %s; the walk is broken", files, root)
	}
}

// ref is one string naming a path outside the repository.
type ref struct {
	pos  string // line:column
	path string
}

// outsideRefs parses one test file and returns the paths outside root that
// its string literals name, alone or joined by filepath.Join / path.Join.
func outsideRefs(t *testing.T, root, file string) []ref {
	t.Helper()
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, file, nil, parser.SkipObjectResolution)
	if err != nil {
		t.Fatalf("parse %s: %v", file, err)
	}
	dir := filepath.Dir(file)
	var out []ref
	report := func(n ast.Node, p string) {
		pos := fset.Position(n.Pos())
		out = append(out, ref{pos: strconv.Itoa(pos.Line) + ":" + strconv.Itoa(pos.Column), path: p})
	}
	ast.Inspect(f, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.CallExpr:
			if joined, ok := literalJoin(n); ok && outside(root, dir, joined) {
				report(n, joined)
				return false
			}
		case *ast.BasicLit:
			if n.Kind != token.STRING {
				return true
			}
			s, err := strconv.Unquote(n.Value)
			if err != nil {
				return true
			}
			for _, tok := range pathTokens(s) {
				if outside(root, dir, tok) {
					report(n, tok)
				}
			}
		}
		return true
	})
	return out
}

// literalJoin evaluates filepath.Join / path.Join over string literals only.
func literalJoin(c *ast.CallExpr) (string, bool) {
	sel, ok := c.Fun.(*ast.SelectorExpr)
	if !ok || sel.Sel.Name != "Join" || len(c.Args) < 2 {
		return "", false
	}
	if pkg, ok := sel.X.(*ast.Ident); !ok || (pkg.Name != "filepath" && pkg.Name != "path") {
		return "", false
	}
	parts := make([]string, len(c.Args))
	for i, a := range c.Args {
		lit, ok := a.(*ast.BasicLit)
		if !ok || lit.Kind != token.STRING {
			return "", false
		}
		s, err := strconv.Unquote(lit.Value)
		if err != nil {
			return "", false
		}
		parts[i] = s
	}
	return filepath.Join(parts...), true
}

// pathTokens splits a string into the words that could be paths, so a
// path inside a command line or a message is found too.
func pathTokens(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool {
		return r == ' ' || r == '\t' || r == '\n' || r == '"' || r == '\'' || r == '=' || r == ',' || r == '(' || r == ')'
	})
}

// outside reports whether p, read by a test in dir, is outside root.
func outside(root, dir, p string) bool {
	if strings.HasPrefix(p, "/") {
		first, _, _ := strings.Cut(p[1:], "/")
		for _, r := range hostRoots {
			if first == r {
				return true
			}
		}
		return false
	}
	if strings.Trim(p, "./") == "" {
		return false // "..", "../": this file's own vocabulary, no file named
	}
	if !strings.HasPrefix(p, "../") && !strings.Contains(p, "/../") {
		return false
	}
	rel, err := filepath.Rel(root, filepath.Join(dir, p))
	return err != nil || rel == ".." || strings.HasPrefix(rel, "../")
}

// The detector itself, on paths built at run time (a literal here would be
// found by the walk above).
func TestOutsideDetector(t *testing.T) {
	root := filepath.FromSlash("/r/repo")
	dir := filepath.Join(root, "ui", "sanitize")
	up := func(n int) string { return strings.Repeat("../", n) }
	for _, c := range []struct {
		p    string
		want bool
	}{
		{up(2) + "testdata/x.json", false}, // the repository's own testdata
		{up(3) + "shared/testdata/x.json", true},
		{"testdata/" + up(4) + "shared", true},
		{"/" + "work/shared/testdata/x.json", true},
		{"/" + "home/me/x", true},
		{"/proc/self/status", false},
		{"/tmp/b", false},
		{"/000000000000/q", false}, // a queue URL's path
		{up(1), false},
	} {
		if got := outside(root, dir, c.p); got != c.want {
			t.Errorf("outside(%q) = %v, want %v", c.p, got, c.want)
		}
	}
}
