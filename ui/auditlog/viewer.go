package auditlog

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/sqscope/sqscope/audit"
	"github.com/sqscope/sqscope/keymap"
	"github.com/sqscope/sqscope/model"
	"github.com/sqscope/sqscope/ui/common"
	"github.com/sqscope/sqscope/ui/dialog"
	"github.com/sqscope/sqscope/ui/sanitize"
)

// viewer is the overlay: the list of entries, or one entry in full.
type viewer struct {
	c    *common.Common
	then dialog.Then

	path    string // where the log is; "" until known
	loading bool
	entries []audit.Entry
	bad     int
	err     error

	cursor, offset int
	detail         bool // one entry in full
	scroll         int  // first row of the entry shown
	cache          detailCache

	width, height int
}

func newViewer(c *common.Common, path string, then dialog.Then) *viewer {
	return &viewer{c: c, path: path, then: then, loading: true}
}

func (v *viewer) loaded(m loadedMsg) {
	v.loading = false
	v.entries, v.bad, v.err = m.entries, m.bad, m.err
	if m.path != "" {
		v.path = m.path
	}
	v.cursor, v.offset, v.detail, v.scroll = 0, 0, false, 0
	v.cache = detailCache{}
}

func (v *viewer) SetSize(w, h int)   { v.width, v.height = w, h }
func (v *viewer) OnStatusLine() bool { return false }

// Update: the arrows move (or scroll the entry), enter shows the entry,
// esc goes back or closes, L closes, q quits as from help. Other keys do
// nothing while the log is shown.
func (v *viewer) Update(msg tea.Msg) (bool, tea.Msg) {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return false, nil
	}
	keys := v.c.Keys
	switch {
	case key.Matches(k, keys.Global.Back) && v.detail:
		v.detail = false
	case key.Matches(k, keys.Global.Back, keys.Global.Audit):
		return true, thenResult(v.then, dialog.Result{Outcome: dialog.Cancelled})
	case key.Matches(k, keys.Global.Quit):
		return true, thenResult(v.then, dialog.Result{Outcome: dialog.Chose})
	case key.Matches(k, keys.List.Open) && !v.detail && len(v.entries) > 0:
		v.detail, v.scroll = true, 0
	default:
		v.nav(k)
	}
	return false, nil
}

func thenResult(t dialog.Then, r dialog.Result) tea.Msg {
	if t == nil {
		return nil
	}
	return t(r)
}

// nav moves the cursor in the list, or scrolls the entry.
func (v *viewer) nav(k tea.KeyPressMsg) {
	step, ok := common.NavStep(k, v.c.Keys.Nav, v.rows())
	if !ok {
		return
	}
	if v.detail {
		n := len(v.detailLines())
		v.scroll = min(max(v.scroll+step, 0), max(n-v.rows(), 0))
		return
	}
	v.cursor = min(max(v.cursor+step, 0), max(len(v.entries)-1, 0))
	v.offset = common.Offset(v.cursor, v.offset, v.rows()-1, len(v.entries))
}

// rows is how many rows the list or the entry has: the title and the
// file's line take two.
func (v *viewer) rows() int { return max(v.height-2, 1) }

func (v *viewer) Hints() []key.Binding {
	keys := v.c.Keys
	if v.detail {
		return []key.Binding{keymap.Short(keys.Global.Back, "back"), keymap.Hint("↑↓/pgdn", "scroll"),
			keymap.ShortKey(keys.Global.Quit, "q", "quit")}
	}
	return []key.Binding{keymap.Short(keys.Global.Back, "close"), keymap.Hint("↑↓", "entry"),
		keymap.Short(keys.List.Open, "show entry"), keymap.ShortKey(keys.Global.Quit, "q", "quit")}
}

// View is the list of entries or the entry, filling the body.
func (v *viewer) View() string {
	st := &v.c.Styles
	title := st.PaneTitleFocused.Render("Audit log")
	switch {
	case v.loading:
		title += st.Muted.Render(" · reading…")
	case v.err == nil && len(v.entries) > 0:
		title += st.Muted.Render(fmt.Sprintf(" · %s, newest first", common.Plural(len(v.entries), "change")))
		if v.bad > 0 {
			title += st.Muted.Render(fmt.Sprintf(" · %s not readable, skipped", common.Plural(v.bad, "line")))
		}
	}
	file := st.Muted.Render("file: " + sanitize.Line(v.path))
	if v.path == "" {
		file = ""
	}
	lines := []string{title, file}
	switch {
	case v.err != nil:
		lines = append(lines, st.StatusErr.Render("✗ the audit log cannot be read: "+common.ErrText(v.err)))
	case v.loading:
	case len(v.entries) == 0:
		for _, l := range common.Wrap("no change recorded yet: every change sqscope makes (send, delete, purge, "+
			"create, edit, delete queue, move) adds one line here", v.width) {
			lines = append(lines, st.Muted.Render(l))
		}
	case v.detail:
		all := v.detailLines()
		end := min(v.scroll+v.rows(), len(all))
		lines = append(lines, all[v.scroll:end]...)
	default:
		lines = append(lines, v.listLines()...)
	}
	return common.Block(lines, v.width, v.height)
}

// Column widths of the list; the queue takes what is left.
const (
	timeW    = 19 // 2006-01-02 15:04:05
	opW      = 14 // set-attributes
	countW   = 6
	outcomeW = 8 // unknown, partial
)

// listLines are the column header and the entries on screen.
func (v *viewer) listLines() []string {
	st := &v.c.Styles
	queueW := max(v.width-2-timeW-opW-countW-outcomeW-4, 8)
	head := "  " + common.PadRight("TIME (local)", timeW) + " " + common.PadRight("OP", opW) + " " +
		common.PadRight("QUEUE", queueW) + " " + common.PadLeft("COUNT", countW) + " " + "OUTCOME"
	lines := []string{st.ColumnHeader.Render(common.Trunc(head, v.width))}
	end := min(v.offset+v.rows()-1, len(v.entries))
	for i := v.offset; i < end; i++ {
		e := v.entries[i]
		count := ""
		if e.Count > 0 {
			count = common.Commas(int64(e.Count))
		}
		row := common.PadRight(v.when(e), timeW) + " " + common.PadRight(common.OneLine(e.Op), opW) + " " +
			common.PadRight(common.MiddleCut(queueName(e.Queue), queueW), queueW) + " " +
			common.PadLeft(count, countW) + " " + common.OneLine(e.Outcome)
		if i == v.cursor {
			lines = append(lines, st.Selected.Render(common.PadRight("> "+row, v.width)))
			continue
		}
		lines = append(lines, "  "+row)
	}
	return lines
}

// when is an entry's time on the UI clock's zone: local, in use.
func (v *viewer) when(e audit.Entry) string {
	return e.Time.In(v.c.Now().Location()).Format("2006-01-02 15:04:05")
}

// queueName is the queue's name in what an entry holds.
func queueName(q string) string {
	// Moves are recorded by the DLQ's ARN (all the move API gives back),
	// the other changes by URL, a queue to create by its name.
	if strings.HasPrefix(q, "arn:") {
		return common.OneLine(model.NameFromARN(q))
	}
	return common.OneLine(model.NameFromURL(q))
}
