package dialog

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/sqscope/sqscope/keymap"
	"github.com/sqscope/sqscope/ui/common"
)

// Item is one choice of a Picker: Name is what typing narrows by, Detail
// is shown right-aligned after it (the opener formats it; every item's
// Detail should be as wide).
type Item struct {
	Name   string
	Detail string
}

// Picker chooses one item from a list that typing narrows (by substring),
// enter picks, esc cancels; then receives Picked with the item's index.
type Picker struct {
	c      *common.Common
	title  string
	items  []Item
	rows   []int // indexes into items that match
	cursor int
	input  Input
	then   Then

	width, height int
}

// NewPicker is a picker titled title over items, in the order given.
func NewPicker(c *common.Common, title string, items []Item, then Then) *Picker {
	p := &Picker{c: c, title: title, items: items, then: then}
	p.input.Focus()
	p.refilter()
	return p
}

// Select puts the cursor on items[i], say the choice in force; typing
// has not narrowed the list yet, so every item is a row.
func (p *Picker) Select(i int) {
	if i >= 0 && i < len(p.rows) && p.rows[i] == i {
		p.cursor = i
	}
}

func (p *Picker) SetSize(w, h int)   { p.width, p.height = w, h }
func (p *Picker) OnStatusLine() bool { return false }

func (p *Picker) refilter() {
	pat := strings.ToLower(p.input.Value())
	p.rows = p.rows[:0]
	for i, it := range p.items {
		if strings.Contains(strings.ToLower(it.Name), pat) {
			p.rows = append(p.rows, i)
		}
	}
	p.cursor = min(p.cursor, max(len(p.rows)-1, 0))
}

// Update narrows, moves, picks or cancels.
func (p *Picker) Update(msg tea.Msg) (bool, tea.Msg) {
	keys := p.c.Keys.Input
	switch InputKeyOf(msg, keys) {
	case InputAccept:
		if p.cursor < len(p.rows) {
			return true, p.then.result(Result{Outcome: Picked, Index: p.rows[p.cursor]})
		}
	case InputClear:
		return true, p.then.result(Result{Outcome: Cancelled})
	case InputUp:
		p.cursor = max(p.cursor-1, 0)
	case InputDown:
		p.cursor = min(p.cursor+1, max(len(p.rows)-1, 0))
	default:
		if p.input.Update(msg, keys) {
			p.refilter()
		}
	}
	return false, nil
}

func (p *Picker) Hints() []key.Binding {
	keys := p.c.Keys.Input
	return []key.Binding{keymap.Hint("type", "to narrow"), keymap.Hint("↑/↓", "choose"),
		keymap.Short(keys.Accept, "pick"), keymap.Short(keys.Clear, "cancel")}
}

// View is a box of the matching items around the cursor.
func (p *Picker) View() string {
	st := &p.c.Styles
	inner := max(min(p.width-4, 72), 10)
	// The border, the title, the input and the key line take 5 rows, the
	// two spacing rows 2 more when there is room: the rows get the rest,
	// so the key line stays on screen down to 40×10.
	spaced := p.height >= 12
	show := max(min(p.height-5, 15), 1)
	if spaced {
		show = max(min(p.height-7, 15), 1)
	}
	start := min(max(p.cursor-show/2, 0), max(len(p.rows)-show, 0))
	detailW := 0
	for _, it := range p.items {
		detailW = max(detailW, common.Width(it.Detail))
	}
	gap := func() []string {
		if spaced {
			return []string{""}
		}
		return nil
	}
	lines := append([]string{st.DialogTitle.Render(p.title), "type to narrow " + p.input.View(st)}, gap()...)
	for i := start; i < min(start+show, len(p.rows)); i++ {
		it := p.items[p.rows[i]]
		nameW := inner - detailW - 2
		row := " " + common.PadRight(common.MiddleCut(common.OneLine(it.Name), nameW), nameW) + it.Detail
		if i == p.cursor {
			row = st.Selected.Render(common.PadRight(">"+row[1:], inner))
		}
		lines = append(lines, common.Trunc(row, inner))
	}
	if len(p.rows) == 0 {
		lines = append(lines, st.Muted.Render(" nothing matches"))
	}
	lines = append(append(lines, gap()...), st.HintKey.Render("↑/↓")+" choose · "+st.HintKey.Render("enter")+
		" pick · "+st.HintKey.Render("esc")+" cancel")
	box := st.Dialog.Render(lipgloss.NewStyle().Width(inner).Render(strings.Join(lines, "\n")))
	return lipgloss.Place(p.width, p.height, lipgloss.Center, lipgloss.Center, box)
}
