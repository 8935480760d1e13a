package ui

import (
	"strings"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/sqscope/sqscope/keymap"
	"github.com/sqscope/sqscope/model"
)

// queuePicker chooses the destination of a move: a list of queues that
// typing narrows (by substring), enter picks, esc cancels.
type queuePicker struct {
	st   *Styles
	keys *keymap.KeyMap

	from   model.Queue
	queues []model.Queue // candidates, by name
	rows   []int         // indexes into queues that match
	cursor int
	input  filterInput

	width, height int
}

func newQueuePicker(st *Styles, keys *keymap.KeyMap, from model.Queue, all []model.Queue) *queuePicker {
	p := &queuePicker{st: st, keys: keys, from: from, input: filterInput{focused: true}}
	for _, q := range all {
		if q.URL != from.URL {
			p.queues = append(p.queues, q)
		}
	}
	model.SortQueues(p.queues, model.SortByName)
	p.refilter()
	return p
}

func (p *queuePicker) SetSize(w, h int) { p.width, p.height = w, h }

func (p *queuePicker) refilter() {
	pat := strings.ToLower(p.input.Value())
	p.rows = p.rows[:0]
	for i, q := range p.queues {
		if strings.Contains(strings.ToLower(q.Name), pat) {
			p.rows = append(p.rows, i)
		}
	}
	p.cursor = min(p.cursor, max(len(p.rows)-1, 0))
}

// Update handles a key; done says the picker closes, with the queue
// picked (nil when cancelled).
func (p *queuePicker) Update(msg tea.Msg) (picked *model.Queue, done bool) {
	switch filterKeyOf(msg, p.keys.Back) {
	case filterEnter:
		if p.cursor < len(p.rows) {
			q := p.queues[p.rows[p.cursor]]
			return &q, true
		}
	case filterBack:
		return nil, true
	case filterUp:
		p.cursor = max(p.cursor-1, 0)
	case filterDown:
		p.cursor = min(p.cursor+1, max(len(p.rows)-1, 0))
	default:
		if p.input.Update(msg) {
			p.refilter()
		}
	}
	return nil, false
}

// View is a box of the matching queues around the cursor.
func (p *queuePicker) View() string {
	inner := max(min(p.width-4, 72), 10)
	show := max(min(p.height-8, 15), 1)
	start := min(max(p.cursor-show/2, 0), max(len(p.rows)-show, 0))
	lines := []string{p.st.DialogTitle.Render("Move messages from " + oneLine(p.from.Name) + " to…"),
		"type to narrow " + p.input.View(p.st), ""}
	for i := start; i < min(start+show, len(p.rows)); i++ {
		q := p.queues[p.rows[i]]
		row := " " + padRight(oneLine(q.Name), inner-22) + padLeft(commas(q.Stats.Total()), 10) + "  " +
			padRight(q.Type.String(), 8)
		if i == p.cursor {
			row = p.st.Selected.Render(padRight(">"+row[1:], inner))
		}
		lines = append(lines, trunc(row, inner))
	}
	if len(p.rows) == 0 {
		lines = append(lines, p.st.Muted.Render(" no queue matches"))
	}
	lines = append(lines, "", p.st.HintKey.Render("↑/↓")+" choose · "+p.st.HintKey.Render("enter")+
		" pick · "+p.st.HintKey.Render("esc")+" cancel")
	box := p.st.Dialog.Render(lipgloss.NewStyle().Width(inner).Render(strings.Join(lines, "\n")))
	return lipgloss.Place(p.width, p.height, lipgloss.Center, lipgloss.Center, box)
}
