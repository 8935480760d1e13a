package redrive

import (
	"context"
	"errors"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/sqscope/sqscope/awsclient"
	"github.com/sqscope/sqscope/model"
)

// errNoTask ends a search for a task whose start went unanswered.
var errNoTask = errors.New("no move task found on this DLQ after the start's lost answer: R tries again")

// moves is the bookkeeping of the redrive and move lifecycle: the move
// running or last finished, and the number that makes an older move's
// answers stale. It does no I/O: its methods return the Cmds that do.
type moves struct {
	cur *move  // the move running or last finished; nil when none
	seq uint64 // number of the latest move
}

// begin starts tracking a move numbered above every earlier one, so that
// the answers of an older move are dropped.
func (c *moves) begin(p plan) *move {
	c.seq++
	c.cur = &move{id: c.seq, plan: p, running: true}
	return c.cur
}

// beginClient is begin for a client-side move: it gets its own context
// (not the program's: a stopped move must still release what it holds)
// and the channels Move reports on.
func (c *moves) beginClient(p plan) *move {
	mv := c.begin(p)
	mv.ctx, mv.cancel = context.WithCancel(context.Background())
	mv.done = make(chan struct{})
	mv.progress = make(chan awsclient.MoveProgress, 16)
	mv.prog.Total = p.count()
	return mv
}

// of is the current move when it is move id; nil for a stale answer.
func (c *moves) of(id uint64) *move {
	if c.cur == nil || c.cur.id != id {
		return nil
	}
	return c.cur
}

// running reports whether a move runs.
func (c *moves) running() bool { return c.cur != nil && c.cur.running }

// clientRunning reports whether a client-side move runs.
func (c *moves) clientRunning() bool { return c.running() && c.cur.cancel != nil }

// poll reads the native task's progress unless a read is on its way.
func (c *moves) poll(ctx context.Context, m awsclient.Mover) tea.Cmd {
	mv := c.cur
	if mv.polling {
		return nil
	}
	mv.polling = true
	mv.pollSeq++
	return tasksCmd(ctx, m, mv.id, mv.pollSeq, mv.plan.dlq.ARN)
}

// tick re-arms the native timer while the task runs, and polls.
func (c *moves) tick(ctx context.Context, m awsclient.Mover, msg pollMsg) tea.Cmd {
	mv := c.of(msg.id)
	if mv == nil || !mv.running || mv.cancel != nil {
		return nil // the move ended or was replaced: the timer stops here
	}
	return tea.Batch(pollCmd(msg.id), c.poll(ctx, m))
}

// polled stores a progress read of the current move. ok is false for a
// stale or failed read (the next tick tries again); changed says the task
// moved on, and done that it ended.
func (c *moves) polled(msg tasksMsg) (ok, changed, done bool) {
	mv := c.of(msg.id)
	if mv == nil || msg.seq != mv.pollSeq {
		return false, false, false
	}
	mv.polling = false
	if msg.err != nil {
		mv.err = msg.err
		return false, false, false
	}
	mv.err = nil
	t, found := model.TaskOf(msg.tasks, mv.task.Handle)
	if found && mv.searching && !t.Active() && t.StartedAt.Before(mv.asked.Add(-time.Minute)) {
		found = false // an older task, over before this one was asked for
	}
	switch {
	case !found && mv.searching:
		// Looking for a task whose start went unanswered: there is none.
		mv.running, mv.searching = false, false
		mv.err = errNoTask
		return true, true, false
	case !found:
		return false, false, false
	}
	changed = t != mv.task
	mv.task, mv.searching = t, false
	if !t.Done() {
		return true, changed, false
	}
	mv.running, mv.cancelling = false, false
	return true, changed, true
}

// cancelFailed records a CancelRedrive that failed: the task goes on.
func (c *moves) cancelFailed(msg cancelledMsg) {
	if mv := c.of(msg.id); mv != nil && msg.err != nil {
		mv.cancelling, mv.err = false, msg.err
	}
}

// progressed stores a client-side progress snapshot and returns the Cmd
// waiting for the next; ok is false once Move has returned (or for a
// stale move), and the reader stops. A snapshot still queued when the
// report arrived is older than the report: it changes nothing.
func (c *moves) progressed(msg progressMsg) (cmd tea.Cmd, ok bool) {
	mv := c.of(msg.id)
	if mv == nil || msg.closed || !mv.running {
		return nil, false
	}
	mv.prog = msg.p
	return progressCmd(msg.id, mv.progress), true
}

// launch starts Move for the current client-side move and the reader of
// its progress.
func (c *moves) launch(m awsclient.Mover) tea.Cmd {
	mv := c.cur
	p := mv.plan
	req := awsclient.MoveRequest{SourceURL: p.dlq.URL}
	if p.dest != nil {
		req.DestURL = p.dest.URL
	}
	if p.ids != nil {
		set := make(map[string]bool, len(p.ids))
		for _, id := range p.ids {
			set[id] = true
		}
		req.Select = func(m model.Message) bool { return set[m.ID] }
		req.Limit = len(p.ids)
	}
	mv.launched = true
	return tea.Batch(moveCmd(mv.ctx, m, mv.id, p.dlq.ARN, req, mv.progress, mv.done),
		progressCmd(mv.id, mv.progress))
}

// finished stores a client-side move's report; false for a stale one.
func (c *moves) finished(msg doneMsg) bool {
	mv := c.of(msg.id)
	if mv == nil {
		return false
	}
	mv.cancel() // frees the context
	mv.running, mv.cancelling = false, false
	rep := msg.rep
	mv.report, mv.journal = &rep, msg.journal
	if msg.err != nil {
		mv.err = msg.err
	}
	return true
}

// stop cancels a running client-side move and waits for Move to return,
// for ReleaseAll after the program ended.
func (c *moves) stop(ctx context.Context) {
	if !c.clientRunning() {
		return
	}
	c.cur.cancel()
	if !c.cur.launched {
		return // still releasing the peek: Move never ran, and now never will
	}
	select {
	case <-c.cur.done:
	case <-ctx.Done():
	}
}

// move is the redrive or move in progress, or the last one finished.
// The Pane owns it; its view and the status line only read it.
type move struct {
	id   uint64
	plan plan

	running    bool
	cancelling bool
	err        error  // the last error; the move may go on
	note       string // how it started, e.g. the fallback to client-side

	// Native. asked is when the task was asked for: a task that ended
	// before then, found after a lost answer, is not this one.
	asked     time.Time
	searching bool // the start's answer was lost: the polls look for the task
	task      model.MoveTask
	pollSeq   uint64
	polling   bool

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
