package compose

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/sqscope/sqscope/awsclient"
	"github.com/sqscope/sqscope/model"
	"github.com/sqscope/sqscope/ui/common"
	"github.com/sqscope/sqscope/ui/dialog"
	"github.com/sqscope/sqscope/ui/sanitize"
)

// chunkSize is how many records one Cmd sends (ten batch requests), so
// the status line moves while a large file goes out.
const chunkSize = 100

// fileRun is one file's send: its lines, what each became, how far it is.
type fileRun struct {
	q    model.Queue
	path string

	items   []item    // the valid lines, in file order
	skipped []lineErr // lines never sent: not a record, or refused by the checks
	cut     string    // why the file was not read to its end; "" when it was

	running bool
	client  awsclient.Operator // the session's when the run started: a switch does not redirect it
	next    int                // index into items of the next chunk
	sent    int                // accepted by SQS
	failed  []lineErr          // refused by SQS, or never tried after a failure
	unknown []lineErr          // the answer was lost: may have been sent
	twice   []lineErr          // sent, but a retried request may have sent it twice
}

// item is one valid line.
type item struct {
	line int
	o    model.Outgoing
}

// lineErr is a line that did not go, and why.
type lineErr struct {
	line int
	why  string
}

// chunkMsg is the send of run.items[start:start+n].
type chunkMsg struct {
	run   *fileRun
	start int
	n     int
	rep   awsclient.SendReport
	err   error
}

// chunkCmd sends run's items from start, at most chunkSize of them.
func chunkCmd(ctx context.Context, c awsclient.Operator, run *fileRun, start int) tea.Cmd {
	end := min(start+chunkSize, len(run.items))
	msgs := make([]model.Outgoing, 0, end-start)
	for _, it := range run.items[start:end] {
		msgs = append(msgs, it.o)
	}
	url := run.q.URL
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(ctx, callTimeout)
		defer cancel()
		rep, err := c.Send(ctx, url, msgs)
		return chunkMsg{run: run, start: start, n: len(msgs), rep: rep, err: err}
	}
}

// fileAnswered starts the send on yes.
func (p *Pane) fileAnswered(msg fileAnswerMsg) tea.Cmd {
	if msg.run != p.file {
		return nil
	}
	if !msg.yes {
		p.file = nil
		p.Say("nothing sent from " + sanitize.Line(msg.run.path))
		return nil
	}
	msg.run.running, msg.run.client = true, p.client
	p.Say("") // the status line shows the progress instead (Status)
	return chunkCmd(p.c.Ctx, msg.run.client, msg.run, 0)
}

// chunkSent records a chunk, line by line, and sends the next one. A
// whole-call failure (the queue is gone, the program quits) stops the
// run: the lines not tried are reported as not sent, never dropped.
func (p *Pane) chunkSent(msg chunkMsg) tea.Cmd {
	run := msg.run
	if run != p.file || msg.start != run.next {
		return nil
	}
	for i := range msg.n {
		line := run.items[msg.start+i].line
		switch {
		case msg.err != nil:
			run.failed = append(run.failed, lineErr{line: line, why: common.ErrText(msg.err)})
		case i >= len(msg.rep.Results):
			run.unknown = append(run.unknown, lineErr{line: line, why: "no answer for it"})
		case msg.rep.Results[i].Unknown:
			run.unknown = append(run.unknown, lineErr{line: line, why: errText(msg.rep.Results[i].Err, "its answer was lost")})
		case msg.rep.Results[i].Err != nil:
			run.failed = append(run.failed, lineErr{line: line, why: common.ErrText(msg.rep.Results[i].Err)})
		default:
			run.sent++
			if msg.rep.Results[i].PossibleDuplicate {
				run.twice = append(run.twice, lineErr{line: line, why: "a request whose answer was lost was retried"})
			}
		}
	}
	run.next = msg.start + msg.n
	if msg.err != nil {
		for _, it := range run.items[run.next:] {
			run.failed = append(run.failed, lineErr{line: it.line, why: "not tried: the send stopped (" + common.ErrText(msg.err) + ")"})
		}
		run.next = len(run.items)
	}
	if run.next < len(run.items) {
		return chunkCmd(p.c.Ctx, run.client, run, run.next)
	}
	p.finish(run)
	return nil
}

