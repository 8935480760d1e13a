package dialog

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/sqscope/sqscope/keymap"
	"github.com/sqscope/sqscope/ui/common"
)

// FieldKind says how a Field takes its value.
type FieldKind int

const (
	TextField   FieldKind = iota // typed, with the Input keys
	ChoiceField                  // one of Choices, changed with ←/→ or space
	// ActionField shows a value its opener sets: enter ends nothing but
	// hands the opener Result{Outcome: Chose, Index: the field's index},
	// so it can open a picker over the form.
	ActionField
)

// Field is one row of a Form. The opener keeps the pointer Add returns,
// reads the value after each change and sets Err, Note and Hidden in its
// check; the form only edits, moves and draws.
type Field struct {
	Label   string
	Kind    FieldKind
	Choices []string // ChoiceField's values
	Choice  int      // index into Choices
	Note    string   // muted, after the value: the range, what a value means
	Err     string   // why the value is refused; "" when it is fine
	Hidden  bool     // not asked now (content-based dedup of a standard queue)

	input Input
	shown bool // Err is drawn: the cursor left the field once, or a submit failed
}

// Value is the text typed, the choice made or the action's value.
func (f *Field) Value() string {
	if f.Kind == ChoiceField {
		if f.Choice >= 0 && f.Choice < len(f.Choices) {
			return f.Choices[f.Choice]
		}
		return ""
	}
	return f.input.Value()
}

// SetValue replaces a text or action field's value (only printable
// characters are kept, as if typed).
func (f *Field) SetValue(s string) { f.input.SetValue(s) }

// Form is a dialog of fields over the body: the arrows and tab move
// between them, text fields take typing, choices change with ←/→ or
// space, enter goes on to the next field. The last row is the submit
// button: enter there runs the opener's check, and when every shown field
// is fine hands the opener Confirmed without closing — the opener asks
// its confirmation on top, and closes the form (CloseMsg) once the change
// is done, so a refused answer or a failed call leaves the form and every
// value as they were. Esc cancels.
type Form struct {
	c      *common.Common
	title  string
	submit string // the button, e.g. "review and create"
	fields []*Field
	cursor int    // index into fields; len(fields) is the button
	check  func() // the opener's: sets Err, Note, Hidden from the values
	then   Then
	banner string // a failed call's sentence, above the button
	busy   string // the opener's call runs: only esc works meanwhile

	width, height int
	off           int // first body row shown
}

// NewForm is an empty form titled title whose button says submit; then
// receives Confirmed (valid, not closed), Chose (an action field, not
// closed) or Cancelled (closed).
func NewForm(c *common.Common, title, submit string, then Then) *Form {
	return &Form{c: c, title: title, submit: submit, then: then}
}

// Add appends a field; a text field starts with value.
func (f *Form) Add(fld Field, value string) *Field {
	p := &fld
	p.input.Limit = 80
	p.input.SetValue(value)
	f.fields = append(f.fields, p)
	return p
}

// OnChange sets the opener's check, run now and after every change.
func (f *Form) OnChange(check func()) {
	f.check = check
	f.changed()
}

// Recheck runs the opener's check again after the opener set a value
// itself (the DLQ a picker chose).
func (f *Form) Recheck() {
	f.changed()
	f.scroll()
}

// SetBanner shows text (a failed call, what it created) above the
// button; "" clears it.
func (f *Form) SetBanner(text string) {
	f.banner = text
	f.scroll()
}

// FocusButton puts the cursor on the button, under the banner: after a
// failed call, what it says is in view.
func (f *Form) FocusButton() {
	f.cursor = len(f.fields)
	f.scroll()
}

// SetBusy says the opener's call runs (text says which): keys wait,
// except esc; "" ends it.
func (f *Form) SetBusy(text string) { f.busy = text }

// Banner is the banner's text, for tests.
func (f *Form) Banner() string { return f.banner }

// Valid reports whether every field asked is fine.
func (f *Form) Valid() bool {
	for _, fl := range f.fields {
		if !fl.Hidden && fl.Err != "" {
			return false
		}
	}
	return true
}

