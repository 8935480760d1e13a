package dialog

import (
	"fmt"
	"strings"
	"unicode"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textarea"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/sqscope/sqscope/keymap"
	"github.com/sqscope/sqscope/ui/common"
)

// Editor is a multi-line text editor over the body (a message draft, for
// when neither $VISUAL nor $EDITOR is set). Save ends it with Entered and
// the text; Cancel ends it with Cancelled and the text as well, so that
// the opener can keep what was typed: nothing typed is ever lost. It does
// not judge the text: the opener checks it and, when it is wrong, opens a
// new Editor on the same text with the reason and where it is.
type Editor struct {
	c     *common.Common
	title string
	err   string // why the last try was refused; "" when none
	ta    textarea.Model
	then  Then

	width, height int
}

// EditorMax is the most text, in bytes, the editor takes: bubbles'
// textarea inserts a line in time that grows with the square of its
// length (36 KiB on one line takes 1.5 s), and a message body is often one
// long line. Openers send a larger draft to an external editor instead.
const EditorMax = 16 << 10

// NewEditor edits text under title; err, when set, says what is wrong
// with it, and line and col (1-based; 0 when unknown) put the cursor
// there.
func NewEditor(c *common.Common, title, text, err string, line, col int, then Then) *Editor {
	ta := textarea.New()
	ta.ShowLineNumbers = true
	ta.Prompt = ""
	ta.CharLimit = 0
	ta.MaxHeight = 0
	ta.MaxWidth = 0
	// ctrl+v would shell out to xclip, useless over SSH: the terminal's
	// own paste (bracketed) still works.
	ta.KeyMap.Paste.SetEnabled(false)
	st := textarea.DefaultStyles(true)
	plain := lipgloss.NewStyle()
	for _, s := range []*textarea.StyleState{&st.Focused, &st.Blurred} {
		s.CursorLine, s.Text, s.EndOfBuffer = plain, plain, plain
		s.LineNumber, s.CursorLineNumber = c.Styles.Muted, c.Styles.HintKey
	}
	// No blink: a dialog has no Cmd to drive the timer, and a cursor
	// that blinks off for good would hide where typing goes.
	st.Cursor.Blink = false
	ta.SetStyles(st)
	ta.SetValue(safeText(text))
	ta.Focus()
	e := &Editor{c: c, title: title, err: err, ta: ta, then: then}
	e.goTo(line, col)
	return e
}

// goTo puts the cursor at line and col, 1-based; at the top when line is 0.
func (e *Editor) goTo(line, col int) {
	// The cursor moves down by screen rows: unwrapped, a row is a line.
	// SetSize wraps again, keeping the cursor on its line and column.
	e.ta.SetWidth(1 << 20)
	e.ta.MoveToBegin()
	for range max(line-1, 0) {
		e.ta.CursorDown()
	}
	e.ta.SetCursorColumn(max(col-1, 0))
}

// Value is the text as it stands.
func (e *Editor) Value() string { return e.ta.Value() }

// Cursor is where typing goes: line and column, 1-based.
func (e *Editor) Cursor() (line, col int) { return e.ta.Line() + 1, e.ta.Column() + 1 }

// Err is what the editor says is wrong with the text.
func (e *Editor) Err() string { return e.err }

func (e *Editor) OnStatusLine() bool { return false }

// SetSize fits the text area in the box: the border and padding take 4
// columns, the line numbers theirs; the title, the reason and the key
// line take their rows.
func (e *Editor) SetSize(w, h int) {
	e.width, e.height = w, h
	e.ta.SetWidth(max(e.inner(), 4))
	e.ta.SetHeight(max(h-2-e.chrome(), 1))
}

// chrome is how many rows inside the border are not the text area.
func (e *Editor) chrome() int {
	n := 2 // title, key line
	if e.err != "" && e.height >= 8 {
		n++
	}
	return n
}

// inner is the box's width inside its border and padding.
func (e *Editor) inner() int { return max(e.width-4, 10) }

// Update edits, saves or cancels. Typed and pasted text is kept to what a
// terminal shows safely: a control or format character would reach the
// terminal through the echo; a draft that needs one writes it as a JSON
// \u escape.
func (e *Editor) Update(msg tea.Msg) (bool, tea.Msg) {
	keys := e.c.Keys.Editor
	switch m := msg.(type) {
	case tea.KeyPressMsg:
		switch {
		case key.Matches(m, keys.Save):
			return true, e.then.result(Result{Outcome: Entered, Text: e.ta.Value()})
		case key.Matches(m, keys.Cancel):
			return true, e.then.result(Result{Outcome: Cancelled, Text: e.ta.Value()})
		}
		if m.Text != "" && safeText(m.Text) != m.Text {
			return false, nil
		}
	case tea.PasteMsg:
		if len(e.ta.Value())+len(m.Content) > EditorMax {
			// Refused whole, never cut: a paste cut short would lose the
			// end of what was pasted without a word.
			e.err = fmt.Sprintf("a paste of %d bytes would take the text past the %d this editor takes: "+
				"set $EDITOR for larger messages", len(m.Content), EditorMax)
			return false, nil
		}
		msg = tea.PasteMsg{Content: safeText(m.Content)}
	default:
		return false, nil
	}
	before := e.ta.Value()
	e.ta, _ = e.ta.Update(msg)
	if e.ta.Value() != before {
		e.err = "" // the reason was about the text before this edit
		e.SetSize(e.width, e.height)
	}
	return false, nil
}

func (e *Editor) Hints() []key.Binding {
	keys := e.c.Keys.Editor
	return []key.Binding{keys.Save, keys.Cancel, keymap.Hint("↑↓←→", "move")}
}

// View is the box over the whole body: title, the reason the last try
// was refused, the text, and the key line, which stays on screen down to
// 40×10.
func (e *Editor) View() string {
	st := &e.c.Styles
	inner := e.inner()
	lines := []string{common.Trunc(st.DialogTitle.Render(e.title), inner)}
	if e.err != "" && e.height >= 8 {
		lines = append(lines, common.Trunc(st.StatusErr.Render("✗ "+common.OneLine(e.err)), inner))
	}
	lines = append(lines, e.ta.View())
	keys := e.c.Keys.Editor
	lines = append(lines, common.Trunc(st.HintKey.Render(keys.Save.Help().Key)+" "+keys.Save.Help().Desc+
		st.Muted.Render(" · ")+st.HintKey.Render(keys.Cancel.Help().Key)+" "+keys.Cancel.Help().Desc, inner))
	box := st.Dialog.Render(lipgloss.NewStyle().Width(inner).Render(strings.Join(lines, "\n")))
	return lipgloss.Place(e.width, e.height, lipgloss.Center, lipgloss.Top, box)
}

// safeText is s without the characters a terminal acts on or shows
// deceptively: controls other than newline and tab, DEL, C1, and format
// characters (bidi overrides, zero-width ones).
func safeText(s string) string {
	ok := func(r rune) bool {
		switch {
		case r == '\n' || r == '\t':
			return true
		case r < 0x20 || r == 0x7f || (r >= 0x80 && r <= 0x9f):
			return false
		case unicode.In(r, unicode.Cf, unicode.Zl, unicode.Zp, unicode.Cs):
			return false
		}
		return true
	}
	if strings.IndexFunc(s, func(r rune) bool { return !ok(r) }) < 0 {
		return s
	}
	return strings.Map(func(r rune) rune {
		if ok(r) {
			return r
		}
		return -1
	}, s)
}
