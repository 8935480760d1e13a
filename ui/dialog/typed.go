package dialog

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/sqscope/sqscope/keymap"
	"github.com/sqscope/sqscope/ui/common"
	"github.com/sqscope/sqscope/ui/sanitize"
)

// Typed asks before something that cannot be undone (delete a queue,
// purge one) by having the user type a text exactly, usually the queue's
// name: a y typed ahead, or an enter from habit, can never agree. Enter
// confirms only once the text matches; until then the dialog shows what
// is still to type, or where the typing went wrong. Esc cancels. The
// question scrolls with the arrow keys and pgup/pgdown (every letter is
// text here); the input and the key line stay on screen down to 40×10.
type Typed struct {
	q     *Confirm // the title and question, laid out as a confirmation's
	want  string   // the exact text to type
	verb  string   // what enter does, e.g. "delete queue"
	input Input
	then  Then
	also  []key.Binding // extra choices (ctrl keys: letters are text here)
}

// pageKeys scroll a long question; ctrl+u and ctrl+d, the pane's other
// page keys, edit the text here.
var pageKeys = key.NewBinding(key.WithKeys("pgup", "pgdown"))

// NewTyped is a dialog titled title, explaining itself in lines (anything
// from outside must be OneLine'd), that confirms once want is typed; verb
// is what enter then does. then receives Confirmed (with Text = want) or
// Cancelled.
func NewTyped(c *common.Common, title, verb, want string, lines []string, then Then) *Typed {
	t := &Typed{q: NewConfirm(c, title, verb, lines, nil), want: want, verb: verb, then: then}
	// Room past the text, so a character too many shows as a mismatch
	// rather than being dropped.
	t.input.Limit = utf8.RuneCountInString(want) + 20
	t.input.Focus()
	return t
}

// WithChoice adds a key that ends the dialog with Chose and its index,
// whatever was typed: purge's "export first". It must not be a key that
// types or edits text (a ctrl key), since every letter is text here; its
// help text is shown in the box and the hints.
func (t *Typed) WithChoice(b key.Binding) *Typed { t.also = append(t.also, b); return t }

// Title is the question, for tests and logs.
func (t *Typed) Title() string { return t.q.title }

// Want is the text to type, for tests.
func (t *Typed) Want() string { return t.want }

func (t *Typed) SetSize(w, h int)   { t.q.SetSize(w, h) }
func (t *Typed) OnStatusLine() bool { return false }

// Matches says the text typed is exactly the text asked for.
func (t *Typed) Matches() bool { return t.input.Value() == t.want }

// Update edits the text; enter confirms once it matches, esc cancels, the
// arrows and pgup/pgdown scroll the question.
func (t *Typed) Update(msg tea.Msg) (bool, tea.Msg) {
	keys := t.q.c.Keys.Input
	if k, ok := msg.(tea.KeyPressMsg); ok {
		for i, b := range t.also {
			if key.Matches(k, b) {
				return true, t.then.result(Result{Outcome: Chose, Index: i})
			}
		}
	}
	switch InputKeyOf(msg, keys) {
	case InputAccept:
		if t.Matches() {
			return true, t.then.result(Result{Outcome: Confirmed, Text: t.want})
		}
		return false, nil
	case InputClear:
		return true, t.then.result(Result{Outcome: Cancelled})
	case InputUp:
		t.q.scroll(-1, t.answer())
		return false, nil
	case InputDown:
		t.q.scroll(1, t.answer())
		return false, nil
	}
	if k, ok := msg.(tea.KeyPressMsg); ok && key.Matches(k, pageKeys) {
		step := max(t.q.height-8, 1)
		if k.Code == tea.KeyPgUp {
			step = -step
		}
		t.q.scroll(step, t.answer())
		return false, nil
	}
	t.input.Update(msg, keys)
	return false, nil
}

// Hints: enter works once the text matches, which the hint says.
func (t *Typed) Hints() []key.Binding {
	keys := t.q.c.Keys.Input
	verb := t.verb + " (once typed)"
	if t.Matches() {
		verb = t.verb
	}
	hs := []key.Binding{keymap.Short(keys.Accept, verb), keymap.Short(keys.Clear, "cancel")}
	return append(append(hs, t.also...), keymap.Short(keys.ClearLine, "clear"))
}

// View is the confirmation's box with the input and its progress as the
// answer.
func (t *Typed) View() string { return t.q.frame(t.answer()) }

// answer is what to type, the text typed with its progress, and the keys,
// wrapped to the box.
func (t *Typed) answer() string {
	st := &t.q.c.Styles
	want := common.OneLine(t.want)
	ask := "Type " + st.DialogTitle.Render(want) + " to confirm:"
	line := "> " + sanitize.Line(t.input.Value()) + st.Selected.Render(" ") + "  " + t.progress()
	// Enter is muted until the text matches; the progress says why.
	enter := st.Muted.Render("enter " + t.verb)
	if t.Matches() {
		enter = st.Selected.Render("enter " + t.verb)
	}
	keys := enter + st.Muted.Render("  ·  ") + st.HintKey.Render("esc") + " cancel"
	for _, b := range t.also {
		keys += st.Muted.Render("  ·  ") + st.HintKey.Render(b.Help().Key) + " " + b.Help().Desc
	}
	return lipgloss.NewStyle().Width(t.q.inner()).Render(strings.Join([]string{ask, line, keys}, "\n"))
}

// progress says what is missing: the rest of the text, where the typing
// first differs, or that it matches.
func (t *Typed) progress() string {
	st := &t.q.c.Styles
	got, want := []rune(t.input.Value()), []rune(t.want)
	n := 0
	for n < len(got) && n < len(want) && got[n] == want[n] {
		n++
	}
	switch {
	case len(got) == len(want) && n == len(want):
		return "✓ matches"
	case n < len(got):
		return st.StatusErr.Render(fmt.Sprintf("✗ differs at character %d", n+1))
	case len(got) == 0:
		return ""
	}
	return st.Muted.Render("still to type: " + common.OneLine(string(want[n:])))
}
