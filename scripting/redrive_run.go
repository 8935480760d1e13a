package scripting

import (
	"context"
	"errors"
	"strings"
	"time"

	"github.com/sqscope/sqscope/awsclient"
	"github.com/sqscope/sqscope/model"
)

const (
	// taskPoll is how often a native task's progress is read, as in the TUI.
	taskPoll = time.Second
	// callTimeout bounds one start, listing or cancel, as in the TUI.
	callTimeout = 30 * time.Second
	// searchPolls bounds the look for a task whose start went unanswered.
	searchPolls = 10
)

// runNative starts a native move task and follows it; the start's answer
// is judged as the TUI judges it.
func runNative(ctx context.Context, env *Env, c awsclient.Client, pl redrivePlan, prog *progress) redriveReport {
	asked := time.Now()
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), callTimeout)
	task, err := c.StartRedrive(sctx, pl.dlq.ARN, pl.rate)
	cancel()
	rep := redriveReport{plan: pl, path: "native"}
	var active *awsclient.TaskActiveError
	var unknown *awsclient.StartUnknownError
	switch awsclient.JudgeStart(err) {
	case awsclient.StartFollow:
		return followTask(ctx, env, c, pl, task, prog)
	case awsclient.StartAdopt:
		errors.As(err, &active)
		env.Note("a move task was already running on %s: following it, not starting another", pl.dlq.Name)
		return followTask(ctx, env, c, pl, active.Task, prog)
	case awsclient.StartSearch:
		env.Note("the answer to the start was lost: looking for the task…")
		if t, ok := searchTask(ctx, c, pl.dlq.ARN, asked); ok {
			return followTask(ctx, env, c, pl, t, prog)
		}
		rep.err = errors.New("no move task found on this DLQ after the start's lost answer: nothing moved; run again")
		rep.nothing = true
	case awsclient.StartRetry:
		errors.As(err, &unknown)
		rep.err, rep.nothing = errors.New("the move task did not start ("+awsclient.Describe(unknown.Err)+"): run again"), true
	case awsclient.StartFallBack:
		env.Note("no native move API here: moving client-side instead")
		if pl.rate > 0 {
			env.Note("--rate %d ignored: it applies to a native move task only", pl.rate)
		}
		pl.why = model.WhyFellBack
		return runMove(ctx, c, pl, prog)
	default:
		rep.err = err // refused (access denied, …): an error, not a pause
	}
	return rep
}

// searchTask looks for the task a start whose answer was lost may have
// begun: the newest active one, or one that started around the ask.
func searchTask(ctx context.Context, c awsclient.Mover, arn string, asked time.Time) (model.MoveTask, bool) {
	for range searchPolls {
		lctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), callTimeout)
		ts, err := c.MoveTasks(lctx, arn)
		cancel()
		if err == nil && len(ts) > 0 && (ts[0].Active() || !ts[0].StartedAt.Before(asked.Add(-time.Minute))) {
			return ts[0], true
		}
		if err == nil || !sleep(ctx, taskPoll) {
			break
		}
	}
	return model.MoveTask{}, false
}

// followTask polls the task until it ends. A signal cancels it (SQS keeps
// what it moved; the rest stays in the DLQ), as c does in the TUI.
func followTask(ctx context.Context, env *Env, c awsclient.Mover, pl redrivePlan, t model.MoveTask, prog *progress) redriveReport {
	rep := redriveReport{plan: pl, path: "native", task: t}
	for !rep.task.Done() {
		prog.task(rep.task)
		if !sleep(ctx, taskPoll) {
			rep.cancelled = true
			if rep.task.Status == model.TaskRunning && rep.task.Handle != "" {
				cctx, cancel := context.WithTimeout(context.Background(), callTimeout)
				if err := c.CancelRedrive(cctx, rep.task.Handle); err != nil {
					env.Note("could not cancel the move task (%s): it goes on in SQS", awsclient.Describe(err))
				} else {
					env.Note("interrupted: the move task is cancelled; what it moved stays moved")
				}
				// The report says where the task stands after the cancel.
				if ts, err := c.MoveTasks(cctx, pl.dlq.ARN); err == nil {
					if found, ok := model.TaskOf(ts, rep.task.Handle); ok {
						rep.task = found
					}
				}
				cancel()
			}
			return rep
		}
		lctx, cancel := context.WithTimeout(ctx, callTimeout)
		ts, err := c.MoveTasks(lctx, pl.dlq.ARN)
		cancel()
		if err != nil {
			continue // the next poll tries again; the task runs in SQS regardless
		}
		if found, ok := model.TaskOf(ts, rep.task.Handle); ok {
			rep.task = found
		}
	}
	prog.task(rep.task)
	return rep
}

// runMove is the client-side move, with the DLQ's journal. A signal
// cancels ctx, and Move stops between batches: those in flight finish,
// every message it still holds is made visible again.
func runMove(ctx context.Context, c awsclient.Mover, pl redrivePlan, prog *progress) redriveReport {
	req := awsclient.MoveRequest{SourceURL: pl.dlq.URL, JournalPath: awsclient.JournalPath(pl.dlq.ARN)}
	if pl.dest != nil {
		req.DestURL = pl.dest.URL
	}
	if text := pl.filter; text != "" {
		req.Select = func(m model.Message) bool { return strings.Contains(m.Body, text) }
	}
	ch := make(chan awsclient.MoveProgress, 16)
	done := make(chan struct{})
	go func() {
		defer close(done)
		for p := range ch {
			prog.move(p)
		}
	}()
	mrep, err := c.Move(ctx, req, ch)
	<-done
	return redriveReport{plan: pl, path: "client-side", move: &mrep, err: err, cancelled: mrep.Cancelled}
}

// sleep waits d, or until ctx ends (false).
func sleep(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return false
	case <-t.C:
		return true
	}
}
