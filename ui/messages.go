package ui

import (
	"context"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/sqscope/sqscope/awsclient"
	"github.com/sqscope/sqscope/model"
)

// listTimeout bounds one whole refresh (every page and every queue's
// attributes); awsclient bounds and retries the calls inside it.
const listTimeout = 60 * time.Second

// queuesLoadedMsg is the result of one refresh, tagged with its request
// number so that a slow, superseded refresh cannot overwrite a newer one.
type queuesLoadedMsg struct {
	seq    uint64
	queues []model.Queue
	err    error
	at     time.Time // when the result arrived, from the App's clock
}

// tickMsg is the auto-refresh timer firing.
type tickMsg struct{}

// listQueuesCmd lists every queue off the UI goroutine. It reads nothing
// of the App but what it is given, and changes nothing: the result goes
// back to Update as a message.
func listQueuesCmd(ctx context.Context, c awsclient.Lister, seq uint64, now func() time.Time) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(ctx, listTimeout)
		defer cancel()
		qs, err := c.Queues(ctx)
		return queuesLoadedMsg{seq: seq, queues: qs, err: err, at: now()}
	}
}

// tickCmd arms the auto-refresh timer once; only the tickMsg handler calls
// it again, so there is never more than one timer running.
func tickCmd(d time.Duration) tea.Cmd {
	return tea.Tick(d, func(time.Time) tea.Msg { return tickMsg{} })
}
