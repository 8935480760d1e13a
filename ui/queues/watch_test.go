package queues

import (
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/sqscope/sqscope/awsclient"
	"github.com/sqscope/sqscope/model"
	"github.com/sqscope/sqscope/ui/internal/uitest"
)

// The browser's CloudWatch messages, fed by hand as the root would.

func cwBrowser(t *testing.T, m awsclient.Metrics) *Browser {
	b := newBrowser(t, 120, 36)
	b.SetCloudWatch(CloudWatch{Client: m, Timer: func(d time.Duration, msg tea.Msg) tea.Cmd {
		return func() tea.Msg { return msg }
	}})
	return b
}

func TestAnAnswerOvertakenIsKeptForItsQueue(t *testing.T) {
	b := cwBrowser(t, &uitest.Metrics{})
	now := b.c.Now()
	b.cw.histSeq = 2 // orders (1) was asked, then billing (2)
	b.cw.histBusy = histKey{"billing", DefaultWindow}
	b.Update(historyMsg{seq: 1, key: histKey{"orders", DefaultWindow}, h: model.NewHistory("orders", DefaultWindow, now), started: now})
	if _, ok := b.cw.history("orders"); !ok {
		t.Error("orders' history, overtaken by billing's request, was dropped")
	}
	if b.cw.histBusy.queue != "billing" {
		t.Error("the overtaken answer ended billing's request")
	}
	// An older answer never replaces a newer one of the same queue.
	newer := model.NewHistory("orders", DefaultWindow, now)
	b.cw.hist[histKey{"orders", DefaultWindow}] = histEntry{h: newer, at: now.Add(time.Minute)}
	b.Update(historyMsg{seq: 1, key: histKey{"orders", DefaultWindow}, h: model.NewHistory("orders", DefaultWindow, now), started: now})
	if h, _ := b.cw.history("orders"); h != newer {
		t.Error("an older answer replaced a newer one")
	}
}

func TestUnavailableStopsTheMinuteTimer(t *testing.T) {
	b := cwBrowser(t, &uitest.Metrics{})
	if cmd := b.Update(cwTickMsg{}); cmd == nil {
		t.Fatal("the tick did not re-arm while CloudWatch works")
	}
	b.Update(agesMsg{seq: b.cw.ageSeq, err: &awsclient.UnavailableError{Why: "access denied to GetMetricData"}})
	if b.cw.on() || b.list.cols.age != 0 {
		t.Fatal("still on, or the age column stayed")
	}
	if cmd := b.Update(cwTickMsg{}); cmd != nil {
		t.Error("the minute timer goes on after CloudWatch turned out unavailable")
	}
	if cmd := b.Watch(); cmd != nil {
		t.Error("a new catalog still arms a read")
	}
}
