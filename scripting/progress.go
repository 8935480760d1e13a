package scripting

import (
	"fmt"
	"io"
	"strings"

	"github.com/sqscope/sqscope/awsclient"
	"github.com/sqscope/sqscope/model"
)

// progress shows a move's progress on stderr: a bar redrawn in place on
// a terminal, plain lines otherwise (a log keeps one line per tenth of
// the way, not one per batch). Stdout stays the report's.
type progress struct {
	w    io.Writer
	bar  bool
	last string // the last line drawn or printed: nothing repeats
	step int    // plain lines: the tenth of the way last printed
	drew bool   // the bar is on screen and needs a newline
}

func newProgress(env *Env) *progress {
	return &progress{w: env.Stderr, bar: env.ErrTerminal, step: -1}
}

// task shows a native task's state.
func (p *progress) task(t model.MoveTask) {
	total := int(t.ToMove)
	text := fmt.Sprintf("%s: %d of %d moved", strings.ToLower(string(t.Status)), t.Moved, t.ToMove)
	p.show(int(t.Moved), total, text, t.Done())
}

// move shows a client-side move's running totals.
func (p *progress) move(m awsclient.MoveProgress) {
	text := fmt.Sprintf("%d of ~%d moved, %d failed", m.Moved, m.Total, m.Failed)
	if m.Skipped > 0 {
		text += fmt.Sprintf(", %d not matching", m.Skipped)
	}
	if m.Waiting > 0 {
		text += fmt.Sprintf("; waiting for %d messages still hidden by an earlier receive, until %s at most",
			m.Waiting, m.WaitUntil.Format("15:04:05"))
	}
	p.show(m.Moved+m.Failed, m.Total, text, false)
}

func (p *progress) show(done, total int, text string, final bool) {
	if text == p.last {
		return
	}
	p.last = text
	if p.bar {
		const width = 30
		fill := 0
		if total > 0 {
			fill = min(width, done*width/total)
		}
		fmt.Fprintf(p.w, "\r\x1b[K[%s%s] %s", strings.Repeat("█", fill), strings.Repeat("░", width-fill), text)
		p.drew = true
		return
	}
	step := 0
	if total > 0 {
		step = min(10, done*10/total)
	}
	if step == p.step && !final {
		return
	}
	p.step = step
	fmt.Fprintln(p.w, "sqscope: "+text)
}

// done ends the bar's line, so what follows starts on its own.
func (p *progress) done() {
	if p.drew {
		fmt.Fprintln(p.w)
		p.drew = false
	}
}
