package redrive

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/sqscope/sqscope/keymap"
	"github.com/sqscope/sqscope/model"
	"github.com/sqscope/sqscope/ui/common"
	"github.com/sqscope/sqscope/ui/dialog"
)

// plan is what the redrive dialog proposes: which messages, from
// where, to where, and how.
type plan struct {
	dlq   model.Queue
	ids   []string      // the selected or filtered messages; nil: all
	where []model.Group // where the chosen messages go, by source name
	dest  *model.Queue  // a destination the user picked; nil: own sources
	what  string        // which messages, when not all: "The 2 selected messages in …"
	why   string        // why client-side; empty: native
	rate  int           // native only; 0: as fast as SQS goes
	// journal is the interrupted move's journal the plan finishes; the
	// dialog offers to forget it instead.
	journal string
	// noSource of seen messages have no source queue (sent to the DLQ
	// directly): nothing can send them "back". seen is how many messages
	// were looked at: the chosen ones, or the peeked sample of all.
	noSource, seen int
	target         Target // what R was pressed on, for m from the dialog
}

// native says whether SQS moves the messages itself.
func (p plan) native() bool { return p.why == "" }

// count is how many messages the plan moves (approximate when all).
func (p plan) count() int {
	if p.ids != nil {
		return len(p.ids)
	}
	return int(p.dlq.Stats.Visible)
}

// redriveRates are what the rate key cycles through, in messages per second.
var redriveRates = []int{0, 10, 100, 500}

// request plans a redrive of the target queue, to its sources or to dest,
// and opens the dialog about the plan, or says why there is nothing to
// ask. Its Cmd looks for a task started elsewhere (the console, a script)
// while the dialog is open, rather than only when y is refused; the open
// DLQ pane has looked already.
func (p *Pane) request(t Target, dest *model.Queue) tea.Cmd {
	q, g := t.Queue, p.cat.Graph
	if !g.IsDLQ(q.ARN) {
		p.Say(common.OneLine(q.Name) + " is not a dead-letter queue (no queue names it in a redrive policy): R redrives DLQs")
		return nil
	}
	if p.moves.running() {
		p.Say("a move is already running on " + common.OneLine(p.moves.cur.plan.dlq.Name) + ": wait for it, or c cancels it")
		return nil
	}
	q.Stats = p.cat.Latest(q).Stats // the newest depth, not the one the peek opened with
	if p.peek.on(q.URL) {
		// The peek's messages are released before the move, so they count,
		// but only as far as the last poll saw them in flight: a poll from
		// before the peek counts them as visible already.
		q.Stats.Visible += min(int64(p.peek.Held), q.Stats.InFlight)
	}
	pl := plan{dlq: q, dest: dest}
	// The path (native or client-side, and why) is model.RedriveAsk's
	// to decide, as for `sqscope redrive`.
	ask := model.RedriveAsk{Dest: dest != nil, NoNative: p.noNative}
	if p.peek.on(q.URL) {
		switch sel, shown := t.Selected, t.Shown; {
		case len(sel) > 0:
			pl.ids, pl.where = ids(sel), model.BySource(sel, g.Name)
			pl.what = fmt.Sprintf("The %s in %s.", common.Plural(len(sel), "selected message"), common.OneLine(q.Name))
			ask.Selected = true
		case t.Filter != "" && len(shown) == 0:
			p.Say("no peeked message matches the filter: nothing to move")
			return nil
		case t.Filter != "":
			pl.ids, pl.where = ids(shown), model.BySource(shown, g.Name)
			pl.what = fmt.Sprintf("The %s of %s that match the filter.", common.Plural(len(shown), "peeked message"), common.OneLine(q.Name))
			ask.Filter = true
		}
	}
	j, hasJournal := p.journals.of(q.ARN)
	if hasJournal {
		ask.Journal = j.Pending()
	}
	pl.why = ask.ClientSideReason()
	if ask.JournalDecides() {
		pl.journal = j.Path // the dialog offers to forget it instead
	}
	pl.target = t
	if p.peek.on(q.URL) && dest == nil {
		looked := t.Shown
		if len(t.Selected) > 0 {
			looked = t.Selected
		}
		pl.seen = len(looked)
		for _, m := range looked {
			if m.DLQSourceARN == "" {
				pl.noSource++
			}
		}
	}
	if pl.count() == 0 {
		p.Say(common.OneLine(q.Name) + " shows no visible messages: nothing to redrive (r refreshes the counts)")
		return nil
	}
	p.pending = pl
	p.ask()
	if pl.native() && !p.peek.on(q.URL) {
		return tasksCmd(p.c.Ctx, p.client, 0, 0, q.ARN)
	}
	return nil
}

// answerMsg is the redrive dialog's answer.
type answerMsg struct{ res dialog.Result }

