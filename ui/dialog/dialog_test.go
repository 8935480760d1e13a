package dialog_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/sqscope/sqscope/keymap"
	"github.com/sqscope/sqscope/ui/common"
	"github.com/sqscope/sqscope/ui/dialog"
	"github.com/sqscope/sqscope/ui/internal/uitest"
)

// result is a message carrying a dialog's dialog.Result, as an opener's would.
type result struct{ r dialog.Result }

func then(r dialog.Result) tea.Msg { return result{r} }

func com() *common.Common { return common.New(context.Background(), false) }

func TestStackTopTakesKeysDrawsAndHints(t *testing.T) {
	c := com()
	var s dialog.Stack
	s.SetSize(80, 20)
	if _, ok := s.Update(uitest.Key("y")); ok || s.Top() != nil {
		t.Fatal("an empty stack took a key")
	}
	help := dialog.NewHelp(c, then)
	s.Push(help)
	quit := dialog.NewConfirm(c, "Quit?", "quit", nil, then)
	s.Push(quit)
	if body, ok := s.Body(); !ok || !strings.Contains(ansi.Strip(body), "Quit?") || strings.Contains(body, "Keys") {
		t.Errorf("the top is not what is drawn:\n%s", ansi.Strip(body))
	}
	if hs, _ := s.Hints(); hs[0].Help().Key != "y" {
		t.Errorf("hints %v are not the top's", hs)
	}
	if _, ok := s.Update(tea.WindowSizeMsg{}); ok {
		t.Error("the stack took a message that is not input")
	}
	msg, ok := s.Update(uitest.Key("y"))
	if !ok || msg.(result).r.Outcome != dialog.Confirmed || s.Top() != help {
		t.Fatalf("y: %v; top %T, want help back on top", msg, s.Top())
	}
	prompt := dialog.NewPrompt(c, "to: ", "export", "x", "", then)
	s.Push(prompt)
	if _, ok := s.Body(); ok {
		t.Error("a dialog under the top one is drawn: only the top is")
	}
	if line, ok := s.StatusLine(); !ok || !strings.Contains(ansi.Strip(line), "to: x") {
		t.Errorf("status line %q", line)
	}
	if !s.Close(help) || s.Top() != prompt || s.Close(help) {
		t.Error("Close did not take exactly that dialog off")
	}
}

// One rule in every dialog: y confirms, n or esc cancels, enter takes the
// highlighted answer (No unless DefaultYes), other keys do nothing.
func TestConfirmAnswers(t *testing.T) {
	c := com()
	rate := keymap.Short(c.Keys.DLQ.Rate, "rate")
	for _, tt := range []struct {
		key        string
		defaultYes bool
		done       bool
		want       dialog.Outcome
	}{
		{"y", false, true, dialog.Confirmed}, {"Y", false, true, dialog.Confirmed},
		{"n", false, true, dialog.Cancelled}, {"esc", true, true, dialog.Cancelled},
		{"enter", false, true, dialog.Cancelled}, {"enter", true, true, dialog.Confirmed},
		{"t", false, true, dialog.Chose},
		{"j", false, false, 0}, {"q", false, false, 0}, {"x", true, false, 0}, {"space", false, false, 0},
	} {
		d := dialog.NewConfirm(c, "Sure?", "do it", []string{"because"}, then).WithChoice(rate)
		if tt.defaultYes {
			d.DefaultYes()
		}
		k := uitest.Key(tt.key)
		if tt.key == "Y" {
			k = tea.KeyPressMsg{Code: 'y', ShiftedCode: 'Y', Text: "Y", Mod: tea.ModShift}
		}
		done, msg := d.Update(k)
		if done != tt.done || (done && msg.(result).r.Outcome != tt.want) {
			t.Errorf("%q (default yes %v): done %v, %v; want %v %v", tt.key, tt.defaultYes, done, msg, tt.done, tt.want)
		}
	}
	d := dialog.NewConfirm(c, "Sure?", "do it", nil, then)
	if done, _ := d.Update(tea.PasteMsg{Content: "y"}); done {
		t.Error("a paste answered the question")
	}
}

// Down to 40×10 the title and the answer line stay on screen; a question
// too long scrolls, and says so.
func TestConfirmFitsSmallScreens(t *testing.T) {
	c := com()
	long := strings.Repeat("Every message read is made visible again once the queue is read to its end. ", 12)
	for _, size := range []struct{ w, h int }{{40, 10}, {60, 15}, {80, 21}} {
		d := dialog.NewConfirm(c, "Redrive 7 messages?", "redrive", []string{long, long}, then)
		d.SetSize(size.w, size.h)
		v := ansi.Strip(d.View())
		lines := strings.Split(v, "\n")
		if len(lines) > size.h {
			t.Errorf("%dx%d: %d rows", size.w, size.h, len(lines))
		}
		for _, want := range []string{"Redrive 7 messages?", "y redrive", "n/esc/enter cancel", "↓ more"} {
			if !strings.Contains(v, want) {
				t.Errorf("%dx%d: %q not on screen:\n%s", size.w, size.h, want, v)
			}
		}
		for range 50 {
			d.Update(uitest.Key("j"))
		}
		if v := ansi.Strip(d.View()); !strings.Contains(v, "↑ more above") || !strings.Contains(v, "n/esc/enter cancel") {
			t.Errorf("%dx%d: scrolled to the end:\n%s", size.w, size.h, v)
		}
	}
}

