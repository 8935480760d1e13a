package ui

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
	// moveStopTimeout bounds the wait for a cancelled client-side move on
	// quit: its batches in flight finish and its held messages are released.
	moveStopTimeout = 10 * time.Second
)

// redriveStartedMsg is StartRedrive's answer for move id.
type redriveStartedMsg struct {
	id   uint64
	task model.MoveTask
	err  error
}

// movePollMsg is the native progress timer firing for move id.
type movePollMsg struct{ id uint64 }

// moveTasksMsg is a MoveTasks answer: for move id's poll number seq, or,
// with id 0, the probe made when the DLQ pane opens on dlqARN.
type moveTasksMsg struct {
	id, seq uint64
	dlqARN  string
	tasks   []model.MoveTask
	err     error
}

// redriveCancelMsg is CancelRedrive's answer for move id.
type redriveCancelMsg struct {
	id  uint64
	err error
}

// moveReleasedMsg says the peek session was released before client-side
// move id, which can start now that it can receive those messages.
type moveReleasedMsg struct {
	id  uint64
	rel peekReleasedMsg
}

// moveProgressMsg is one progress snapshot of client-side move id; closed
// means Move has returned and no more will come.
type moveProgressMsg struct {
	id     uint64
	p      awsclient.MoveProgress
	closed bool
}

// moveDoneMsg is the end of client-side move id.
type moveDoneMsg struct {
	id      uint64
	rep     awsclient.MoveReport
	err     error
	journal string // where the journal was kept; empty when none
}

// moveStopTimeoutMsg ends the wait for a cancelled move on quit.
type moveStopTimeoutMsg struct{}

// startRedriveCmd asks SQS to start a native move task on the DLQ arn,
// back to each message's source.
func startRedriveCmd(ctx context.Context, c awsclient.Mover, id uint64, arn string, rate int) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(ctx, moveCallTimeout)
		defer cancel()
		t, err := c.StartRedrive(ctx, arn, rate)
		return redriveStartedMsg{id: id, task: t, err: err}
	}
}

// moveTasksCmd reads the move tasks of the DLQ arn: a move's progress, or
// the probe for one already running.
func moveTasksCmd(ctx context.Context, c awsclient.Mover, id, seq uint64, arn string) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(ctx, moveCallTimeout)
		defer cancel()
		ts, err := c.MoveTasks(ctx, arn)
		return moveTasksMsg{id: id, seq: seq, dlqARN: arn, tasks: ts, err: err}
	}
}

// cancelRedriveCmd cancels the native move task handle.
func cancelRedriveCmd(ctx context.Context, c awsclient.Mover, id uint64, handle string) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(ctx, moveCallTimeout)
		defer cancel()
		return redriveCancelMsg{id: id, err: c.CancelRedrive(ctx, handle)}
	}
}

// movePollCmd arms the native progress timer once; only its handler arms
// it again, so one move never has two timers.
func movePollCmd(id uint64) tea.Cmd {
	return tea.Tick(movePoll, func(time.Time) tea.Msg { return movePollMsg{id: id} })
}

// releaseForMoveCmd releases the peek session so that the move can receive
// the messages it holds.
func releaseForMoveCmd(id uint64, sess awsclient.Peek) tea.Cmd {
	rel := releaseCmd(sess)
	return func() tea.Msg { return moveReleasedMsg{id: id, rel: rel().(peekReleasedMsg)} }
}

// moveCmd runs a client-side move to the end. done is closed when Move has
// returned, so ReleaseAll can wait for it after the program is gone.
func moveCmd(ctx context.Context, c awsclient.Mover, id uint64, dlqARN string, req awsclient.MoveRequest,
	progress chan awsclient.MoveProgress, done chan struct{}) tea.Cmd {
	return func() tea.Msg {
		defer close(done)
		req.JournalPath = awsclient.JournalPath(dlqARN)
		rep, err := c.Move(ctx, req, progress)
		return moveDoneMsg{id: id, rep: rep, err: err, journal: req.JournalPath}
	}
}

// moveProgressCmd waits for the next progress snapshot; its handler calls
// it again until the channel closes.
func moveProgressCmd(id uint64, ch <-chan awsclient.MoveProgress) tea.Cmd {
	return func() tea.Msg {
		p, ok := <-ch
		return moveProgressMsg{id: id, p: p, closed: !ok}
	}
}

// journalsMsg lists, by awsclient.JournalKey, the messages that
// interrupted moves left half-moved.
type journalsMsg struct{ pending map[string]int }

// journalsCmd reads every move journal, so that R on a DLQ with an
// interrupted move finishes it client-side (only the journal knows which
// messages were already sent) instead of starting a native task.
func journalsCmd() tea.Cmd {
	return func() tea.Msg { return journalsMsg{pending: awsclient.PendingJournals()} }
}
