package ui

import (
	"errors"
	"fmt"
	"io/fs"
	"unicode/utf8"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/sqscope/sqscope/model"
	"github.com/sqscope/sqscope/ui/sanitize"
)

// copyLimit caps what y sends to the clipboard: OSC 52 travels through the
// terminal (and SSH), and many terminals drop or truncate large payloads.
const copyLimit = 100 << 10

// copyBody copies the shown body to the system clipboard with OSC 52.
// tea.SetClipboard base64-encodes the text inside the sequence, so no byte
// of the body can end the sequence early or reach the terminal as a control.
func (a *App) copyBody() tea.Cmd {
	if _, ok := a.peek.Current(); !ok {
		return nil
	}
	body := a.peek.body.Shown()
	if body == "" {
		a.notice = "the body is empty: nothing copied"
		return nil
	}
	if len(body) > copyLimit {
		cut := copyLimit
		for cut > 0 && !utf8.RuneStart(body[cut]) {
			cut--
		}
		a.notice = fmt.Sprintf("copied the first %s of %s (clipboard limit); o or e for all of it",
			plural(cut, "byte"), plural(len(body), "byte"))
		return tea.SetClipboard(body[:cut])
	}
	a.notice = "copied " + plural(len(body), "byte") + " to the clipboard (OSC 52)"
	return tea.SetClipboard(body)
}

// openPager writes the shown body to a temporary file for $PAGER.
func (a *App) openPager() tea.Cmd {
	if _, ok := a.peek.Current(); !ok {
		return nil
	}
	return pagerFileCmd([]byte(a.peek.body.Shown()))
}

// pathPrompt asks where to export.
type pathPrompt struct {
	input filterInput
	msgs  []model.Message
	what  string // "12 selected messages"
	err   string // why the last try failed; the prompt stays for another path
}

// startExport asks for a path to export the selected messages, or, with
// none selected, every message the filter shows.
func (a *App) startExport() {
	msgs, what := a.peek.Selection(), "selected"
	if len(msgs) == 0 {
		msgs, what = a.peek.Shown(), "shown"
	}
	if len(msgs) == 0 {
		a.notice = "no messages to export"
		return
	}
	p := &pathPrompt{input: filterInput{limit: 4096, focused: true}, msgs: msgs,
		what: fmt.Sprintf("%d %s message", len(msgs), what)}
	if len(msgs) != 1 {
		p.what += "s"
	}
	p.input.insert(defaultExportPath(a.peek.q.Name, a.now()))
	a.prompt = p
}

// promptKey edits the path; enter exports, esc cancels.
func (a *App) promptKey(k tea.KeyPressMsg) tea.Cmd {
	switch {
	case k.Code == tea.KeyEnter:
		p := a.prompt
		a.prompt = nil
		if p.input.Value() == "" {
			a.notice = "export cancelled: no path"
			return nil
		}
		return exportCmd(p, a.peek.q.URL)
	case key.Matches(k, a.keys.Back):
		a.prompt = nil
		a.notice = "export cancelled"
		return nil
	}
	a.prompt.input.Update(k)
	a.prompt.err = ""
	return nil
}

// exported reports an export's result.
func (a *App) exported(msg exportedMsg) {
	switch {
	case msg.err != nil && msg.prompt != nil && a.peekOpen():
		// Asked again with the path as typed: a typo costs one edit.
		msg.prompt.err = exportErrText(msg.err)
		a.prompt = msg.prompt
		return
	case msg.err != nil:
		a.pk.err = msg.err
		return
	}
	a.notice = fmt.Sprintf("exported %s to %s", plural(msg.n, "message"), sanitize.Line(msg.path))
}

// promptView is the export prompt, in place of the status line.
func (a *App) promptView() string {
	p := a.prompt
	line := a.st.HintKey.Render("export "+p.what+" to: ") + sanitize.Line(p.input.Value()) + a.st.Selected.Render(" ")
	if p.err != "" {
		line += "  " + a.st.StatusErr.Render("✗ "+p.err)
	}
	return trunc(line, a.width)
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
