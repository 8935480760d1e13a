package dialog_test

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/sqscope/sqscope/ui/dialog"
	"github.com/sqscope/sqscope/ui/internal/uitest"
)

var ctrlS = tea.KeyPressMsg{Code: 's', Mod: tea.ModCtrl}

// Save and cancel both hand the text back: the opener keeps it either
// way. Typing goes where the cursor was put.
func TestEditorSavesOrCancelsWithTheText(t *testing.T) {
	for _, tc := range []struct {
		key  tea.KeyPressMsg
		want dialog.Outcome
	}{{ctrlS, dialog.Entered}, {uitest.Key("esc"), dialog.Cancelled}} {
		e := dialog.NewEditor(com(), "A message", "{\n  \"Body\": \"\"\n}", "", 2, 12, then)
		e.SetSize(80, 20)
		for _, r := range "hi" {
			e.Update(tea.KeyPressMsg{Code: r, Text: string(r)})
		}
		e.Update(uitest.Key("enter")) // enter is a new line, not "done"
		done, msg := e.Update(tc.key)
		if !done {
			t.Fatalf("%v did not end the editor", tc.key)
		}
		res := msg.(result).r
		if want := "{\n  \"Body\": \"hi\n\"\n}"; res.Outcome != tc.want || res.Text != want {
			t.Errorf("%v: %v %q, want %v %q", tc.key, res.Outcome, res.Text, tc.want, want)
		}
	}
}

// What a terminal would act on never gets into the text: not typed, not
// pasted, not given.
func TestEditorKeepsControlsOut(t *testing.T) {
	e := dialog.NewEditor(com(), "A message", "a\x1b[2Jb\u202e", "", 0, 0, then)
	e.SetSize(80, 20)
	e.Update(tea.PasteMsg{Content: "c\x1b]52;c;eA==\x07d\u009be"})
	e.Update(tea.KeyPressMsg{Code: 0x9b, Text: "\u009b"})
	for _, r := range e.Value() {
		if r == 0x1b || r == 0x07 || r == 0x9b || r == 0x202e {
			t.Fatalf("the text holds U+%04X: %q", r, e.Value())
		}
	}
	if !strings.Contains(e.Value(), "c]52;c;eA==de") {
		t.Errorf("the paste's printable text is lost: %q", e.Value())
	}
	if v := e.View(); strings.ContainsAny(ansi.Strip(v), "\x1b\x07\u009b") {
		t.Errorf("the view holds a control: %q", v)
	}
}

// The reason shows until the text changes; the title and the key line
// stay on screen down to 40×10 (a body of 7 rows).
func TestEditorFitsSmallScreens(t *testing.T) {
	long := strings.Repeat(`{"Body": "a very long line that wraps", "n": 1}`+"\n", 40)
	for _, size := range []struct{ w, h int }{{40, 7}, {40, 10}, {80, 21}, {120, 33}} {
		e := dialog.NewEditor(com(), "A message to orders (Standard)", long, `line 3: unknown field "n"`, 3, 1, then)
		e.SetSize(size.w, size.h)
		v := ansi.Strip(e.View())
		lines := strings.Split(v, "\n")
		if len(lines) > size.h {
			t.Errorf("%dx%d: %d rows", size.w, size.h, len(lines))
		}
		for i, l := range lines {
			if w := ansi.StringWidth(l); w > size.w {
				t.Errorf("%dx%d: row %d is %d wide", size.w, size.h, i, w)
			}
		}
		for _, want := range []string{"A message to", "ctrl+s"} {
			if !strings.Contains(v, want) {
				t.Errorf("%dx%d: %q not on screen:\n%s", size.w, size.h, want, v)
			}
		}
		if size.h >= 10 && !strings.Contains(v, "✗ line 3") {
			t.Errorf("%dx%d: the reason is not shown:\n%s", size.w, size.h, v)
		}
	}
	e := dialog.NewEditor(com(), "t", "x", "bad", 0, 0, then)
	e.SetSize(80, 20)
	e.Update(tea.KeyPressMsg{Code: 'y', Text: "y"})
	if e.Err() != "" || strings.Contains(ansi.Strip(e.View()), "✗ bad") {
		t.Error("the reason outlived the edit it was about")
	}
}

// A paste that would take the text past what the editor takes is
// refused whole, saying so: never cut short without a word.
func TestEditorRefusesAPasteTooLarge(t *testing.T) {
	e := dialog.NewEditor(com(), "t", "{}", "", 0, 0, then)
	e.SetSize(80, 20)
	e.Update(tea.PasteMsg{Content: strings.Repeat("x", dialog.EditorMax)})
	if e.Value() != "{}" || !strings.Contains(e.Err(), "set $EDITOR") {
		t.Errorf("value %d bytes, reason %q", len(e.Value()), e.Err())
	}
	e.Update(tea.PasteMsg{Content: "ok"})
	if e.Value() != "ok{}" {
		t.Errorf("a small paste: %q", e.Value())
	}
}