func TestPickerNarrowsAndPicks(t *testing.T) {
	items := []dialog.Item{{Name: "billing"}, {Name: "orders"}, {Name: "shipping"}}
	p := dialog.NewPicker(com(), "To…", items, then)
	for _, r := range "ship" {
		p.Update(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
	done, msg := p.Update(uitest.Key("enter"))
	if r := msg.(result).r; !done || r.Outcome != dialog.Picked || r.Index != 2 {
		t.Errorf("picked %+v, want shipping (2)", r)
	}
	p = dialog.NewPicker(com(), "To…", items, then)
	p.Update(uitest.Key("down"))
	if _, msg := p.Update(uitest.Key("enter")); msg.(result).r.Index != 1 {
		t.Errorf("down then enter picked %+v", msg)
	}
	p = dialog.NewPicker(com(), "To…", items, then)
	p.Update(tea.PasteMsg{Content: "zzz"})
	if done, _ := p.Update(uitest.Key("enter")); done {
		t.Error("enter with nothing matching picked something")
	}
	if done, msg := p.Update(uitest.Key("esc")); !done || msg.(result).r.Outcome != dialog.Cancelled {
		t.Error("esc did not cancel")
	}
}

func TestPromptEntersOrCancels(t *testing.T) {
	c := com()
	p := dialog.NewPrompt(c, "export to: ", "export", "./a.jsonl", "that file exists", then)
	p.SetSize(80, 1)
	if !strings.Contains(ansi.Strip(p.View()), "that file exists") {
		t.Error("the error is not shown")
	}
	p.Update(uitest.Key("backspace"))
	if strings.Contains(ansi.Strip(p.View()), "that file exists") {
		t.Error("an edit did not clear the error")
	}
	p.Update(tea.PasteMsg{Content: "x\x1b[2J"})
	done, msg := p.Update(uitest.Key("enter"))
	if r := msg.(result).r; !done || r.Outcome != dialog.Entered || r.Text != "./a.jsonx[2J" {
		t.Errorf("entered %+v", r)
	}
	p = dialog.NewPrompt(c, "export to: ", "export", "./a", "", then)
	if done, msg := p.Update(uitest.Key("esc")); !done || msg.(result).r.Outcome != dialog.Cancelled {
		t.Error("esc did not cancel")
	}
}

func TestHelpClosesOrQuits(t *testing.T) {
	h := dialog.NewHelp(com(), then)
	if done, _ := h.Update(uitest.Key("j")); done {
		t.Error("j closed help")
	}
	if done, msg := h.Update(uitest.Key("q")); !done || msg.(result).r.Outcome != dialog.Chose {
		t.Error("q did not end help asking to quit")
	}
	if done, msg := h.Update(uitest.Key("esc")); !done || msg.(result).r.Outcome != dialog.Cancelled {
		t.Error("esc did not close help")
	}
	if done, _ := dialog.NewHelp(com(), nil).Update(uitest.Key("?")); !done {
		t.Error("? did not close help")
	}
}

func TestInputEditsPrintableTextOnly(t *testing.T) {
	keys := keymap.Default().Input
	var f dialog.Input
	f.Update(tea.PasteMsg{Content: "ab\x1b[31mc\u009bd e"}, keys)
	if got := f.Value(); got != "ab[31mcd e" {
		t.Errorf("paste kept %q", got)
	}
	f.Update(uitest.Key("ctrl+w"), keys)
	if got := f.Value(); got != "ab[31mcd " {
		t.Errorf("ctrl+w left %q", got)
	}
	f.Update(uitest.Key("backspace"), keys)
	if f.Update(uitest.Key("ctrl+u"), keys); f.Value() != "" {
		t.Errorf("ctrl+u left %q", f.Value())
	}
	f.Limit = 3
	f.SetValue("abcdef")
	if f.Value() != "abc" {
		t.Errorf("limit: %q", f.Value())
	}
	for key, want := range map[string]dialog.InputKey{"enter": dialog.InputAccept, "esc": dialog.InputClear, "up": dialog.InputUp, "down": dialog.InputDown, "k": dialog.InputEdit} {
		if got := dialog.InputKeyOf(uitest.Key(key), keys); got != want {
			t.Errorf("%s is %v, want %v", key, got, want)
		}
	}
}

// The picker keeps its key line on screen down to 40×10 (a body of 7
// rows), and shows as many rows as fit.
func TestPickerFitsSmallScreens(t *testing.T) {
	items := make([]dialog.Item, 30)
	for i := range items {
		items[i] = dialog.Item{Name: fmt.Sprintf("queue-%02d", i)}
	}
	for _, h := range []int{7, 12, 33} {
		p := dialog.NewPicker(com(), "Move messages to…", items, then)
		p.SetSize(40, h)
		v := ansi.Strip(p.View())
		if n := strings.Count(v, "\n") + 1; n > h {
			t.Errorf("height %d: %d rows", h, n)
		}
		if !strings.Contains(v, "esc cancel") || !strings.Contains(v, "queue-00") {
			t.Errorf("height %d: the key line or the first row is cut:\n%s", h, v)
		}
	}
}
