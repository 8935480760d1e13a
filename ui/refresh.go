package ui

// The queue list's refresh cycle, as the root sees it: the auto-refresh
// timer, which queues are on screen (ui/refresh decides what each poll reads),
// and the answer, which every pane then reads from the catalog.

import (
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/sqscope/sqscope/model"
	"github.com/sqscope/sqscope/ui/refresh"
)

// tickMsg is the auto-refresh timer firing.
type tickMsg struct{}

// maxHotSources caps how many sources of the selected (or peeked) DLQ are
// read on every tick for the depths beside their names: a DLQ shared by a
// hundred queues must not cost a hundred calls a tick. The rest are a
// --refresh-all old at most, like every queue off screen.
const maxHotSources = 10

// refresh lists and reads every queue now; an explicit refresh supersedes
// a poll in flight, whose answer will be stale and dropped.
func (a *App) refresh() tea.Cmd { return a.poll.All() }

// tick re-arms the timer first, so it survives whatever happens below,
// then polls what is due.
func (a *App) tick() tea.Cmd {
	return tea.Batch(a.arm(a.opts.Refresh), a.poll.Tick(a.hot()))
}

// hot are the URLs of the queues whose counts are on screen: the list's
// visible rows and the selected queue, or the peeked queue while the peek
// pane covers the list; and the selected or peeked queue's DLQ and (for a
// DLQ) its sources, whose depths the metrics, details and DLQ panes show.
func (a *App) hot() []string {
	var qs []model.Queue
	if a.peek.Open() {
		qs = []model.Queue{a.peek.Queue()}
	} else {
		qs = a.queues.OnScreen()
	}
	if q, ok := a.currentQueue(); ok {
		g := a.cat.Graph
		if dlq, ok := g.DLQOf(q.ARN); ok {
			qs = append(qs, a.cat.ByARN[dlq])
		}
		srcs := g.SourcesOf(q.ARN)
		for _, s := range srcs[:min(len(srcs), maxHotSources)] {
			qs = append(qs, a.cat.ByARN[s])
		}
	}
	seen := make(map[string]bool, len(qs))
	urls := make([]string, 0, len(qs))
	for _, q := range qs {
		if q.URL != "" && !seen[q.URL] {
			seen[q.URL] = true
			urls = append(urls, q.URL)
		}
	}
	return urls
}

// loaded stores an answer the poller accepted — a whole new catalog, or
// the rows read again — and hands the catalog to every pane; the journals
// of interrupted moves whose DLQ it lists are checked against it.
func (a *App) loaded(msg refresh.LoadedMsg) tea.Cmd {
	ok, empty := a.poll.Accept(msg)
	if empty != "" {
		a.queues.SetEmpty(empty)
	}
	if !ok {
		return nil
	}
	if msg.Full {
		a.cat.Update(msg.Queues, msg.At)
	} else {
		a.cat.Merge(msg.Queues, msg.At)
	}
	a.queues.SetCatalog(a.cat)
	a.peek.SetCatalog(a.cat)
	a.redrive.SetCatalog(a.cat)
	a.compose.SetCatalog(a.cat)
	a.forms.SetCatalog(a.cat)
	if a.peek.Open() {
		a.syncPeeked()
		a.relayout() // the peeked queue may have become, or stopped being, a DLQ
	}
	var jump tea.Cmd
	if msg.Full && !a.listed {
		// The first list: a link given at start (--queue) can be checked
		// and opened now.
		a.listed = true
		if a.pending != "" {
			jump = a.jump(a.pending)
		}
	}
	return tea.Batch(a.redrive.Reconcile(), a.queues.Watch(), jump)
}

// tickCmd arms the auto-refresh timer once; only the tickMsg handler calls
// it again, so there is never more than one timer running.
func tickCmd(d time.Duration) tea.Cmd {
	return tea.Tick(d, func(time.Time) tea.Msg { return tickMsg{} })
}
