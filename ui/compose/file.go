package compose

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/sqscope/sqscope/audit"
	"github.com/sqscope/sqscope/model"
	"github.com/sqscope/sqscope/ui/common"
	"github.com/sqscope/sqscope/ui/dialog"
	"github.com/sqscope/sqscope/ui/sanitize"
)

// Send from a file: F asks for the path of a JSONL file of records (what
// export writes), reads and checks every line, asks once naming the file,
// the count and the queue and what is skipped and why, then sends in
// chunks with progress, and reports every line that did not go.

// pathMsg is the path prompt's answer.
type pathMsg struct {
	q   model.Queue
	res dialog.Result
}

// fileReadMsg is a records file, read.
type fileReadMsg struct {
	q     model.Queue
	path  string // as typed
	recs  []model.Record
	lines []int // lines[i] is the line of recs[i]
	bad   []model.LineError
	// unknown names, by line, a field no record has: a typo
	// ("MessageAtributes") would otherwise drop what it holds silently.
	unknown map[int]string
	err     error // the file could not be read
}

// fileAnswerMsg is the answer to "send the file?".
type fileAnswerMsg struct {
	run *fileRun
	yes bool
}

// askPath opens the path prompt for q, prefilled with path; why says what
// was wrong with the last one.
func (p *Pane) askPath(q model.Queue, path, why string) {
	pr := dialog.NewPrompt(p.c, "send to "+common.OneLine(q.Name)+" from file: ", "read", path, why,
		func(r dialog.Result) tea.Msg { return pathMsg{q: q, res: r} })
	p.Send(dialog.OpenMsg{Dialog: pr})
}

// pathAnswered reads the file the prompt named.
func (p *Pane) pathAnswered(msg pathMsg) tea.Cmd {
	switch {
	case msg.res.Outcome != dialog.Entered:
		p.Say("send from file cancelled")
	case strings.TrimSpace(msg.res.Text) == "":
		p.Say("send from file cancelled: no path")
	default:
		p.path = msg.res.Text
		return readFileCmd(msg.q, msg.res.Text)
	}
	return nil
}

// readFileCmd reads the records of path: an export, an audit log (whose
// deletes it holds in full), or both mixed. It reads each export line
// again strictly, for the fields no record has.
func readFileCmd(q model.Queue, path string) tea.Cmd {
	return func() tea.Msg {
		b, err := os.ReadFile(common.ExpandHome(path))
		if err != nil {
			return fileReadMsg{q: q, path: path, err: err}
		}
		recs, lines, bad, err := audit.ReadRecords(bytes.NewReader(b))
		return fileReadMsg{q: q, path: path, recs: recs, lines: lines, bad: bad, err: err, unknown: unknownFields(b, lines)}
	}
}

// unknownFields names, by line, a field no record has (see
// audit.UnknownFields, which the command line's send uses too).
func unknownFields(b []byte, lines []int) map[int]string {
	out := audit.UnknownFields(b, lines)
	for n, name := range out {
		out[n] = "unknown field " + common.OneLine(name) + " (" + fieldsNote + ")"
	}
	return out
}

// fileRead checks every line of the file against the queue's rules and
// asks before sending what passes. A file that cannot be opened brings
// the prompt back with the path as typed.
func (p *Pane) fileRead(msg fileReadMsg) {
	if msg.err != nil && msg.recs == nil && msg.bad == nil {
		p.askPath(msg.q, msg.path, pathErrText(msg.err))
		return
	}
	run := &fileRun{q: msg.q, path: msg.path}
	for _, b := range msg.bad {
		run.skipped = append(run.skipped, lineErr{line: b.Line, why: "not a record: " + common.OneLine(b.Err.Error())})
	}
	rules := model.RulesOf(msg.q)
	for i, r := range msg.recs {
		if why, ok := msg.unknown[msg.lines[i]]; ok {
			run.skipped = append(run.skipped, lineErr{line: msg.lines[i], why: why})
			continue
		}
		o := r.Outgoing()
		if err := o.Validate(rules); err != nil {
			run.skipped = append(run.skipped, lineErr{line: msg.lines[i], why: common.OneLine(err.Error())})
			continue
		}
		run.items = append(run.items, item{line: msg.lines[i], o: o})
	}
	sortLines(run.skipped)
	if msg.err != nil {
		// The reading stopped short (a read error): what follows is not in
		// the file as read, and the question says so.
		run.cut = common.OneLine(msg.err.Error())
	}
	if len(run.items) == 0 {
		p.noneToSend(run)
		return
	}
	p.file = run
	p.Send(dialog.OpenMsg{Dialog: dialog.NewConfirm(p.c, run.question(), "send", run.explain(),
		func(r dialog.Result) tea.Msg { return fileAnswerMsg{run: run, yes: r.Outcome == dialog.Confirmed} })})
}

// noneToSend says a file has nothing to send, and why, line by line.
func (p *Pane) noneToSend(run *fileRun) {
	name := sanitize.Line(run.path)
	if len(run.skipped) == 0 {
		p.Say(name + " holds no records: nothing sent")
		return
	}
	p.Say(fmt.Sprintf("nothing sent: every record of %s is refused (%s)", name, common.Plural(len(run.skipped), "line")))
	p.Send(dialog.OpenMsg{Dialog: dialog.NewNote(p.c, "Nothing to send from "+name,
		append([]string{"Every record is refused; fix them and press F again."}, run.rows()...))})
}

// question is the confirmation's title: the count, the file, the queue.
func (r *fileRun) question() string {
	return fmt.Sprintf("Send %s from %s to %s?", common.Plural(len(r.items), "message"),
		sanitize.Cut(filepath.Base(r.path), 40), common.OneLine(r.q.Name))
}

// explain is what the confirmation says: the valid lines and size, how
// it is sent, and every line skipped with its reason.
func (r *fileRun) explain() []string {
	size := 0
	for _, it := range r.items {
		size += it.o.Size()
	}
	total := len(r.items) + len(r.skipped)
	lines := []string{fmt.Sprintf("%s of %s read from %s %s the checks (%s of bodies and attributes); they go in "+
		"file order, 10 to a request.", common.Commas(int64(len(r.items))), common.Plural(total, "message"),
		sanitize.Line(r.path), common.OneOr(len(r.items), "passes", "pass"), common.Plural(size, "byte"))}
	if r.cut != "" {
		lines = append(lines, "The file could not be read to its end ("+r.cut+"): lines after the last one counted are not sent.")
	}
	if len(r.skipped) > 0 {
		lines = append(lines, common.Plural(len(r.skipped), "line")+" skipped, never sent:")
		lines = append(lines, rowsOf(r.skipped)...)
	}
	return lines
}

// pathErrText says what to change about a path that could not be read.
func pathErrText(err error) string {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "no such file: edit the path, esc cancels"
	case errors.Is(err, fs.ErrPermission):
		return "permission denied: edit the path, esc cancels"
	}
	return common.OneLine(err.Error()) + ": edit the path, esc cancels"
}
