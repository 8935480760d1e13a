package peek

import (
	"errors"
	"fmt"
	"io/fs"
	"strings"
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

// Copy and pager hand the body on as sanitized text, as the screen shows
// it: pasted into a shell, a raw ESC [201~ ends the bracketed paste and
// runs what follows, and a pager given -R (or no pager at all) passes
// escape sequences to the terminal. The raw bytes go out only on their own
// keys, Y and O, after a question naming what they hold.

// rawMsg is the answer to "hand on the raw bytes?".
type rawMsg struct {
	pager bool // O, else Y
	body  string
	yes   bool
}

// copyBody is y: the shown body of the message under the cursor, as text
// safe to paste, to the system clipboard with OSC 52.
func (p *Pane) copyBody() tea.Cmd {
	if _, ok := p.Current(); !ok {
		return nil
	}
	body := p.body.Shown()
	safe := sanitize.Text(body)
	note := ""
	if n := sanitize.Escaped(body); n > 0 {
		note = fmt.Sprintf("; %s a terminal would act on copied as symbols (Y copies the raw bytes)", common.Plural(n, "character"))
	}
	return p.clip(safe, note)
}

// clip copies text (cut to the clipboard limit on a rune boundary) and
// says what it copied.
func (p *Pane) clip(text, note string) tea.Cmd {
	if text == "" {
		p.Say("the body is empty: nothing copied")
		return nil
	}
	if len(text) > copyLimit {
		cut := copyLimit
		for cut > 0 && !utf8.RuneStart(text[cut]) {
			cut--
		}
		p.Say(fmt.Sprintf("copied the first %s of %s (clipboard limit); o or e for all of it%s",
			common.Plural(cut, "byte"), common.Plural(len(text), "byte"), note))
		return tea.SetClipboard(text[:cut])
	}
	p.Say("copied " + common.Plural(len(text), "byte") + " to the clipboard (OSC 52)" + note)
	return tea.SetClipboard(text)
}

// openPager is o: the shown body, as sanitized text, in $PAGER.
func (p *Pane) openPager() tea.Cmd {
	if _, ok := p.Current(); !ok {
		return nil
	}
	return pagerFileCmd([]byte(sanitize.Text(p.body.Shown())))
}

// raw is Y and O: the body's raw bytes, to the clipboard or the pager. When
// they hold anything a terminal acts on, it asks first, saying so.
func (p *Pane) raw(pager bool) tea.Cmd {
	m, ok := p.Current()
	if !ok {
		return nil
	}
	body := p.body.Shown()
	n := sanitize.Escaped(body)
	if n == 0 {
		return p.rawAnswered(rawMsg{pager: pager, body: body, yes: true})
	}
	verb, where := "Copy", "Pasted into a shell or an editor, they act there: ESC [201~ ends a bracketed paste and runs what follows it."
	if pager {
		verb, where = "Open", "Your pager decides what they do: with -R, or with more or cat, they reach the terminal (a screen clear, a clipboard write, a link)."
	}
	lines := []string{
		fmt.Sprintf("The body of %s holds %s that a terminal acts on or shows deceptively: escape sequences, control "+
			"characters, bidi overrides, invalid UTF-8.", sanitize.Cut(m.ID, 40), common.Plural(n, "character")),
		where,
		"y and o hand on the same text as the screen shows, with those characters as visible symbols.",
	}
	d := dialog.NewConfirm(p.c, verb+" the raw bytes?", strings.ToLower(verb)+" the raw bytes", lines,
		func(r dialog.Result) tea.Msg {
			return rawMsg{pager: pager, body: body, yes: r.Outcome == dialog.Confirmed}
		})
	p.Send(dialog.OpenMsg{Dialog: d})
	return nil
}

// rawAnswered hands on the raw bytes once the user said yes.
func (p *Pane) rawAnswered(msg rawMsg) tea.Cmd {
	switch {
	case !msg.yes:
		p.Say("nothing copied or opened")
		return nil
	case msg.pager:
		return pagerFileCmd([]byte(msg.body))
	}
	return p.clip(msg.body, " (raw bytes)")
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
