package ui

import (
	"context"
	"fmt"
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/sqscope/sqscope/awsclient"
	"github.com/sqscope/sqscope/model"
)

// movePlan is what the redrive dialog proposes: which messages, from
// where, to where, and how.
type movePlan struct {
	dlq   model.Queue
	ids   []string      // the selected or filtered messages; nil: all
	where []model.Group // where the chosen messages go, by source name
	dest  *model.Queue  // a destination the user picked; nil: own sources
	what  string        // which messages, when not all: "The 2 selected messages in …"
	why   string        // why client-side; empty: native
	rate  int           // native only; 0: as fast as SQS goes
}

// native says whether SQS moves the messages itself.
func (p movePlan) native() bool { return p.why == "" }

// count is how many messages the plan moves (approximate when all).
func (p movePlan) count() int {
	if p.ids != nil {
		return len(p.ids)
	}
	return int(p.dlq.Stats.Visible)
}

// moveState is the redrive or move in progress, or the last one finished.
// moveCtl owns it; the DLQ pane and the status bar only read it.
type moveState struct {
	id   uint64
	plan movePlan

	running    bool
	cancelling bool
	err        error  // the last error; the move may go on
	note       string // how it started, e.g. the fallback to client-side

	// Native.
	task    model.MoveTask
	pollSeq uint64
	polling bool

	// Client-side. ctx is the move's own, cancelled by c or on quit;
	// launched says Move was started (after the peek's release).
	ctx      context.Context
	cancel   context.CancelFunc
	launched bool
	done     chan struct{}
	progress chan awsclient.MoveProgress
	prog     awsclient.MoveProgress
	report   *awsclient.MoveReport
	journal  string
}

// redriveRates are what the rate key cycles through, in messages per second.
var redriveRates = []int{0, 10, 100, 500}

// request plans a redrive of q, to its sources or to dest, and keeps the
// plan for the dialog; ask is false when there is nothing to ask about,
// the notice saying why. probe looks for a task started elsewhere (the
// console, a script) while the dialog is open, rather than only when y
// is refused; the open DLQ pane has looked already.
func (c *moveCtl) request(e moveEnv, q model.Queue, dest *model.Queue) (probe tea.Cmd, ask bool) {
	if !e.graph.IsDLQ(q.ARN) {
		e.say(oneLine(q.Name) + " is not a dead-letter queue (no queue names it in a redrive policy): R redrives DLQs")
		return nil, false
	}
	if c.running() {
		e.say("a move is already running on " + oneLine(c.cur.plan.dlq.Name) + ": wait for it, or c cancels it")
		return nil, false
	}
	if cur, ok := e.byARN[q.ARN]; ok {
		q.Stats = cur.Stats // the newest depth, not the one the peek opened with
	}
	if e.peeking(q.URL) {
		// The peek's messages are released before the move, so they count,
		// but only as far as the last poll saw them in flight: a poll from
		// before the peek counts them as visible already.
		q.Stats.Visible += min(int64(e.peek.held), q.Stats.InFlight)
	}
	p := movePlan{dlq: q, dest: dest}
	if e.peekOpen() {
		switch sel, shown := e.peek.Selection(), e.peek.Shown(); {
		case len(sel) > 0:
			p.ids, p.where = ids(sel), model.BySource(sel, e.graph.Name)
			p.what = fmt.Sprintf("The %s in %s.", plural(len(sel), "selected message"), oneLine(q.Name))
			p.why = "you selected messages"
		case e.peek.Filter() != "" && len(shown) == 0:
			e.say("no peeked message matches the filter: nothing to move")
			return nil, false
		case e.peek.Filter() != "":
			p.ids, p.where = ids(shown), model.BySource(shown, e.graph.Name)
			p.what = fmt.Sprintf("The %s of %s that match the filter.", plural(len(shown), "peeked message"), oneLine(q.Name))
			p.why = "a filter is active"
		}
	}
	if dest != nil && p.why == "" {
		p.why = "you picked the destination"
	}
	if n := c.interrupted[awsclient.JournalKey(q.ARN)]; n > 0 && p.why == "" {
		p.why = "an interrupted move left " + plural(n, "message") +
			" half-moved, and only its journal knows which copies were already sent"
	}
	if p.count() == 0 {
		e.say(oneLine(q.Name) + " shows no visible messages: nothing to redrive (r refreshes the counts)")
		return nil, false
	}
	c.pending = p
	if p.native() && !e.peeking(q.URL) {
		return moveTasksCmd(e.ctx, e.client, 0, 0, q.ARN), true
	}
	return nil, true
}

