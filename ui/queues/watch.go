package queues

import (
	"maps"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/sqscope/sqscope/awsclient"
	"github.com/sqscope/sqscope/model"
)

// How the browser reads CloudWatch. Every metric asked for is billed, so
// it reads only what is on screen — the ages of the rows drawn, the
// selected queue's history — each at most once a minute (CloudWatch's
// resolution), on the minute timer or once the selection has settled,
// never per keypress; and every queue's age only while the list is sorted
// by age, every five minutes.

// SetCloudWatch turns the CloudWatch metrics on (or off, with a nil
// client); call it before Init.
func (b *Browser) SetCloudWatch(o CloudWatch) {
	b.cw = newCWState(o)
	b.list.SetAges(b.cw.ages, b.cw.alert, b.cw.on())
	b.SetSize(b.width, b.height)
	b.sync()
}

// Switch empties the browser for another session (a profile or region
// switch) and reads CloudWatch through metrics (nil: off). The requests
// keep counting up, so an answer of the old account is stale; the minute
// timer starts when CloudWatch was off and runs on otherwise.
func (b *Browser) Switch(metrics awsclient.Metrics) tea.Cmd {
	old := b.cw
	b.cw = newCWState(CloudWatch{Client: metrics, AgeAlert: old.alert, Timer: old.timer})
	b.cw.window = old.window
	b.cw.histSeq, b.cw.ageSeq, b.cw.settleSeq = old.histSeq+1, old.ageSeq+1, old.settleSeq+1
	b.list.SetAges(b.cw.ages, b.cw.alert, b.cw.on())
	b.showDetail = false
	b.SetCatalog(model.NewCatalog(1))
	b.SetSize(b.width, b.height)
	if old.on() {
		return nil
	}
	return b.Init()
}

// Init starts the minute timer of CloudWatch reads; nil when it is off.
func (b *Browser) Init() tea.Cmd {
	if !b.cw.on() {
		return nil
	}
	return b.cw.timer(cwEvery, cwTickMsg{})
}

// Watch is called after the root hands over a new catalog: when the
// screen shows something CloudWatch has not been asked for in the last
// minute, it is read once the selection settles.
func (b *Browser) Watch() tea.Cmd { return b.watch() }

// watch arms the settle timer when something is due; a newer call
// supersedes it, so only the last of a burst of keys reads.
func (b *Browser) watch() tea.Cmd {
	if !b.cw.on() || !b.active || !b.due() {
		return nil
	}
	b.cw.settleSeq++
	return b.cw.timer(cwSettle, cwSettleMsg{seq: b.cw.settleSeq})
}

// updateCW handles the CloudWatch messages; ok is false for any other.
func (b *Browser) updateCW(msg tea.Msg) (cmd tea.Cmd, ok bool) {
	switch msg := msg.(type) {
	case cwTickMsg:
		if !b.cw.on() {
			return nil, true // unavailable for good: the timer stops
		}
		// Re-armed first, so the timer survives whatever happens below.
		return tea.Batch(b.cw.timer(cwEvery, cwTickMsg{}), b.fetch()), true
	case cwSettleMsg:
		if msg.seq != b.cw.settleSeq {
			return nil, true // a later key moved the selection again
		}
		return b.fetch(), true
	case historyMsg:
		b.gotHistory(msg)
		return nil, true
	case agesMsg:
		b.gotAges(msg)
		return nil, true
	}
	return nil, false
}

// historyShown reports whether the metrics pane is on screen.
func (b *Browser) historyShown() bool { return b.lay.side > 0 && !b.showDetail }

// wanted is the history the metrics pane would show, if any.
func (b *Browser) wanted() (histKey, bool) {
	q, ok := b.list.Selected()
	if !ok || !b.historyShown() {
		return histKey{}, false
	}
	return histKey{queue: q.Name, window: b.cw.window}, true
}

// due reports whether a read would bring something: the shown history or
// a shown age was not asked for within the minute (or, sorted by age,
// every queue's within five).
func (b *Browser) due() bool {
	now := b.c.Now()
	if k, ok := b.wanted(); ok && b.cw.histBusy != k && stale(b.cw.tried[k], now, cwEvery) {
		return true
	}
	if b.cw.ageBusy {
		return false
	}
	if b.list.sortKey == model.SortByAge && stale(b.cw.allAt, now, cwAllEvery) {
		return true
	}
	for _, q := range b.OnScreen() {
		if stale(b.cw.asked[q.Name], now, cwEvery) {
			return true
		}
	}
	return false
}

func stale(at, now time.Time, every time.Duration) bool {
	return at.IsZero() || now.Sub(at) >= every
}

