package redrive

import (
	"fmt"
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/sqscope/sqscope/awsclient"
	"github.com/sqscope/sqscope/model"
	"github.com/sqscope/sqscope/ui/common"
	"github.com/sqscope/sqscope/ui/dialog"
)

// Following native move tasks: their progress, and tasks started
// elsewhere.

// RedrivenMsg tells the root that a move task moved messages out of the
// peeked queue QueueURL: its list may be stale.
type RedrivenMsg struct{ QueueURL string }

// RefreshMsg asks the root for a refresh: a move changed the depths.
type RefreshMsg struct{}

// YieldMsg asks the root to have the peek pane release what it holds: a
// move task runs on the peeked DLQ and can move only visible messages.
type YieldMsg struct{}

// taskRead stores a progress read; a stale one (an older poll, another
// move) is dropped. When the task ended, the depths changed.
func (p *Pane) taskRead(msg tasksMsg) {
	ok, changed, done := p.moves.polled(msg)
	if !ok {
		return
	}
	mv := p.moves.cur
	switch {
	case !mv.running && mv.err == errNoTask:
		p.fail(common.OneLine(mv.plan.dlq.Name) + ": " + errNoTask.Error())
		return
	case changed:
		p.Say("") // the status bar shows the progress instead
	}
	if !done {
		return
	}
	t := mv.task
	if p.peek.on(mv.plan.dlq.URL) && t.Moved > 0 {
		p.Send(RedrivenMsg{QueueURL: mv.plan.dlq.URL})
	}
	text := fmt.Sprintf("redrive of %s %s: %s of %s moved", common.OneLine(mv.plan.dlq.Name),
		strings.ToLower(string(t.Status)), common.Commas(t.Moved), common.Commas(t.ToMove))
	if t.FailureReason != "" {
		text += ": " + common.OneLine(t.FailureReason)
	}
	if t.Status == model.TaskFailed {
		p.fail(text)
	} else {
		p.Say(text)
	}
	p.Send(RefreshMsg{})
}

// probed adopts a task found running on the DLQ the peek just opened on,
// or the one the redrive dialog is about, whose question is then moot:
// y would only be refused.
func (p *Pane) probed(msg tasksMsg) tea.Cmd {
	if awsclient.NativeUnsupported(msg.err) && !p.noNative {
		p.noNative = true
		// The dialog open now promised a task: ask again, truthfully.
		if p.asking != nil && p.pending.native() && p.pending.dlq.ARN == msg.dlqARN {
			p.Send(dialog.CloseMsg{Dialog: p.asking})
			p.pending.why = model.WhyNoNative
			p.ask()
		}
		return nil
	}
	if msg.err != nil || p.moves.running() {
		return nil
	}
	var dlq model.Queue
	asking := p.asking != nil && p.pending.dlq.ARN == msg.dlqARN
	switch {
	case asking:
		dlq = p.pending.dlq
	case p.peek.Open && p.peek.Queue.ARN == msg.dlqARN:
		dlq = p.peek.Queue
	default:
		return nil
	}
	t, ok := model.TaskOf(msg.tasks, "")
	if !ok || !t.Active() {
		return nil
	}
	if asking {
		p.Say("a move task is already running on " + common.OneLine(dlq.Name) + ": showing it instead of starting another")
		p.Send(dialog.CloseMsg{Dialog: p.asking})
		p.asking = nil
	}
	p.failure = ""
	mv := p.moves.begin(plan{dlq: dlq})
	mv.task = t
	mv.note = "a move task is running on this DLQ"
	p.yield()
	return tea.Batch(pollCmd(mv.id), p.moves.poll(p.c.Ctx, p.client))
}

// NativeOn reports whether a native move task is being watched on the
// queue url.
func (p *Pane) NativeOn(url string) bool {
	c := p.moves
	return c.running() && c.cur.cancel == nil && c.cur.plan.dlq.URL == url
}

// yield asks for the peek's messages to be released when a move task runs
// on the peeked DLQ: a task moves only visible messages, and would end
// with the held ones left behind. The list keeps showing them.
func (p *Pane) yield() {
	if !p.peek.Open || p.peek.Held == 0 || !p.NativeOn(p.peek.Queue.URL) {
		return
	}
	// In the DLQ pane, which lasts: the release's own notice follows.
	p.moves.cur.note = "a move task is running on this DLQ: the peeked messages were released so that it can move them"
	p.Send(YieldMsg{})
}

// Yield is yield for the root, after the peek read a page.
func (p *Pane) Yield() { p.yield() }
