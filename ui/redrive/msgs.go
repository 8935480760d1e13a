package redrive

import (
	"context"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/sqscope/sqscope/awsclient"
	"github.com/sqscope/sqscope/model"
)

const (
	// movePoll is how often a native move task's progress is read.
	movePoll = time.Second
	// moveCallTimeout bounds one StartRedrive, MoveTasks or CancelRedrive.
	moveCallTimeout = 30 * time.Second
	// StopTimeout bounds the wait for a cancelled client-side move on
	// quit: its batches in flight finish and its held messages are released.
	StopTimeout = 10 * time.Second
)

// startedMsg is StartRedrive's answer for move id.
type startedMsg struct {
	id   uint64
	task model.MoveTask
	err  error
}

// pollMsg is the native progress timer firing for move id.
type pollMsg struct{ id uint64 }

// tasksMsg is a MoveTasks answer: for move id's poll number seq, or,
// with id 0, the probe made when the DLQ pane opens on dlqARN.
type tasksMsg struct {
	id, seq uint64
	dlqARN  string
	tasks   []model.MoveTask
	err     error
}

// cancelledMsg is CancelRedrive's answer for move id.
type cancelledMsg struct {
	id  uint64
	err error
}

// releasedMsg says the peek released what it held before move id, which
// can start now that those messages are visible.
type releasedMsg struct {
	id  uint64
	err error
}

// progressMsg is one progress snapshot of client-side move id; closed
// means Move has returned and no more will come.
type progressMsg struct {
	id     uint64
	p      awsclient.MoveProgress
	closed bool
}

// doneMsg is the end of client-side move id.
type doneMsg struct {
	id      uint64
	rep     awsclient.MoveReport
	err     error
	journal string // where the journal was kept; empty when none
}

// startCmd asks SQS to start a native move task on the DLQ arn,
// back to each message's source.
func startCmd(ctx context.Context, c awsclient.Mover, id uint64, arn string, rate int) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(ctx, moveCallTimeout)
		defer cancel()
		t, err := c.StartRedrive(ctx, arn, rate)
		return startedMsg{id: id, task: t, err: err}
	}
}

// tasksCmd reads the move tasks of the DLQ arn: a move's progress, or
// the probe for one already running.
func tasksCmd(ctx context.Context, c awsclient.Mover, id, seq uint64, arn string) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(ctx, moveCallTimeout)
		defer cancel()
		ts, err := c.MoveTasks(ctx, arn)
		return tasksMsg{id: id, seq: seq, dlqARN: arn, tasks: ts, err: err}
	}
}

// cancelCmd cancels the native move task handle.
func cancelCmd(ctx context.Context, c awsclient.Mover, id uint64, handle string) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(ctx, moveCallTimeout)
		defer cancel()
		return cancelledMsg{id: id, err: c.CancelRedrive(ctx, handle)}
	}
}

// pollCmd arms the native progress timer once; only its handler arms
// it again, so one move never has two timers.
func pollCmd(id uint64) tea.Cmd {
	return tea.Tick(movePoll, func(time.Time) tea.Msg { return pollMsg{id: id} })
}

// moveCmd runs a client-side move to the end. done is closed when Move has
// returned, so ReleaseAll can wait for it after the program is gone.
func moveCmd(ctx context.Context, c awsclient.Mover, id uint64, dlqARN string, req awsclient.MoveRequest,
	progress chan awsclient.MoveProgress, done chan struct{}) tea.Cmd {
	return func() tea.Msg {
		defer close(done)
		req.JournalPath = awsclient.JournalPath(dlqARN)
		rep, err := c.Move(ctx, req, progress)
		return doneMsg{id: id, rep: rep, err: err, journal: req.JournalPath}
	}
}

// progressCmd waits for the next progress snapshot; its handler calls
// it again until the channel closes.
func progressCmd(id uint64, ch <-chan awsclient.MoveProgress) tea.Cmd {
	return func() tea.Msg {
		p, ok := <-ch
		return progressMsg{id: id, p: p, closed: !ok}
	}
}
