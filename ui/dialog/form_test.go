package dialog_test

import (
	"fmt"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/sqscope/sqscope/ui/dialog"
	"github.com/sqscope/sqscope/ui/internal/uitest"
)

// testForm has a text field checked to be a number, a choice that hides
// the field after it, that field, and an action.
func testForm() (*dialog.Form, []*dialog.Field) {
	f := dialog.NewForm(com(), "Make a thing", "make it", then)
	n := f.Add(dialog.Field{Label: "Count", Note: "1–9"}, "3")
	kind := f.Add(dialog.Field{Label: "Kind", Kind: dialog.ChoiceField, Choices: []string{"plain", "fancy", "odd"}}, "")
	extra := f.Add(dialog.Field{Label: "Fancy extra"}, "x")
	pick := f.Add(dialog.Field{Label: "Target", Kind: dialog.ActionField}, "none")
	f.OnChange(func() {
		n.Err = ""
		if v := n.Value(); len(v) != 1 || v[0] < '1' || v[0] > '9' {
			n.Err = "must be 1–9"
		}
		extra.Hidden = kind.Value() != "fancy"
	})
	f.SetSize(80, 20)
	return f, []*dialog.Field{n, kind, extra, pick}
}

func TestFormMovesEditsAndSkipsHiddenFields(t *testing.T) {
	f, fs := testForm()
	n, kind, extra, pick := fs[0], fs[1], fs[2], fs[3]
	f.Update(uitest.Key("backspace"))
	f.Update(tea.KeyPressMsg{Code: '7', Text: "7"})
	if n.Value() != "7" {
		t.Errorf("typed %q", n.Value())
	}
	f.Update(uitest.Key("tab"))
	if f.Focused() != kind {
		t.Fatal("tab did not reach the choice")
	}
	f.Update(uitest.Key("down"))
	if f.Focused() != pick {
		t.Errorf("down stopped on %+v: the hidden field is not asked", f.Focused())
	}
	f.Update(uitest.Key("up"))
	f.Update(uitest.Key("right"))
	if kind.Value() != "fancy" || extra.Hidden {
		t.Fatalf("→ chose %q; extra hidden %v", kind.Value(), extra.Hidden)
	}
	f.Update(uitest.Key("space"))
	f.Update(uitest.Key("left"))
	if kind.Value() != "fancy" {
		t.Errorf("space then ← chose %q", kind.Value())
	}
	f.Update(uitest.Key("enter"))
	if f.Focused() != extra {
		t.Errorf("enter on a choice went to %+v, want the next field", f.Focused())
	}
	f.Update(uitest.Key("tab"))
	if done, msg := f.Update(uitest.Key("enter")); done || msg.(result).r.Outcome != dialog.Chose || msg.(result).r.Index != 3 {
		t.Errorf("enter on an action: done %v, %v", done, msg)
	}
	if done, msg := f.Update(uitest.Key("esc")); !done || msg.(result).r.Outcome != dialog.Cancelled {
		t.Error("esc did not cancel")
	}
}

// Enter on the button submits a valid form without closing it; with an
// error it shows every error and goes to the first.
func TestFormSubmitsOnlyWhenValid(t *testing.T) {
	f, fs := testForm()
	fs[0].SetValue("")
	f.Update(tea.KeyPressMsg{Code: 'x', Text: "x"})
	if strings.Contains(ansi.Strip(f.View()), "must be") {
		t.Error("the error shows while the field is first typed")
	}
	for range 5 {
		f.Update(uitest.Key("tab"))
	}
	if f.Focused() != nil {
		t.Fatal("tab did not reach the button")
	}
	if done, msg := f.Update(uitest.Key("enter")); done || msg != nil {
		t.Errorf("submitted with an error: %v %v", done, msg)
	}
	if f.Focused() != fs[0] || !strings.Contains(ansi.Strip(f.View()), "✗ must be 1–9") {
		t.Errorf("cursor on %+v after a refused submit:\n%s", f.Focused(), ansi.Strip(f.View()))
	}
	f.Update(uitest.Key("backspace"))
	f.Update(tea.KeyPressMsg{Code: '4', Text: "4"})
	f.FocusButton()
	done, msg := f.Update(uitest.Key("enter"))
	if done || msg.(result).r.Outcome != dialog.Confirmed {
		t.Errorf("valid submit: done %v, %v", done, msg)
	}
	f.SetBusy("making it…")
	f.SetBanner("✗ it failed once")
	if _, msg := f.Update(uitest.Key("enter")); msg != nil {
		t.Error("a busy form submitted again")
	}
	v := ansi.Strip(f.View())
	for _, want := range []string{"making it…", "✗ it failed once", "esc close"} {
		if !strings.Contains(v, want) {
			t.Errorf("busy form lacks %q:\n%s", want, v)
		}
	}
	if done, _ := f.Update(uitest.Key("esc")); !done {
		t.Error("esc did not close a busy form")
	}
}

// Down to 40×10 (a body of 7 rows) the title and the key line stay on
// screen and the cursor's field scrolls into view.
func TestFormFitsSmallScreens(t *testing.T) {
	f := dialog.NewForm(com(), "Twenty fields", "go", then)
	for i := range 20 {
		f.Add(dialog.Field{Label: fmt.Sprintf("Field %02d", i), Note: "a note long enough to wrap under the value at forty columns"}, "v")
	}
	f.OnChange(func() {})
	for _, size := range []struct{ w, h int }{{40, 7}, {60, 12}, {80, 21}} {
		f.SetSize(size.w, size.h)
		for i := range 21 {
			v := ansi.Strip(f.View())
			if n := strings.Count(v, "\n") + 1; n > size.h {
				t.Fatalf("%dx%d: %d rows:\n%s", size.w, size.h, n, v)
			}
			want := fmt.Sprintf("> Field %02d", i)
			if i == 20 {
				want = "> [ go ]"
			}
			for _, w := range []string{"Twenty fields", want, "esc cancel", "more"} {
				if !strings.Contains(v, w) {
					t.Fatalf("%dx%d, cursor on row %d: %q not on screen:\n%s", size.w, size.h, i, w, v)
				}
			}
			f.Update(uitest.Key("tab"))
		}
		for range 21 {
			f.Update(uitest.Key("shift+tab"))
		}
	}
}

// A long failure above the button at 40×10: the button and the key line
// stay on screen, and the banner shows as much as fits above them.
func TestFormBannerFitsSmallScreens(t *testing.T) {
	f, _ := testForm()
	f.SetSize(40, 7)
	f.SetBanner("✗ Creating orders-v2 failed at the step \"create queue\": access denied. Created before it: orders-v2-dlq, which stays.")
	f.FocusButton()
	v := ansi.Strip(f.View())
	for _, want := range []string{"> [ make it ]", "esc cancel", "which stays."} {
		if !strings.Contains(v, want) {
			t.Errorf("%q not on screen:\n%s", want, v)
		}
	}
	if n := strings.Count(v, "\n") + 1; n > 7 {
		t.Errorf("%d rows:\n%s", n, v)
	}
}
