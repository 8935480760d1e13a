package scripting

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"strings"

	"github.com/sqscope/sqscope/awsclient"
	"github.com/sqscope/sqscope/model"
	"github.com/sqscope/sqscope/ui/sanitize"
)

// sqscope redrive: the TUI's R for a runbook. The path — a native move
// task, or the lossless client-side move with its journal — is decided by
// model.RedriveAsk and the answer to the start by awsclient.JudgeStart,
// the same functions the TUI calls, so a script never moves differently
// from a person.

func init() {
	register(&Command{
		Name:    "redrive",
		Changes: true, // the audit log records it, as the TUI's
		Synopsis: `usage: sqscope redrive DLQ [--to QUEUE] [--rate N] [--filter TEXT] [--dry-run] [--yes] [--json]
                                 move a dead-letter queue's messages back to the queues they failed in
                                 (or to --to QUEUE): a native move task, or a client-side move when only
                                 that can do what is asked; progress on stderr, a report at the end`,
		Args:         []string{"DLQ"},
		Placeholders: map[string]string{"to": "QUEUE", "rate": "N", "filter": "TEXT"},
		Bind:         bindRedrive,
	})
}

// redriveFlags are redrive's own flags.
type redriveFlags struct {
	to, filter  string
	rate        int
	dryRun, yes bool
	json        *bool
	given       func(string) bool
}

func bindRedrive(fs *flag.FlagSet) Runner {
	f := &redriveFlags{}
	fs.StringVar(&f.to, "to", "", "move to this queue instead of each message's source (client-side)")
	fs.IntVar(&f.rate, "rate", 0, "native move task: messages per second, 1–500 (default: as fast as SQS goes)")
	fs.StringVar(&f.filter, "filter", "", "move only the messages whose body contains TEXT (client-side: only it reads bodies)")
	fs.BoolVar(&f.dryRun, "dry-run", false, "say what would happen (path, counts, destinations) and change nothing")
	fs.BoolVar(&f.yes, "yes", false, "do not ask (needed when stdin is not a terminal)")
	f.json = BindJSON(fs)
	f.given = func(name string) bool {
		set := false
		fs.Visit(func(fl *flag.Flag) { set = set || fl.Name == name })
		return set
	}
	return func(ctx context.Context, env *Env, args []string) int { return runRedrive(ctx, env, args[0], f) }
}

// redrivePlan is what a redrive will do, as the TUI's dialog says it.
type redrivePlan struct {
	dlq     model.Queue
	dest    *model.Queue
	sources []model.Queue // the queues whose redrive policy names dlq
	filter  string
	rate    int
	why     string // why client-side; empty: a native move task
	journal awsclient.JournalInfo
	active  *model.MoveTask // a task already running on the DLQ
}

func (p redrivePlan) native() bool { return p.why == "" }

func runRedrive(ctx context.Context, env *Env, dlqArg string, f *redriveFlags) int {
	if f.rate < 0 || f.rate > 500 {
		return env.Usage("--rate %d: a move task takes 1–500 messages per second (leave it out for as fast as SQS goes)", f.rate)
	}
	if f.given("filter") && f.filter == "" {
		return env.Usage("--filter needs some text: the messages whose body contains it move")
	}
	c, code := env.Client(ctx)
	if code != ExitOK {
		return code
	}
	pl, code := planRedrive(ctx, env, c, dlqArg, f)
	if code != ExitOK {
		return code
	}
	out := env.Output(*f.json)
	if pl.active != nil {
		then := "following it, not starting another"
		if f.dryRun {
			then = "a redrive now would follow it, not start another"
		}
		env.Note("a move task is already running on %s (%d of %d moved): %s", pl.dlq.Name, pl.active.Moved, pl.active.ToMove, then)
	}
	if f.given("rate") && !pl.native() && pl.active == nil {
		return env.Usage("--rate applies to a native move task only, and this redrive is client-side because %s", pl.why)
	}
	if f.dryRun {
		return writeDryRun(out, pl)
	}
	if pl.active == nil && pl.dlq.Stats.Visible == 0 && pl.journal.Pending() == 0 {
		return env.Fail(ExitNothingDone, "%s shows no visible messages: nothing to redrive", pl.dlq.Name)
	}
	// Read-only: the adapter refuses the start or the move in one line;
	// asking first would ask about something that cannot happen.
	if pl.active == nil && !env.ReadOnly {
		if code := env.Confirm(ctx, f.yes, pl.question(), pl.lines()); code != ExitOK {
			return code
		}
	}
	prog := newProgress(env)
	var rep redriveReport
	switch {
	case pl.active != nil:
		rep = followTask(ctx, env, c, pl, *pl.active, prog)
	case pl.native():
		rep = runNative(ctx, env, c, pl, prog)
	default:
		rep = runMove(ctx, c, pl, prog)
	}
	prog.done()
	return rep.finish(ctx, env, out)
}