// Focused is the field with the cursor; nil on the button.
func (f *Form) Focused() *Field {
	if f.cursor < len(f.fields) {
		return f.fields[f.cursor]
	}
	return nil
}

func (f *Form) SetSize(w, h int) {
	f.width, f.height = w, h
	f.scroll()
}
func (f *Form) OnStatusLine() bool { return false }

func (f *Form) changed() {
	if f.check != nil {
		f.check()
	}
	if fl := f.Focused(); fl != nil && fl.Hidden {
		f.move(1)
	}
}

// move puts the cursor on the next (d = 1) or previous (d = -1) row
// asked, the button included; the field left shows its error from now on.
func (f *Form) move(d int) {
	if fl := f.Focused(); fl != nil {
		fl.shown = true
	}
	for i := f.cursor + d; i >= 0 && i <= len(f.fields); i += d {
		if i == len(f.fields) || !f.fields[i].Hidden {
			f.cursor = i
			return
		}
	}
}

// Update edits, moves, submits or cancels, then scrolls the cursor's
// field into view.
func (f *Form) Update(msg tea.Msg) (bool, tea.Msg) {
	done, res := f.update(msg)
	f.scroll()
	return done, res
}

func (f *Form) update(msg tea.Msg) (bool, tea.Msg) {
	keys := f.c.Keys
	k, isKey := msg.(tea.KeyPressMsg)
	if isKey && key.Matches(k, keys.Input.Clear) {
		return true, f.then.result(Result{Outcome: Cancelled})
	}
	if f.busy != "" {
		return false, nil
	}
	fl := f.Focused()
	if isKey {
		switch {
		case key.Matches(k, keys.Form.Next):
			f.move(1)
			return false, nil
		case key.Matches(k, keys.Form.Prev):
			f.move(-1)
			return false, nil
		case key.Matches(k, keys.Input.Accept):
			return f.enter(fl)
		case fl != nil && fl.Kind == ChoiceField && key.Matches(k, keys.Form.ChoiceNext, keys.Form.ChoicePrev):
			step := 1
			if key.Matches(k, keys.Form.ChoicePrev) {
				step = len(fl.Choices) - 1
			}
			fl.Choice = (fl.Choice + step) % max(len(fl.Choices), 1)
			f.changed()
			return false, nil
		}
	}
	if fl != nil && fl.Kind == TextField && fl.input.Update(msg, keys.Input) {
		f.changed()
	}
	return false, nil
}

// enter goes on to the next field, asks the opener for an action field's
// value, or submits from the button.
func (f *Form) enter(fl *Field) (bool, tea.Msg) {
	switch {
	case fl == nil:
		f.changed()
		if f.Valid() {
			return false, f.then.result(Result{Outcome: Confirmed})
		}
		// Every error shows now, and the cursor goes to the first.
		for i, x := range f.fields {
			x.shown = true
			if !x.Hidden && x.Err != "" && f.cursor == len(f.fields) {
				f.cursor = i
			}
		}
	case fl.Kind == ActionField:
		return false, f.then.result(Result{Outcome: Chose, Index: f.cursor})
	default:
		f.move(1)
	}
	return false, nil
}

// Hints are the keys of the row with the cursor.
func (f *Form) Hints() []key.Binding {
	keys := f.c.Keys
	cancel := keymap.Short(keys.Input.Clear, "cancel")
	if f.busy != "" {
		return []key.Binding{keymap.Short(keys.Input.Clear, "close (the change goes on)")}
	}
	move := keymap.Hint("tab/↑↓", "field")
	switch fl := f.Focused(); {
	case fl == nil:
		return []key.Binding{keymap.Short(keys.Input.Accept, f.submit), move, cancel}
	case fl.Kind == ChoiceField:
		return []key.Binding{keymap.Hint("←/→", "change"), move, keymap.Short(keys.Input.Accept, "next"), cancel}
	case fl.Kind == ActionField:
		return []key.Binding{keymap.Short(keys.Input.Accept, "pick"), move, cancel}
	}
	return []key.Binding{keymap.Hint("type", "to edit"), move, keymap.Short(keys.Input.Accept, "next"), cancel,
		keymap.Short(keys.Input.ClearLine, "clear")}
}