// ask opens the dialog about the pending plan: how many, from where, to
// where and how; t cycles a native task's rate and asks again. A move
// changes messages: enter takes No, like everywhere.
func (p *Pane) ask() {
	pl := p.pending
	verb := "redrive"
	if pl.dest != nil {
		verb = "move"
	}
	d := dialog.NewConfirm(p.c, fmt.Sprintf("%s %s from %s?",
		strings.ToUpper(verb[:1])+verb[1:], common.Plural(pl.count(), "message"), common.OneLine(pl.dlq.Name)),
		verb, redriveLines(pl, p.cat), func(r dialog.Result) tea.Msg { return answerMsg{res: r} })
	keys := p.c.Keys.DLQ
	p.choices = nil
	choice := func(b key.Binding, desc string, act func() tea.Cmd) {
		d.WithChoice(keymap.Short(b, desc))
		p.choices = append(p.choices, act)
	}
	if pl.native() {
		choice(keys.Rate, "rate", func() tea.Cmd { p.nextRate(); p.ask(); return nil })
	}
	if pl.journal != "" {
		choice(keys.Forget, "forget the journal", func() tea.Cmd { p.askForget(pl); return nil })
	}
	if pl.noSource > 0 {
		choice(keys.MoveTo, "pick a destination", func() tea.Cmd { p.pick(pl.target); return nil })
	}
	p.asking = d
	p.Send(dialog.OpenMsg{Dialog: d})
}

// answered acts on the redrive dialog's answer: a choice (rate, forget,
// pick) does its own; y starts; anything else cancels.
func (p *Pane) answered(msg answerMsg) tea.Cmd {
	p.asking = nil
	switch msg.res.Outcome {
	case dialog.Chose:
		if i := msg.res.Index; i < len(p.choices) {
			return p.choices[i]()
		}
		return nil
	case dialog.Confirmed:
		return p.start()
	}
	p.Say("cancelled: nothing was moved")
	return nil
}

// nextRate cycles the pending native plan's rate.
func (p *Pane) nextRate() {
	for i, r := range redriveRates {
		if r == p.pending.rate {
			p.pending.rate = redriveRates[(i+1)%len(redriveRates)]
			return
		}
	}
}

func ids(msgs []model.Message) []string {
	out := make([]string, len(msgs))
	for i, m := range msgs {
		out[i] = m.ID
	}
	return out
}

// redriveLines say how many, from where, to where, and how.
func redriveLines(p plan, cat *model.Catalog) []string {
	g := cat.Graph
	depth := func(arn string) string {
		if n, ok := cat.Depth(arn); ok {
			return " (" + common.Commas(n) + " messages now)"
		}
		return ""
	}
	what := fmt.Sprintf("All %s visible in %s (approximate: messages arriving meanwhile move too).",
		common.Plural(p.count(), "message"), common.OneLine(p.dlq.Name))
	if p.ids != nil {
		what = p.what
	}
	lines := []string{what}
	switch {
	case p.dest != nil:
		lines = append(lines, "To "+common.OneLine(p.dest.Name)+depth(p.dest.ARN)+", whatever queue they failed in.")
	case p.where != nil:
		var to []string
		for _, w := range p.where {
			if w.Value != model.NoValue {
				to = append(to, fmt.Sprintf("%s → %s", common.Plural(w.Count, "message"), common.OneLine(w.Value)))
			}
		}
		if len(to) > 0 {
			lines = append(lines, "Each back to the queue it failed in: "+strings.Join(to, ", ")+".")
		}
	default:
		var to []string
		for _, s := range g.SourcesOf(p.dlq.ARN) {
			to = append(to, common.OneLine(g.Name(s))+depth(s))
		}
		lines = append(lines, "Each back to the queue it failed in: "+strings.Join(to, ", ")+".")
	}
	if p.noSource > 0 && p.dest == nil {
		of := ""
		if p.ids == nil {
			of = fmt.Sprintf(" of the %d peeked", p.seen)
		}
		lines = append(lines, fmt.Sprintf("%s%s %s no source queue (sent to the DLQ directly, not dead-lettered): "+
			"nothing can send %s back, and a move task fails on %s. m picks a queue to move them to instead.",
			common.Commas(int64(p.noSource)), of, common.OneOr(p.noSource, "has", "have"), common.OneOr(p.noSource, "it", "them"),
			common.OneOr(p.noSource, "it", "them")))
	}
	if p.native() && p.ids == nil && p.seen == 0 {
		// From the list nothing was read: say what a task cannot move.
		lines = append(lines, "A message sent to the DLQ directly has no source queue, and the task fails on it: "+
			"peek the DLQ first (enter) to see whether any has none.")
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
			"becomes visible again. A journal lets a move interrupted by a crash resume: what it knows was sent is "+
			"not sent again.")
	}
	return lines
}
