package peek

import (
	"errors"
	"fmt"
	"io/fs"
	"time"
	"unicode/utf8"

	tea "charm.land/bubbletea/v2"

	"github.com/sqscope/sqscope/model"
	"github.com/sqscope/sqscope/ui/common"
	"github.com/sqscope/sqscope/ui/dialog"
	"github.com/sqscope/sqscope/ui/sanitize"
)

// copyLimit caps what y sends to the clipboard: OSC 52 travels through the
// terminal (and SSH), and many terminals drop or truncate large payloads.
const copyLimit = 100 << 10

// copyBody copies the shown body of the message under the cursor to the
// system clipboard with OSC 52, and says what it copied. tea.SetClipboard
// base64-encodes the text inside the sequence, so no byte of the body can
// end the sequence early or reach the terminal as a control.
func (p *Pane) copyBody() tea.Cmd {
	if _, ok := p.Current(); !ok {
		return nil
	}
	body := p.body.Shown()
	if body == "" {
		p.Say("the body is empty: nothing copied")
		return nil
	}
	if len(body) > copyLimit {
		cut := copyLimit
		for cut > 0 && !utf8.RuneStart(body[cut]) {
			cut--
		}
		p.Say(fmt.Sprintf("copied the first %s of %s (clipboard limit); o or e for all of it",
			common.Plural(cut, "byte"), common.Plural(len(body), "byte")))
		return tea.SetClipboard(body[:cut])
	}
	p.Say("copied " + common.Plural(len(body), "byte") + " to the clipboard (OSC 52)")
	return tea.SetClipboard(body)
}

// openPager writes the shown body to a temporary file for $PAGER.
func (p *Pane) openPager() tea.Cmd {
	if _, ok := p.Current(); !ok {
		return nil
	}
	return pagerFileCmd([]byte(p.body.Shown()))
}

// exportReq is an export the prompt asks a path for.
type exportReq struct {
	queueURL string
	msgs     []model.Message
	what     string // "12 selected messages"
	path     string // as typed
}

// exportPathMsg is the export prompt's answer.
type exportPathMsg struct {
	req exportReq
	res dialog.Result
}

// startExport asks for a path to export the selected messages, or, with
// none selected, every message the filter shows.
func (p *Pane) startExport() {
	msgs, what := p.Selection(), "selected"
	if len(msgs) == 0 {
		msgs, what = p.Shown(), "shown"
	}
	if len(msgs) == 0 {
		p.Say("no messages to export")
		return
	}
	req := exportReq{queueURL: p.q.URL, msgs: msgs, what: fmt.Sprintf("%d %s message", len(msgs), what)}
	if len(msgs) != 1 {
		req.what += "s"
	}
	p.askPath(req, defaultExportPath(p.q.Name, p.c.Now()), "")
}

// askPath opens the prompt for req, prefilled with path; why says what
// was wrong with the last one.
func (p *Pane) askPath(req exportReq, path, why string) {
	pr := dialog.NewPrompt(p.c, "export "+req.what+" to: ", "export", path, why,
		func(r dialog.Result) tea.Msg { return exportPathMsg{req: req, res: r} })
	p.Send(dialog.OpenMsg{Dialog: pr})
}

// exportAnswered writes the file the prompt named.
func (p *Pane) exportAnswered(msg exportPathMsg) tea.Cmd {
	switch {
	case msg.res.Outcome != dialog.Entered:
		p.Say("export cancelled")
	case msg.res.Text == "":
		p.Say("export cancelled: no path")
	default:
		req := msg.req
		req.path = msg.res.Text
		return exportCmd(req)
	}
	return nil
}

// exported takes an export's result: when the file could not be created
// and the pane is still open, the prompt asks again with the path as typed
// (a typo costs one edit); else it says how it went.
func (p *Pane) exported(msg exportedMsg) {
	switch {
	case msg.err != nil && msg.retry && p.Open():
		p.askPath(msg.req, msg.req.path, exportErrText(msg.err))
	case msg.err != nil:
		p.s.err = msg.err
	default:
		p.Say(fmt.Sprintf("exported %s to %s", common.Plural(msg.n, "message"), sanitize.Line(msg.req.path)))
	}
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
	return common.OneLine(err.Error()) + ": edit the path, esc cancels"
}

// defaultExportPath is ./<queue>-<UTC timestamp>.jsonl.
func defaultExportPath(queue string, now time.Time) string {
	return "./" + queue + "-" + now.UTC().Format("20060102-150405") + ".jsonl"
}
