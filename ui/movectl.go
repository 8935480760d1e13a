package ui

import (
	"context"

	tea "charm.land/bubbletea/v2"

	"github.com/sqscope/sqscope/awsclient"
	"github.com/sqscope/sqscope/model"
)

// moveCtl owns the redrive and move lifecycle: the move running or last
// finished, the number that makes an older move's answers stale, the plan
// the dialog is about, and the stop asked for on quit. It plans, starts,
// follows and stops moves (redrive*.go) on what a moveEnv hands it, and
// does no I/O: its methods return the Cmds that do, so that the App only
// routes keys and results to it, shows its dialogs and goes on quitting.
type moveCtl struct {
	cur       *moveState // the move running or last finished; nil when none
	seq       uint64     // number of the latest move
	pending   movePlan   // what the redrive dialog is about
	stopAsked bool       // quitting waits for the stopped move to return
	// interrupted counts, by journalKey, the messages that interrupted
	// moves left half-moved (from the journals).
	interrupted map[string]int
}

// begin starts tracking a move numbered above every earlier one, so that
// the answers of an older move are dropped.
func (c *moveCtl) begin(p movePlan) *moveState {
	c.seq++
	c.cur = &moveState{id: c.seq, plan: p, running: true}
	return c.cur
}

// beginClient is begin for a client-side move: it gets its own context
// (not the program's: a stopped move must still release what it holds)
// and the channels Move reports on.
func (c *moveCtl) beginClient(p movePlan) *moveState {
	mv := c.begin(p)
	mv.ctx, mv.cancel = context.WithCancel(context.Background())
	mv.done = make(chan struct{})
	mv.progress = make(chan awsclient.MoveProgress, 16)
	mv.prog.Total = p.count()
	return mv
}

// of is the current move when it is move id; nil for a stale answer.
func (c *moveCtl) of(id uint64) *moveState {
	if c.cur == nil || c.cur.id != id {
		return nil
	}
	return c.cur
}

// running reports whether a move runs.
func (c *moveCtl) running() bool { return c.cur != nil && c.cur.running }

// clientRunning reports whether a client-side move runs.
func (c *moveCtl) clientRunning() bool { return c.running() && c.cur.cancel != nil }

// poll reads the native task's progress unless a read is on its way.
func (c *moveCtl) poll(ctx context.Context, m awsclient.Mover) tea.Cmd {
	mv := c.cur
	if mv.polling {
		return nil
	}
	mv.polling = true
	mv.pollSeq++
	return moveTasksCmd(ctx, m, mv.id, mv.pollSeq, mv.plan.dlq.ARN)
}

// tick re-arms the native timer while the task runs, and polls.
func (c *moveCtl) tick(ctx context.Context, m awsclient.Mover, msg movePollMsg) tea.Cmd {
	mv := c.of(msg.id)
	if mv == nil || !mv.running || mv.cancel != nil {
		return nil // the move ended or was replaced: the timer stops here
	}
	return tea.Batch(movePollCmd(msg.id), c.poll(ctx, m))
}

// polled stores a progress read of the current move. ok is false for a
// stale or failed read (the next tick tries again); changed says the task
// moved on, and done that it ended.
func (c *moveCtl) polled(msg moveTasksMsg) (ok, changed, done bool) {
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
	t, found := taskOf(msg.tasks, mv.task.Handle)
	if !found {
		return false, false, false
	}
	changed = t != mv.task
	mv.task = t
	if !t.Done() {
		return true, changed, false
	}
	mv.running, mv.cancelling = false, false
	return true, changed, true
}

// cancelFailed records a CancelRedrive that failed: the task goes on.
func (c *moveCtl) cancelFailed(msg redriveCancelMsg) {
	if mv := c.of(msg.id); mv != nil && msg.err != nil {
		mv.cancelling, mv.err = false, msg.err
	}
}

// progressed stores a client-side progress snapshot and returns the Cmd
// waiting for the next; ok is false once Move has returned (or for a
// stale move), and the reader stops.
func (c *moveCtl) progressed(msg moveProgressMsg) (cmd tea.Cmd, ok bool) {
	mv := c.of(msg.id)
	if mv == nil || msg.closed {
		return nil, false
	}
	mv.prog = msg.p
	return moveProgressCmd(msg.id, mv.progress), true
}

// launch starts Move for the current client-side move and the reader of
// its progress.
func (c *moveCtl) launch(m awsclient.Mover) tea.Cmd {
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
		moveProgressCmd(mv.id, mv.progress))
}

// finished stores a client-side move's report; false for a stale one.
func (c *moveCtl) finished(msg moveDoneMsg) bool {
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

// stopForQuit cancels the client-side move; quitting waits for it.
func (c *moveCtl) stopForQuit() {
	c.stopAsked = true
	c.cur.cancel()
	c.cur.cancelling = true
}

// stop cancels a running client-side move and waits for Move to return,
// for ReleaseAll after the program ended.
func (c *moveCtl) stop(ctx context.Context) {
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

// moveEnv is what the move flow reads and changes outside moveCtl, handed
// over on each call so that the controller never holds the App.
type moveEnv struct {
	ctx    context.Context // the program's: cancelled on quit
	client awsclient.Mover
	graph  model.DLQGraph
	byARN  map[string]model.Queue
	peek   *peekPane      // the peek pane, open or not
	sess   awsclient.Peek // its session; nil while the pane is closed
	dlq    *dlqPane
	notice *string // the status line's one-line feedback
	asking bool    // the redrive dialog is open
}

// peekOpen reports whether the peek pane is open (it has a session).
func (e moveEnv) peekOpen() bool { return e.sess != nil }

// peeking reports whether the open peek pane shows the queue url.
func (e moveEnv) peeking(url string) bool { return e.peekOpen() && e.peek.q.URL == url }

// say replaces the status line's feedback.
func (e moveEnv) say(s string) { *e.notice = s }
