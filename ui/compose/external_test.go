package compose

import (
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/sqscope/sqscope/model"
	"github.com/sqscope/sqscope/ui/dialog"
	"github.com/sqscope/sqscope/ui/internal/uitest"
)

// fakeEditor makes testdata/editor.sh the $EDITOR, writing drafts[i]
// on its call i+1 ("" leaves the file as it was), and puts temporary
// files in a directory of the test's own. It returns the script's
// directory of records and the temporary directory.
func fakeEditor(t *testing.T, drafts ...string) (dir, tmp string) {
	t.Helper()
	script, err := filepath.Abs("testdata/editor.sh")
	if err != nil {
		t.Fatal(err)
	}
	dir, tmp = t.TempDir(), t.TempDir()
	t.Setenv("EDITOR", script)
	t.Setenv("FAKE_EDITOR_DIR", dir)
	t.Setenv("TMPDIR", tmp)
	for i, d := range drafts {
		if d != "" {
			write(t, filepath.Join(dir, "draft-"+strconv.Itoa(i+1)), d)
		}
	}
	return dir, tmp
}

func write(t *testing.T, path, s string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(s), 0o600); err != nil {
		t.Fatal(err)
	}
}

func read(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// The editor gets the template under a header in a file only the user
// can read, which is gone once read back; what it saves is checked and
// asked about.
func TestExternalEditor(t *testing.T) {
	r := newRig(t, false)
	dir, tmp := fakeEditor(t, `{"Body": "from the editor"}`)
	r.keyOn("S", sendTarget("orders"))
	given := read(t, filepath.Join(dir, "given-1"))
	mustContain(t, "the file", given, "#> To orders: save and quit", `"Body": ""`)
	if mode := strings.TrimSpace(read(t, filepath.Join(dir, "mode-1"))); mode != "600" {
		t.Errorf("the draft's file has mode %s, want 600", mode)
	}
	if left, _ := os.ReadDir(tmp); len(left) != 0 {
		t.Errorf("left behind: %v", left)
	}
	if got := r.confirm(); got != "Send 1 message (15 bytes) to orders?" {
		t.Fatalf("asked %q; said %q", got, r.said)
	}
	r.press("y")
	if s := r.sends(); len(s) != 1 || !reflect.DeepEqual(s[0].Outgoing, []model.Outgoing{{Body: "from the editor"}}) {
		t.Errorf("sent %+v", s)
	}
}

// A refused draft goes back to the editor as saved, with the reason on a
// header line that counts the file's own lines; fixed, it is sent.
func TestExternalEditorShowsTheReasonAndKeepsTheDraft(t *testing.T) {
	r := newRig(t, false)
	bad := "{\n \"Bdy\": \"x\"\n}\n"
	dir, _ := fakeEditor(t, bad, `{"Body": "fixed"}`)
	r.keyOn("S", sendTarget("orders"))
	given := read(t, filepath.Join(dir, "given-2"))
	// Four header lines, then the draft as saved: "Bdy" is on line 6.
	mustContain(t, "the second file", given, `#> ✗ line 6, column 2: unknown field "Bdy"`)
	if got := stripHeader(given); got != bad {
		t.Errorf("the draft came back as %q, want %q", got, bad)
	}
	if lines := strings.Split(given, "\n"); !strings.Contains(lines[5], `"Bdy"`) {
		t.Errorf("line 6 is %q", lines[5])
	}
	r.press("y")
	if s := r.sends(); len(s) != 1 || s[0].Outgoing[0].Body != "fixed" {
		t.Errorf("sent %+v", s)
	}
}

// Ways out of the external editor: leave a refused draft unchanged, or
// exit with an error. Either sends nothing and keeps the draft.
func TestExternalEditorWaysOut(t *testing.T) {
	t.Run("unchanged after a refusal", func(t *testing.T) {
		r := newRig(t, false)
		dir, _ := fakeEditor(t, `{"Bdy": "x"}`, "")
		r.keyOn("S", sendTarget("orders"))
		if n := strings.TrimSpace(read(t, filepath.Join(dir, "count"))); n != "2" {
			t.Fatalf("the editor ran %s times", n)
		}
		mustContain(t, "notice", r.last(), "left unchanged: nothing sent", "kept")
		if got := r.p.kept["send "+q("orders").URL]; got != `{"Bdy": "x"}` {
			t.Errorf("kept %q", got)
		}
	})
	t.Run("exit status", func(t *testing.T) {
		r := newRig(t, false)
		dir, _ := fakeEditor(t)
		write(t, filepath.Join(dir, "exit-1"), "1")
		r.keyOn("S", sendTarget("orders"))
		mustContain(t, "notice", r.last(), "the editor exited with an error: nothing sent", "kept")
		if r.stack.Len() != 0 {
			t.Errorf("opened %T", r.stack.Top())
		}
	})
}

// An editor that cannot start leaves the in-app editor, on the draft;
// $VISUAL wins over $EDITOR.
func TestEditorChoice(t *testing.T) {
	r := newRig(t, false)
	t.Setenv("TMPDIR", t.TempDir())
	t.Setenv("EDITOR", "/bin/true")
	t.Setenv("VISUAL", filepath.Join(t.TempDir(), "no-such-editor"))
	r.keyOn("S", sendTarget("orders"))
	mustContain(t, "notice", r.last(), "could not run the editor", "editing here instead")
	mustContain(t, "in-app editor", r.editor().Value(), `"Body": ""`)
}

// A draft larger than the in-app editor takes is not opened there: it is
// kept, and the notice says to set $EDITOR; with it set, it opens there.
func TestLargeDraftNeedsAnExternalEditor(t *testing.T) {
	r := newRig(t, false)
	m := uitest.Message(0, strings.Repeat("x", dialog.EditorMax), 1)
	r.keyOn("E", peekTarget("orders-dlq", m))
	if r.stack.Len() != 0 {
		t.Fatalf("opened %T", r.stack.Top())
	}
	mustContain(t, "notice", r.last(), "more than the in-app editor takes: set $EDITOR", "the draft is kept")
	dir, _ := fakeEditor(t, "")
	r.keyOn("E", peekTarget("orders-dlq", m))
	if given := read(t, filepath.Join(dir, "given-1")); !strings.Contains(given, m.Body) {
		t.Error("the external editor did not get the draft")
	}
}