// fetch starts the reads that are due: at most one history and one batch
// of ages in flight. Nothing while CloudWatch is off or the browser is
// covered (a peek pane over it).
func (b *Browser) fetch() tea.Cmd {
	if !b.cw.on() || !b.active {
		return nil
	}
	now := b.c.Now()
	var cmds []tea.Cmd
	if k, ok := b.wanted(); ok && b.cw.histBusy != k && stale(b.cw.tried[k], now, cwEvery) {
		b.cw.histSeq++
		b.cw.histBusy, b.cw.tried[k] = k, now
		cmds = append(cmds, historyCmd(b.c.Ctx, b.cw.client, b.cw.histSeq, k, now))
		b.sync() // "loading"
	}
	if !b.cw.ageBusy {
		names, all := b.agesDue(now)
		if len(names) > 0 {
			b.cw.ageSeq++
			b.cw.ageBusy = true
			for _, n := range names {
				b.cw.asked[n] = now
			}
			if all {
				b.cw.allAt = now
			}
			cmds = append(cmds, agesCmd(b.c.Ctx, b.cw.client, b.cw.ageSeq, names, all, now))
		}
	}
	return tea.Batch(cmds...)
}

// agesDue are the queues whose age is to be read: every queue not asked
// within the minute when sorted by age and five minutes have passed, else
// the rows on screen not asked within the minute.
func (b *Browser) agesDue(now time.Time) (names []string, all bool) {
	qs := b.OnScreen()
	if all = b.list.sortKey == model.SortByAge && stale(b.cw.allAt, now, cwAllEvery); all {
		qs = b.cat.Queues
	}
	seen := make(map[string]bool, len(qs))
	for _, q := range qs {
		if !seen[q.Name] && stale(b.cw.asked[q.Name], now, cwEvery) {
			seen[q.Name] = true
			names = append(names, q.Name)
		}
	}
	return names, all
}

// gotHistory stores a history. An answer superseded by a request for
// another queue is kept all the same — it is that queue's, and moving
// back to it then costs nothing — unless a newer one of its own is in.
func (b *Browser) gotHistory(msg historyMsg) {
	latest := msg.seq == b.cw.histSeq
	if latest {
		b.cw.histBusy = histKey{}
	}
	switch why, unavailable := awsclient.Unavailable(msg.err); {
	case unavailable:
		b.turnOff(why)
	case msg.err != nil:
		if latest {
			b.cw.err = msg.err
		}
	default:
		if prev, ok := b.cw.hist[msg.key]; !ok || !prev.at.After(msg.started) {
			b.cw.hist[msg.key] = histEntry{h: msg.h, at: msg.started}
			b.evict()
		}
		if latest {
			b.cw.err = nil
		}
	}
	b.sync()
}

// evict keeps the cache at histCache entries, dropping the oldest.
func (b *Browser) evict() {
	for len(b.cw.hist) > histCache {
		var oldest histKey
		first := true
		for k, e := range b.cw.hist {
			if first || e.at.Before(b.cw.hist[oldest].at) {
				oldest, first = k, false
			}
		}
		delete(b.cw.hist, oldest)
	}
}

// gotAges stores ages; a queue asked for and missing from the answer has
// no data point (idle for hours): its age is unknown.
func (b *Browser) gotAges(msg agesMsg) {
	if msg.seq != b.cw.ageSeq {
		return
	}
	b.cw.ageBusy = false
	if why, ok := awsclient.Unavailable(msg.err); ok {
		b.turnOff(why)
		return
	}
	b.cw.err = msg.err
	if msg.err == nil {
		for _, n := range msg.names {
			delete(b.cw.ages, n)
		}
	}
	maps.Copy(b.cw.ages, msg.ages)
	if b.list.sortKey == model.SortByAge {
		b.list.SetSort(model.SortByAge)
	}
	b.sync()
}

// turnOff stops every CloudWatch read for the session: what made it
// unavailable (access denied, no CloudWatch at the endpoint) would fail
// every time, and each try may be billed. The age column goes away and
// the metrics pane says why in one line, keeping the polled counts.
func (b *Browser) turnOff(why string) {
	b.cw.off, b.cw.err = why, nil
	b.cw.histBusy, b.cw.ageBusy = histKey{}, false
	clear(b.cw.hist)
	clear(b.cw.ages)
	if b.list.sortKey == model.SortByAge {
		b.list.SetSort(model.SortByName)
	}
	b.list.SetAges(b.cw.ages, b.cw.alert, false)
	b.SetSize(b.width, b.height)
}

// nextSort is the sort key after the list's: by age only with CloudWatch,
// which alone knows the ages.
func (b *Browser) nextSort() model.SortKey {
	next := b.list.sortKey.Next()
	if next == model.SortByAge && !b.cw.on() {
		next = next.Next()
	}
	return next
}

// cycleWindow shows the next history window.
func (b *Browser) cycleWindow() {
	if b.cw.on() {
		b.cw.window = b.cw.window.Next()
		b.sync()
	}
}
