package ui

import (
	"errors"
	"fmt"
	"io/fs"
	"time"
	"unicode/utf8"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/sqscope/sqscope/keymap"
	"github.com/sqscope/sqscope/model"
	"github.com/sqscope/sqscope/ui/sanitize"
)

// copyLimit caps what y sends to the clipboard: OSC 52 travels through the
// terminal (and SSH), and many terminals drop or truncate large payloads.
const copyLimit = 100 << 10

// copyBody copies the shown body to the system clipboard with OSC 52,
// and says what it copied. tea.SetClipboard base64-encodes the text inside
// the sequence, so no byte of the body can end the sequence early or reach
// the terminal as a control.
func copyBody(pk *peekPane) (tea.Cmd, string) {
	if _, ok := pk.Current(); !ok {
		return nil, ""
	}
	body := pk.body.Shown()
	if body == "" {
		return nil, "the body is empty: nothing copied"
	}
	if len(body) > copyLimit {
		cut := copyLimit
		for cut > 0 && !utf8.RuneStart(body[cut]) {
			cut--
		}
		return tea.SetClipboard(body[:cut]), fmt.Sprintf("copied the first %s of %s (clipboard limit); o or e for all of it",
			plural(cut, "byte"), plural(len(body), "byte"))
	}
	return tea.SetClipboard(body), "copied " + plural(len(body), "byte") + " to the clipboard (OSC 52)"
}

// openPager writes the shown body to a temporary file for $PAGER.
func openPager(pk *peekPane) tea.Cmd {
	if _, ok := pk.Current(); !ok {
		return nil
	}
	return pagerFileCmd([]byte(pk.body.Shown()))
}

// pathPrompt asks where to export.
type pathPrompt struct {
	input filterInput
	msgs  []model.Message
	what  string // "12 selected messages"
	err   string // why the last try failed; the prompt stays for another path
}

// newExportPrompt asks for a path to export the selected messages, or,
// with none selected, every message the filter shows; nil, and why, when
// there is nothing to export.
func newExportPrompt(pk *peekPane, now time.Time) (*pathPrompt, string) {
	msgs, what := pk.Selection(), "selected"
	if len(msgs) == 0 {
		msgs, what = pk.Shown(), "shown"
	}
	if len(msgs) == 0 {
		return nil, "no messages to export"
	}
	p := &pathPrompt{input: filterInput{limit: 4096, focused: true}, msgs: msgs,
		what: fmt.Sprintf("%d %s message", len(msgs), what)}
	if len(msgs) != 1 {
		p.what += "s"
	}
	p.input.insert(defaultExportPath(pk.q.Name, now))
	return p, ""
}

// Update edits the path; enter exports the messages of queueURL, esc
// cancels. done says the prompt is over, the notice saying how.
func (p *pathPrompt) Update(k tea.KeyPressMsg, keys *keymap.KeyMap, queueURL string) (cmd tea.Cmd, done bool, notice string) {
	switch {
	case k.Code == tea.KeyEnter:
		if p.input.Value() == "" {
			return nil, true, "export cancelled: no path"
		}
		return exportCmd(p, queueURL), true, ""
	case key.Matches(k, keys.Back):
		return nil, true, "export cancelled"
	}
	p.input.Update(k)
	p.err = ""
	return nil, false, ""
}

// exported takes an export's result: the prompt to ask again with, the
// path as typed, when the file could not be created and the pane is still
// open (a typo costs one edit); else what to say, if anything.
func (c *peekCtl) exported(msg exportedMsg) (retry *pathPrompt, notice string) {
	switch {
	case msg.err != nil && msg.prompt != nil && c.open():
		msg.prompt.err = exportErrText(msg.err)
		return msg.prompt, ""
	case msg.err != nil:
		c.err = msg.err
		return nil, ""
	}
	return nil, fmt.Sprintf("exported %s to %s", plural(msg.n, "message"), sanitize.Line(msg.path))
}

// View is the prompt, in place of the status line.
func (p *pathPrompt) View(st *Styles, w int) string {
	line := st.HintKey.Render("export "+p.what+" to: ") + sanitize.Line(p.input.Value()) + st.Selected.Render(" ")
	if p.err != "" {
		line += "  " + st.StatusErr.Render("✗ "+p.err)
	}
	return trunc(line, w)
}

// exportErrText says what to change about a path that could not be used.
func exportErrText(err error) string {
	switch {
	case errors.Is(err, fs.ErrExist):
		return "that file exists (never overwritten): edit the path, esc cancels"
	case errors.Is(err, fs.ErrNotExist):
		return "no such directory: edit the path, esc cancels"
	case errors.Is(err, fs.ErrPermission):
		return "permission denied: edit the path, esc cancels"
	}
	return oneLine(err.Error()) + ": edit the path, esc cancels"
}
