package dialog

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/sqscope/sqscope/keymap"
	"github.com/sqscope/sqscope/ui/common"
)

// Confirm asks before something with a cost, by the one rule of every
// dialog: y confirms, n or esc cancels, enter takes the answer shown
// highlighted — No, unless the opener says otherwise with DefaultYes —
// and any other key does nothing, so keys typed ahead can never agree by
// accident. A question too long for the screen scrolls with the arrows;
// its answer line is always on screen.
type Confirm struct {
	c          *common.Common
	title      string
	lines      []string // paragraphs; anything from outside must be OneLine'd
	yes        string   // what y does, e.g. "peek"
	then       Then
	defaultYes bool
	also       []key.Binding // extra choices: the key ends the dialog with Chose

	width, height int
	off           int // first row of the question shown, when it scrolls
}

// NewConfirm is a dialog titled title, explaining itself in lines, where y
// does yes; then receives Confirmed or Cancelled (or Chose).
func NewConfirm(c *common.Common, title, yes string, lines []string, then Then) *Confirm {
	return &Confirm{c: c, title: title, yes: yes, lines: lines, then: then}
}

// DefaultYes makes enter confirm: for a question whose yes neither changes
// nor risks messages.
func (d *Confirm) DefaultYes() *Confirm { d.defaultYes = true; return d }

// WithChoice adds a key that ends the dialog with Chose and its index
// (the redrive rate, which the opener changes before asking again); its
// help text is the hint.
func (d *Confirm) WithChoice(b key.Binding) *Confirm { d.also = append(d.also, b); return d }

// Title is the question, for tests and logs.
func (d *Confirm) Title() string { return d.title }

func (d *Confirm) SetSize(w, h int)   { d.width, d.height = w, h }
func (d *Confirm) OnStatusLine() bool { return false }

// Update answers y, n/esc, enter and the extra choices; the navigation
// keys scroll a long question; everything else, pastes included, does
// nothing.
func (d *Confirm) Update(msg tea.Msg) (bool, tea.Msg) {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return false, nil
	}
	keys := d.c.Keys.Dialog
	for i, b := range d.also {
		if key.Matches(k, b) {
			return true, d.then.result(Result{Outcome: Chose, Index: i})
		}
	}
	switch {
	case key.Matches(k, keys.Yes), key.Matches(k, keys.Default) && d.defaultYes:
		return true, d.then.result(Result{Outcome: Confirmed})
	case key.Matches(k, keys.No, keys.Default):
		return true, d.then.result(Result{Outcome: Cancelled})
	}
	if step, ok := common.NavStep(k, d.c.Keys.Nav, max(d.height-6, 1)); ok {
		d.scroll(step, d.answer())
	}
	return false, nil
}

// scroll moves a long question by step rows, beside answer.
func (d *Confirm) scroll(step int, answer string) {
	rows, room, _ := d.fit(answer)
	d.off = min(max(d.off+step, 0), max(len(rows)-(room-1), 0))
}

// Hints name the answers; the highlighted one takes enter.
func (d *Confirm) Hints() []key.Binding {
	yesKey, noKey := d.keyLabels()
	keys := d.c.Keys.Dialog
	hs := []key.Binding{keymap.ShortKey(keys.Yes, yesKey, d.yes), keymap.ShortKey(keys.No, noKey, "cancel")}
	return append(hs, d.also...)
}

// keyLabels are the answers' keys, enter beside the default.
func (d *Confirm) keyLabels() (yes, no string) {
	keys := d.c.Keys.Dialog
	yes, no, enter := keys.Yes.Help().Key, keys.No.Help().Key, keys.Default.Help().Key
	if d.defaultYes {
		return yes + "/" + enter, no
	}
	return yes, no + "/" + enter
}

// View is the dialog box, centred in the area it was given. The question
// gives way first (its spacing, then its rows, which scroll), so the title
// and the answer line stay on screen down to 40×10.
func (d *Confirm) View() string { return d.frame(d.answer()) }

// frame is the box around the title, the question and answer, the rows
// the answer leaves scrolling: Typed draws its input and keys as answer.
func (d *Confirm) frame(answer string) string {
	rows, room, gap := d.fit(answer)
	if len(rows) > room {
		rows = d.window(rows, max(room, 1))
	}
	parts := append([]string{d.c.Styles.DialogTitle.Render(d.title)}, rows...)
	if gap {
		parts = append(parts, "")
	}
	parts = append(parts, answer)
	box := d.c.Styles.Dialog.Render(strings.Join(parts, "\n"))
	return lipgloss.Place(d.width, d.height, lipgloss.Center, lipgloss.Center, box)
}

// answer is the answer line, the default highlighted, wrapped to the box
// rather than growing past a narrow screen.
func (d *Confirm) answer() string {
	st := &d.c.Styles
	yesKey, noKey := d.keyLabels()
	yes := st.HintKey.Render(yesKey) + " " + d.yes
	no := st.HintKey.Render(noKey) + " cancel"
	if d.defaultYes {
		yes = st.Selected.Render(yesKey + " " + d.yes)
	} else {
		no = st.Selected.Render(noKey + " cancel")
	}
	line := yes + st.Muted.Render("   ·   ") + no
	for _, b := range d.also {
		line += st.Muted.Render("   ·   ") + st.HintKey.Render(b.Help().Key) + " " + b.Help().Desc
	}
	return lipgloss.NewStyle().Width(d.inner()).Render(line)
}

// fit is the question's rows and the room the box has for them beside
// answer: spaced paragraphs when they fit, else packed. gap says a blank
// row stays above the answer; it gives way when a tall answer (Typed's)
// would leave the question less than two rows.
func (d *Confirm) fit(answer string) (rows []string, room int, gap bool) {
	rows, room = d.question(true)
	if len(rows) > room {
		rows, room = d.question(false)
	}
	room -= lipgloss.Height(answer) - 1
	if room < 2 && len(rows) > room {
		return rows, room + 1, false
	}
	return rows, room, true
}

// question is the question's rows, wrapped to the box, with a blank row
// between paragraphs when gap; room is how many rows the box has for them
// (the title, a blank, the answer and the border take the rest).
func (d *Confirm) question(gap bool) (rows []string, room int) {
	text := lipgloss.NewStyle().Width(d.inner())
	for _, l := range d.lines {
		if gap {
			rows = append(rows, "")
		}
		rows = append(rows, strings.Split(text.Render(l), "\n")...)
	}
	return rows, d.height - 5
}

// inner is the box's width inside its border and padding.
func (d *Confirm) inner() int { return max(min(d.width-4, 72), 10) }

// window is the rows of a question too long for n rows, from the scroll
// offset, with a last row saying more follows.
func (d *Confirm) window(rows []string, n int) []string {
	st := &d.c.Styles
	if n < 2 { // one row: the text itself, which the arrows scroll
		off := min(d.off, len(rows)-1)
		return rows[off : off+1]
	}
	off := min(d.off, len(rows)-(n-1))
	out := append([]string{}, rows[off:off+n-1]...)
	more := "↑/↓ more"
	if off+n-1 >= len(rows) {
		more = "↑ more above"
	}
	return append(out, st.Muted.Render(more))
}
