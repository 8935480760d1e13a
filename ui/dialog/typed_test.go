package dialog_test

import (
	"strings"
	"testing"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/sqscope/sqscope/ui/dialog"
	"github.com/sqscope/sqscope/ui/internal/uitest"
)

func typeText(d dialog.Dialog, s string) {
	for _, r := range s {
		d.Update(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
}

// Enter does nothing until the text typed is exactly the one asked for;
// y, n and other answers of a confirmation are just letters here.
func TestTypedConfirmsOnlyTheExactText(t *testing.T) {
	d := dialog.NewTyped(com(), "Delete queue orders-dlq?", "delete queue", "orders-dlq", []string{"It holds 17 messages."}, then)
	d.SetSize(80, 20)
	for _, k := range []string{"y", "enter", "n"} {
		if done, _ := d.Update(uitest.Key(k)); done {
			t.Fatalf("%q ended the dialog before the name was typed", k)
		}
	}
	d.Update(uitest.Key("ctrl+u"))
	typeText(d, "orders-d")
	if v := ansi.Strip(d.View()); !strings.Contains(v, "still to type: lq") {
		t.Errorf("the rest of the name is not shown:\n%s", v)
	}
	if done, _ := d.Update(uitest.Key("enter")); done {
		t.Fatal("enter confirmed a partial name")
	}
	typeText(d, "lQ")
	if v := ansi.Strip(d.View()); !strings.Contains(v, "✗ differs at character 10") {
		t.Errorf("the mismatch is not shown:\n%s", v)
	}
	if done, _ := d.Update(uitest.Key("enter")); done {
		t.Fatal("enter confirmed a name of another case")
	}
	d.Update(uitest.Key("backspace"))
	d.Update(tea.PasteMsg{Content: "q"})
	if v := ansi.Strip(d.View()); !strings.Contains(v, "✓ matches") {
		t.Errorf("the match is not shown:\n%s", v)
	}
	if hs := d.Hints(); hs[0].Help().Desc != "delete queue" {
		t.Errorf("hint %q once it matches", hs[0].Help().Desc)
	}
	done, msg := d.Update(uitest.Key("enter"))
	if r := msg.(result).r; !done || r.Outcome != dialog.Confirmed || r.Text != "orders-dlq" {
		t.Errorf("enter on the exact name: done %v, %+v", done, r)
	}

	d = dialog.NewTyped(com(), "Purge orders?", "purge", "orders", nil, then)
	typeText(d, "orders")
	if done, msg := d.Update(uitest.Key("esc")); !done || msg.(result).r.Outcome != dialog.Cancelled {
		t.Error("esc did not cancel")
	}
}

// Down to 40×10 (a body of 7 rows) the input and the key line stay on
// screen; a long question scrolls with the arrows and says so.
func TestTypedFitsSmallScreens(t *testing.T) {
	long := strings.Repeat("Sources that still name it as their DLQ will fail to dead-letter. ", 8)
	for _, size := range []struct{ w, h int }{{40, 7}, {60, 12}, {80, 21}} {
		d := dialog.NewTyped(com(), "Delete queue shared-dlq?", "delete queue", "shared-dlq", []string{long, long}, then)
		d.SetSize(size.w, size.h)
		typeText(d, "shared")
		v := ansi.Strip(d.View())
		if n := strings.Count(v, "\n") + 1; n > size.h {
			t.Errorf("%dx%d: %d rows:\n%s", size.w, size.h, n, v)
		}
		for _, want := range []string{"Delete queue shared-dlq?", "Type shared-dlq to confirm:", "> shared", "esc cancel", "more"} {
			if want == "more" && size.h < 8 {
				continue // one row of question: the arrows scroll it, with no room to say so
			}
			if !strings.Contains(v, want) {
				t.Errorf("%dx%d: %q not on screen:\n%s", size.w, size.h, want, v)
			}
		}
		for range 60 {
			d.Update(uitest.Key("down"))
		}
		if v := ansi.Strip(d.View()); (size.h >= 8 && !strings.Contains(v, "↑ more above")) || !strings.Contains(v, "dead-letter.") || !strings.Contains(v, "esc cancel") {
			t.Errorf("%dx%d: scrolled to the end:\n%s", size.w, size.h, v)
		}
		if d.Matches() {
			t.Error("scrolling typed text")
		}
	}
}

// A choice (purge's "export first") ends the dialog with Chose whatever
// was typed, and shows in the box and the hints; letters stay text.
func TestTypedChoice(t *testing.T) {
	export := key.NewBinding(key.WithKeys("ctrl+e"), key.WithHelp("ctrl+e", "export first"))
	d := dialog.NewTyped(com(), "Purge orders?", "purge", "orders", []string{"It holds 3 messages."}, then).WithChoice(export)
	d.SetSize(80, 20)
	typeText(d, "e")
	if d.Matches() || !strings.Contains(ansi.Strip(d.View()), "> e") {
		t.Fatalf("e was not typed as text:\n%s", ansi.Strip(d.View()))
	}
	if v := ansi.Strip(d.View()); !strings.Contains(v, "ctrl+e export first") {
		t.Errorf("the choice is not in the box:\n%s", v)
	}
	var hinted bool
	for _, h := range d.Hints() {
		hinted = hinted || h.Help().Key == "ctrl+e"
	}
	if !hinted {
		t.Error("the choice is not in the hints")
	}
	done, msg := d.Update(uitest.Key("ctrl+e"))
	if r := msg.(result).r; !done || r.Outcome != dialog.Chose || r.Index != 0 {
		t.Errorf("ctrl+e: done %v, %+v", done, r)
	}
}
