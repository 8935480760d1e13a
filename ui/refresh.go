package ui

// The queue list's refresh cycle: the auto-refresh timer, the request and
// its result, which every pane then reads from the catalog.

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

// refresher numbers the refresh requests, so that a slow, superseded
// refresh cannot overwrite a newer one, and remembers how the last went.
type refresher struct {
	seq         uint64 // number of the latest request
	inFlight    bool   // the latest request has not answered yet
	lastErr     error
	lastRefresh time.Time
}

// start returns a request numbered above every earlier one.
func (r *refresher) start(ctx context.Context, c awsclient.Lister, now func() time.Time) tea.Cmd {
	r.seq++
	r.inFlight = true
	return listQueuesCmd(ctx, c, r.seq, now)
}

// poll is start unless the last request has not answered yet.
func (r *refresher) poll(ctx context.Context, c awsclient.Lister, now func() time.Time) tea.Cmd {
	if r.inFlight {
		return nil
	}
	return r.start(ctx, c, now)
}

// accept records a result; ok says it brings queues to show. A stale
// result is dropped; an error keeps the last good list on screen. empty
// is the list's text for no rows, when it is to change.
func (r *refresher) accept(msg queuesLoadedMsg) (ok bool, empty string) {
	if msg.seq != r.seq {
		return false, ""
	}
	r.inFlight = false
	if msg.err != nil {
		r.lastErr = msg.err
		if r.lastRefresh.IsZero() {
			return false, "could not list queues: see the status line; r retries"
		}
		return false, ""
	}
	r.lastErr = nil
	r.lastRefresh = msg.at
	return true, "no queues at this endpoint and region"
}

// state is the status line's right side, before the interval.
func (r *refresher) state() string {
	switch {
	case r.inFlight && r.lastRefresh.IsZero():
		return "loading…"
	case r.inFlight:
		return "refreshing… · last " + r.lastRefresh.Format("15:04:05")
	case !r.lastRefresh.IsZero():
		return "refreshed " + r.lastRefresh.Format("15:04:05")
	}
	return ""
}

// refresh starts a refresh; an explicit one supersedes one in flight,
// whose answer will be stale and dropped.
func (a *App) refresh() tea.Cmd { return a.poll.start(a.com.Ctx, a.client, a.com.Now) }

// loaded stores a refresh result the refresher accepted, and hands the
// catalog to every pane.
func (a *App) loaded(msg queuesLoadedMsg) {
	ok, empty := a.poll.accept(msg)
	if empty != "" {
		a.queues.SetEmpty(empty)
	}
	if !ok {
		return
	}
	a.cat.Update(msg.queues, msg.at)
	a.queues.SetCatalog(a.cat)
	a.peek.SetCatalog(a.cat)
	a.redrive.SetCatalog(a.cat)
	if a.peek.Open() {
		a.redrive.SetPeeked(a.peek.Messages(), a.peek.Moved())
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
		urls, err := c.QueueURLs(ctx)
		var qs []model.Queue
		if err == nil {
			qs, err = c.Refresh(ctx, urls)
		}
		return queuesLoadedMsg{seq: seq, queues: qs, err: err, at: now()}
	}
}

// tickCmd arms the auto-refresh timer once; only the tickMsg handler calls
// it again, so there is never more than one timer running.
func tickCmd(d time.Duration) tea.Cmd {
	return tea.Tick(d, func(time.Time) tea.Msg { return tickMsg{} })
}
