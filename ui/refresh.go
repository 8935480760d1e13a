package ui

// The queue list's refresh cycle: the auto-refresh timer, the request and
// its result.

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

// refresh starts a request numbered above every earlier one.
func (a *App) refresh() tea.Cmd {
	a.seq++
	a.inFlight = true
	return listQueuesCmd(a.ctx, a.client, a.seq, a.now)
}

// loaded stores a refresh result. A stale result is dropped; an error keeps
// the last good list on screen and shows the error in the status bar.
func (a *App) loaded(msg queuesLoadedMsg) {
	if msg.seq != a.seq {
		return
	}
	a.inFlight = false
	if msg.err != nil {
		a.lastErr = msg.err
		if a.lastRefresh.IsZero() {
			a.list.empty = "could not list queues: see the status line; r retries"
		}
		return
	}
	a.list.empty = "no queues at this endpoint and region"
	a.lastErr = nil
	a.lastRefresh = msg.at
	a.queues = msg.queues
	a.graph = model.BuildDLQGraph(msg.queues)
	a.byARN = make(map[string]model.Queue, len(msg.queues))
	series := make(map[string]*model.Series, len(msg.queues))
	for _, q := range msg.queues {
		if q.ARN != "" {
			a.byARN[q.ARN] = q
		}
		s := a.series[q.URL]
		if s == nil {
			s = model.NewSeries(seriesCap)
		}
		if q.Err == nil {
			at := q.FetchedAt
			if at.IsZero() {
				at = msg.at
			}
			s.Push(model.Point{At: at, Stats: q.Stats})
		}
		// Deleted queues drop out here, so history never outgrows the list.
		series[q.URL] = s
	}
	a.series = series
	a.list.SetQueues(msg.queues, a.graph)
	a.syncSide()
	if a.peekOpen() {
		a.dlq.SetQueue(a.peek.q, a.graph, a.byARN)
		a.feedDLQ()
		a.relayout() // the peeked queue may have become, or stopped being, a DLQ
	}
}

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