func errText(err error, alt string) string {
	if err == nil {
		return alt
	}
	return common.ErrText(err)
}

// Status is the status line while a file goes out, when no notice
// covers it: a keypress clears a notice, and the progress must stay.
func (p *Pane) Status() string {
	if p.file == nil || !p.file.running {
		return ""
	}
	return p.c.Styles.Status.Render(p.file.progress())
}

// progress is the status line while the file goes out.
func (r *fileRun) progress() string {
	return fmt.Sprintf("sending %s to %s: %s of %s sent", sanitize.Cut(filepath.Base(r.path), 40), common.OneLine(r.q.Name),
		common.Commas(int64(r.sent)), common.Commas(int64(len(r.items))))
}

// summary is the run's counts, in one line.
func (r *fileRun) summary() string {
	parts := []string{common.Commas(int64(r.sent)) + " sent"}
	if n := len(r.failed); n > 0 {
		parts = append(parts, common.Commas(int64(n))+" failed")
	}
	if n := len(r.twice); n > 0 {
		parts = append(parts, common.Commas(int64(n))+" of them possibly twice")
	}
	if n := len(r.unknown); n > 0 {
		parts = append(parts, common.Commas(int64(n))+" may have been sent")
	}
	if n := len(r.skipped); n > 0 {
		parts = append(parts, common.Plural(n, "line")+" skipped")
	}
	return fmt.Sprintf("%s → %s: %s", sanitize.Cut(filepath.Base(r.path), 40), common.OneLine(r.q.Name), strings.Join(parts, ", "))
}

// finish reports the run: the counts on the status line; when more than
// one line did not go, each of them, with its reason, in a report.
func (p *Pane) finish(run *fileRun) {
	p.file = nil
	p.Send(SentMsg{})
	rows := run.rows()
	switch len(rows) {
	case 0:
		p.Say(run.summary())
	case 1:
		p.Say(run.summary() + " · " + rows[0])
	default:
		p.Say(run.summary() + " · the report lists each line")
		p.Send(dialog.OpenMsg{Dialog: dialog.NewNote(p.c, "Sent from "+sanitize.Cut(run.path, 60),
			append([]string{run.summary()}, rows...))})
	}
}

// rows are every line that did not go, in line order, with what became
// of it and why.
func (r *fileRun) rows() []string {
	var all []lineErr
	tag := func(ls []lineErr, what string) {
		for _, l := range ls {
			all = append(all, lineErr{line: l.line, why: what + l.why})
		}
	}
	tag(r.skipped, "skipped: ")
	tag(r.failed, "failed: ")
	tag(r.unknown, "may have been sent: ")
	tag(r.twice, "sent, possibly twice: ")
	sortLines(all)
	return rowsOf(all)
}

// rowsOf is "line N: why" for each of ls (in line order); a run of
// consecutive lines with the same reason (a call that failed whole) is
// one row, "lines N–M (count): why", so the reason that matters is not
// buried. (An audit line's messages share its number.)
func rowsOf(ls []lineErr) []string {
	var out []string
	for i := 0; i < len(ls); {
		j := i + 1
		for j < len(ls) && ls[j].why == ls[i].why && ls[j].line-ls[j-1].line <= 1 {
			j++
		}
		if j-i == 1 {
			out = append(out, fmt.Sprintf("line %d: %s", ls[i].line, ls[i].why))
		} else {
			out = append(out, fmt.Sprintf("lines %d–%d (%d): %s", ls[i].line, ls[j-1].line, j-i, ls[i].why))
		}
		i = j
	}
	return out
}

func sortLines(ls []lineErr) {
	slices.SortStableFunc(ls, func(a, b lineErr) int { return a.line - b.line })
}
