// Package refresh is the queue list's refresh schedule. Every SQS call is
// billed, and reading every queue every few seconds costs real money on a
// big account (2,000 queues every 3 s is ~55 M calls a day), so a poll
// reads only what it must: on each tick of --refresh the queues whose
// counts are on screen (the caller says which), and every --refresh-all
// the listing and every queue. It numbers its requests so a superseded
// answer is dropped, keeps one request in flight, and knows how old each
// queue's counts are, for the header.
package refresh

import (
	"context"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/sqscope/sqscope/awsclient"
	"github.com/sqscope/sqscope/model"
	"github.com/sqscope/sqscope/ui/common"
)

// timeout bounds one whole poll (every page and every queue's attributes);
// awsclient bounds and retries the calls inside it.
const timeout = 60 * time.Second

// LoadedMsg is the answer to one poll, tagged with its request number so
// that a slow, superseded poll cannot overwrite a newer one.
type LoadedMsg struct {
	Seq uint64
	// Full: the listing and every queue, which replace the catalog's;
	// else only the rows read again, to merge.
	Full   bool
	Queues []model.Queue
	Err    error
	At     time.Time // when the answer arrived, from the UI's clock
}

// Poller decides what each poll reads and remembers how the last went.
// It does no I/O itself: every method that polls returns the Cmd.
type Poller struct {
	c      *common.Common
	client awsclient.Lister
	every  time.Duration // --refresh: the queues on screen
	all    time.Duration // --refresh-all: the listing and every queue

	seq      uint64    // number of the latest request
	inFlight bool      // the latest request has not answered yet
	full     bool      // the latest request lists and reads every queue
	started  time.Time // when the latest request started
	tried    time.Time // when the latest full request started

	listErr  error     // the last full poll failed; cleared by one that works
	readErr  error     // the last partial poll failed
	retryHot bool      // a full poll failed: read the screen's rows before retrying it
	answered time.Time // when the last poll that worked answered

	allAt time.Time            // when the last full poll that worked started
	fresh map[string]time.Time // queues read since, by URL: when that read started
}

// New is a Poller that has not polled yet. A refreshAll shorter than
// every means every queue on every tick, as before the schedule existed.
func New(c *common.Common, client awsclient.Lister, every, refreshAll time.Duration) *Poller {
	return &Poller{c: c, client: client, every: every, all: max(refreshAll, every), fresh: map[string]time.Time{}}
}

// SetClient points the poller at another session's client (a profile or
// region switch): a poll in flight is of the old account, so its answer
// becomes stale, and what was read before counts as never read.
func (p *Poller) SetClient(client awsclient.Lister) {
	p.client = client
	p.seq++
	p.inFlight, p.full, p.retryHot = false, false, false
	p.listErr, p.readErr = nil, nil
	p.answered, p.allAt, p.tried = time.Time{}, time.Time{}, time.Time{}
	p.fresh = map[string]time.Time{}
}

// All lists and reads every queue now (start, r, after a move), superseding
// a poll in flight, whose answer will be stale and dropped.
func (p *Poller) All() tea.Cmd { return p.start(true, nil) }

// Tick is the timer's poll: nothing while one is in flight, so a slow
// endpoint never has requests piling up; everything when --refresh-all has
// passed since the last full poll; else the queues of hot (those on
// screen) not read within half a tick, none if all were.
func (p *Poller) Tick(hot []string) tea.Cmd {
	if p.inFlight {
		return nil
	}
	now := p.c.Now()
	if p.allAt.IsZero() || now.Sub(p.allAt) >= p.all {
		// After a failed listing the screen's rows go first, so that a
		// throttled ListQueues does not also freeze what is on screen.
		if !p.retryHot || len(hot) == 0 {
			return p.start(true, nil)
		}
	}
	p.retryHot = false
	var stale []string
	for _, u := range hot {
		if p.Age(u) >= p.every/2 {
			stale = append(stale, u)
		}
	}
	if len(stale) == 0 {
		return nil
	}
	return p.start(false, stale)
}

// Demand reads every queue because a view needs every count (sorting by
// depth), at most once per --refresh: nothing when a full poll is in
// flight or started no more than a tick ago — counts that old are as
// fresh as those on screen are promised to be.
func (p *Poller) Demand() tea.Cmd {
	if p.inFlight && p.full {
		return nil
	}
	if !p.tried.IsZero() && p.c.Now().Sub(p.tried) <= p.every {
		return nil
	}
	return p.start(true, nil)
}

// start returns a request numbered above every earlier one.
func (p *Poller) start(full bool, urls []string) tea.Cmd {
	p.seq++
	p.inFlight, p.full, p.started = true, full, p.c.Now()
	if full {
		p.tried = p.started
	}
	return pollCmd(p.c.Ctx, p.client, p.seq, full, urls, p.c.Now)
}

// Accept records an answer; ok says it brings queues to show. A stale
// answer is dropped; an error keeps the last good counts on screen. empty
// is the list's text for no rows, when it is to change.
func (p *Poller) Accept(msg LoadedMsg) (ok bool, empty string) {
	if msg.Seq != p.seq || !p.inFlight {
		return false, ""
	}
	p.inFlight = false
	if msg.Err != nil {
		if !msg.Full {
			p.readErr = msg.Err
			return false, ""
		}
		p.listErr, p.retryHot = msg.Err, true
		if p.allAt.IsZero() {
			return false, "could not list queues: see the status line; r retries"
		}
		return false, ""
	}
	p.readErr, p.answered = nil, msg.At
	if msg.Full {
		p.listErr, p.retryHot, p.allAt = nil, false, p.started
		clear(p.fresh)
	} else {
		for _, q := range msg.Queues {
			p.fresh[q.URL] = p.started
		}
	}
	return true, "no queues at this endpoint and region"
}

// Err is why the last poll failed: a failed listing until one works, else
// a failed read of the screen's rows; nil when the last of each worked.
func (p *Poller) Err() error {
	if p.listErr != nil {
		return p.listErr
	}
	return p.readErr
}

// InFlight reports whether a poll has not answered yet.
func (p *Poller) InFlight() bool { return p.inFlight }

// Seq is the number of the latest request.
func (p *Poller) Seq() uint64 { return p.seq }

// pollCmd lists (when full) and reads queues off the UI goroutine. It reads
// nothing of the Poller but what it is given, and changes nothing: the
// answer goes back to Update as a message.
func pollCmd(ctx context.Context, c awsclient.Lister, seq uint64, full bool, urls []string, now func() time.Time) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(ctx, timeout)
		defer cancel()
		var err error
		if full {
			urls, err = c.QueueURLs(ctx)
		}
		var qs []model.Queue
		if err == nil {
			qs, err = c.Refresh(ctx, urls)
		}
		return LoadedMsg{Seq: seq, Full: full, Queues: qs, Err: err, At: now()}
	}
}