// nextRate cycles the pending native plan's rate.
func (c *moveCtl) nextRate() {
	for i, r := range redriveRates {
		if r == c.pending.rate {
			c.pending.rate = redriveRates[(i+1)%len(redriveRates)]
			return
		}
	}
}

// dialog is the redrive dialog about the pending plan.
func (c *moveCtl) dialog(st *Styles, g model.DLQGraph, byARN map[string]model.Queue) *confirmDialog {
	p := c.pending
	verb := "redrive"
	if p.dest != nil {
		verb = "move"
	}
	d := newConfirm(st, "redrive", fmt.Sprintf("%s %s from %s?",
		strings.ToUpper(verb[:1])+verb[1:], plural(p.count(), "message"), oneLine(p.dlq.Name)),
		verb, redriveLines(p, g, byARN)...)
	d.enterYes = true
	return d
}

// quitDialog asks before quitting stops the client-side move.
func (c *moveCtl) quitDialog(st *Styles) *confirmDialog {
	return newConfirm(st, "quitmove", "A move is running: stop it and quit?", "stop the move and quit",
		"The batches in flight finish, every message not moved yet becomes visible again in "+
			oneLine(c.cur.plan.dlq.Name)+", and then sqscope quits. Nothing is lost.",
		"Cancel to keep the move running.")
}

func ids(msgs []model.Message) []string {
	out := make([]string, len(msgs))
	for i, m := range msgs {
		out[i] = m.ID
	}
	return out
}

// redriveLines say how many, from where, to where, and how.
func redriveLines(p movePlan, g model.DLQGraph, byARN map[string]model.Queue) []string {
	depth := func(arn string) string {
		if q, ok := byARN[arn]; ok && q.Err == nil {
			return " (" + commas(q.Stats.Total()) + " messages now)"
		}
		return ""
	}
	what := fmt.Sprintf("All %s visible in %s (approximate: messages arriving meanwhile move too).",
		plural(p.count(), "message"), oneLine(p.dlq.Name))
	if p.ids != nil {
		what = p.what
	}
	lines := []string{what}
	switch {
	case p.dest != nil:
		lines = append(lines, "To "+oneLine(p.dest.Name)+depth(p.dest.ARN)+", whatever queue they failed in.")
	case p.where != nil:
		var to []string
		for _, w := range p.where {
			to = append(to, fmt.Sprintf("%s → %s", plural(w.Count, "message"), oneLine(w.Value)))
		}
		lines = append(lines, "Each back to the queue it failed in: "+strings.Join(to, ", ")+".")
	default:
		var to []string
		for _, s := range g.SourcesOf(p.dlq.ARN) {
			to = append(to, oneLine(g.Name(s))+depth(s))
		}
		lines = append(lines, "Each back to the queue it failed in: "+strings.Join(to, ", ")+".")
	}
	if p.native() {
		rate := "as fast as SQS goes"
		if p.rate > 0 {
			rate = fmt.Sprintf("%d messages per second", p.rate)
		}
		lines = append(lines, "How: a native move task (StartMessageMoveTask): SQS moves them itself, "+rate+
			" (t changes the rate). Progress shows in the DLQ pane; c cancels while it runs.")
	} else {
		lines = append(lines, "How: a client-side move (receive, send, then delete only what was sent), because "+
			p.why+". Nothing is deleted before its copy is accepted; c stops it and every unmoved message "+
			"becomes visible again. A journal lets an interrupted move resume without duplicates.")
	}
	return lines
}
