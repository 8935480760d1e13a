package ui

import (
	"strings"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
)

// confirmDialog asks before something with a cost. No is the default: only
// y confirms (and enter, where enterYes says so), every other key (n, esc,
// a stray j) cancels, so that keys typed ahead can never agree by accident.
type confirmDialog struct {
	st    *Styles
	title string
	lines []string // paragraphs; anything from outside must be oneLine'd
	yes   string   // what y does, e.g. "peek"
	// tag tells the owner which question this is when the answer arrives.
	tag string
	// enterYes lets enter confirm too, for a dialog the user asked for
	// with a deliberate key (R), where enter is the natural answer.
	enterYes bool

	width, height int
}

func newConfirm(st *Styles, tag, title, yes string, lines ...string) *confirmDialog {
	return &confirmDialog{st: st, tag: tag, title: title, yes: yes, lines: lines}
}

func (d *confirmDialog) SetSize(w, h int) { d.width, d.height = w, h }

// Answer reports whether k confirms.
func (d *confirmDialog) Answer(k tea.KeyPressMsg) bool {
	return k.Text == "y" || k.Text == "Y" || (d.enterYes && k.Code == tea.KeyEnter && k.Mod == 0)
}

// View is the dialog box, centred in the area it was given.
func (d *confirmDialog) View() string {
	inner := max(min(d.width-4, 72), 10)
	text := lipgloss.NewStyle().Width(inner)
	answer := d.st.HintKey.Render("y") + " " + d.yes + d.st.Muted.Render("   ·   ") +
		d.st.HintKey.Render("n/esc") + " cancel (default)"
	if d.enterYes {
		answer = d.st.HintKey.Render("y/enter") + " " + d.yes + d.st.Muted.Render("   ·   ") +
			d.st.HintKey.Render("any other key") + " cancels"
	}
	// Paragraphs are spaced when there is room; when there is not, the
	// spacing goes first, so the answer line stays on screen longest.
	for _, gap := range []bool{true, false} {
		parts := []string{d.st.DialogTitle.Render(d.title)}
		for _, l := range d.lines {
			if gap {
				parts = append(parts, "")
			}
			parts = append(parts, text.Render(l))
		}
		parts = append(parts, "", answer)
		box := d.st.Dialog.Render(strings.Join(parts, "\n"))
		if lipgloss.Height(box) <= d.height || !gap {
			return lipgloss.Place(d.width, d.height, lipgloss.Center, lipgloss.Center, box)
		}
	}
	return ""
}