// planRedrive reads what decides the path: the DLQ and its sources, the
// destination, an interrupted move's journal, and whether the endpoint has
// the move-task API (or a task already runs), as the TUI reads them
// before its dialog.
func planRedrive(ctx context.Context, env *Env, c awsclient.Client, dlqArg string, f *redriveFlags) (redrivePlan, int) {
	dlq, code := env.Queue(ctx, c, dlqArg)
	if code != ExitOK {
		return redrivePlan{}, code
	}
	pl := redrivePlan{dlq: dlq, filter: f.filter, rate: f.rate}
	srcURLs, err := c.DeadLetterSources(ctx, dlq.URL)
	if err != nil {
		return pl, env.failCall(ctx, err)
	}
	if len(srcURLs) == 0 {
		return pl, env.Usage("%s is not a dead-letter queue (no queue names it in a redrive policy): redrive takes a DLQ", dlq.Name)
	}
	if pl.sources, err = c.Refresh(ctx, srcURLs); err != nil {
		return pl, env.failCall(ctx, err)
	}
	if f.to != "" {
		dest, code := env.Queue(ctx, c, f.to)
		if code != ExitOK {
			return pl, code
		}
		if dest.URL == dlq.URL {
			return pl, env.Usage("--to %s is the DLQ itself: nothing would move", f.to)
		}
		// Said now, also by --dry-run: the move would refuse it on its
		// first batch, after asking.
		if dest.Err == nil && dest.IsFIFO() != dlq.IsFIFO() {
			return pl, env.Usage("--to %s is a %s queue and %s a %s one: a move keeps a queue's type",
				f.to, typeName(dest.IsFIFO()), dlq.Name, typeName(dlq.IsFIFO()))
		}
		pl.dest = &dest
	}
	if code := readJournal(ctx, env, c, &pl, f.dryRun); code != ExitOK {
		return pl, code
	}
	ask := model.RedriveAsk{Filter: f.filter != "", Dest: pl.dest != nil, Journal: pl.journal.Pending()}
	if ask.ClientSideReason() == "" {
		// The TUI's dialog probes the task list as it opens: a missing
		// API makes the plan client-side, and a task already running is
		// shown instead of starting another.
		tasks, err := c.MoveTasks(ctx, dlq.ARN)
		switch {
		case awsclient.NativeUnsupported(err):
			ask.NoNative = true
		case err == nil && len(tasks) > 0 && tasks[0].Active():
			pl.active = &tasks[0]
		}
	}
	pl.why = ask.ClientSideReason()
	return pl, ExitOK
}

// readJournal reads the DLQ's journal of an interrupted move and, as the
// TUI does at start-up, settles it when the DLQ is empty or gone (not on
// a dry run, which changes nothing, not even a file).
func readJournal(ctx context.Context, env *Env, c awsclient.Client, pl *redrivePlan, dryRun bool) int {
	path := awsclient.JournalPath(pl.dlq.ARN)
	if path == "" {
		return ExitOK
	}
	info, err := awsclient.ReadJournal(path)
	if err != nil {
		return env.Fail(ExitFailed, "%v", err)
	}
	if info.Pending() > 0 && !dryRun {
		check, err := c.ReconcileJournal(ctx, pl.dlq.URL, path)
		switch {
		case errors.Is(err, awsclient.ErrJournalInUse):
			return env.Fail(ExitNothingDone, "another move of %s is running (its journal is in use): not starting a second", pl.dlq.Name)
		case err != nil:
			env.Note("could not check the journal of %s against it (%s): finishing its move client-side", pl.dlq.Name, awsclient.Describe(err))
		default:
			info = check.Left
		}
	}
	pl.journal = info
	return ExitOK
}

// question and lines are the confirmation, as the TUI's dialog has them.
func (p redrivePlan) question() string {
	verb := "Redrive"
	if p.dest != nil {
		verb = "Move"
	}
	return fmt.Sprintf("%s %s from %s?", verb, plural(int(p.dlq.Stats.Visible), "message"), p.dlq.Name)
}

func (p redrivePlan) lines() []string {
	what := fmt.Sprintf("All %s visible in %s (approximate: messages arriving meanwhile move too).",
		plural(int(p.dlq.Stats.Visible), "message"), p.dlq.Name)
	if p.filter != "" {
		what = fmt.Sprintf("The messages of %s whose body contains %q, of %s visible: how many match is known only "+
			"once each is read (the others are made visible again).", p.dlq.Name, p.filter, plural(int(p.dlq.Stats.Visible), "message"))
	}
	lines := []string{what}
	if p.dest != nil {
		lines = append(lines, fmt.Sprintf("To %s (%d messages now), whatever queue they failed in.", p.dest.Name, p.dest.Stats.Visible))
	} else {
		var to []string
		for _, s := range p.sources {
			// Names the endpoint listed, not the user typed: made safe to print.
			to = append(to, fmt.Sprintf("%s (%d messages now)", sanitize.Line(s.Name), s.Stats.Visible))
		}
		lines = append(lines, "Each back to the queue it failed in: "+strings.Join(to, ", ")+".")
	}
	if p.journal.Pending() > 0 {
		lines = append(lines, fmt.Sprintf("An interrupted move left %s half-moved: %d accepted by their destination "+
			"(deleted now, not sent again), %d whose send never answered (sent again, each possibly twice).",
			plural(p.journal.Pending(), "message"), p.journal.Sent, p.journal.Sending))
	}
	if p.native() {
		rate := "as fast as SQS goes"
		if p.rate > 0 {
			rate = fmt.Sprintf("%d messages per second", p.rate)
		}
		return append(lines, "How: a native move task (StartMessageMoveTask): SQS moves them itself, "+rate+
			". A message sent to the DLQ directly has no source queue, and the task fails on it.")
	}
	return append(lines, "How: a client-side move (receive, send, then delete only what was sent), because "+p.why+
		". Nothing is deleted before its copy is accepted; a journal makes a re-run after an interruption safe.")
}

func typeName(fifo bool) string {
	if fifo {
		return "FIFO"
	}
	return "standard"
}
