package ui

import (
	"fmt"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/sqscope/sqscope/model"
	"github.com/sqscope/sqscope/ui/internal/uitest"
	"github.com/sqscope/sqscope/ui/refresh"
)

// What each tick reads, with the fake client: the rows on screen, the
// selected or peeked queue and its DLQ; everything else only every
// --refresh-all, or when the list is sorted by depth.

// manyQueues is q-00…q-(n-1), then a DLQ that q-05 sends to and that sorts
// after them all, off screen.
func manyQueues(n int) []model.Queue {
	var qs []model.Queue
	for i := range n {
		dlq := ""
		if i == 5 {
			dlq = "q-dlq"
		}
		qs = append(qs, testQueue(fmt.Sprintf("q-%02d", i), int64(i), 0, 0, dlq))
	}
	return append(qs, testQueue("q-dlq", 0, 0, 0, ""))
}

// scheduledApp is an App at 120×36 over qs that has listed them once, with
// --refresh 3s and --refresh-all 60s.
func scheduledApp(t *testing.T, qs []model.Queue) (*App, *fakeClient, *uitest.Clock) {
	f := &fakeClient{List: qs}
	a, clock := newTestApp(t, f, Options{Refresh: 3 * time.Second, RefreshAll: time.Minute})
	a.Update(tea.WindowSizeMsg{Width: 120, Height: 36})
	poll(a)
	return a, f, clock
}

// tick moves the clock by d and lets the timer's poll run.
func tick(a *App, clock *uitest.Clock, d time.Duration) {
	clock.T = clock.T.Add(d)
	_, cmd := a.Update(tickMsg{})
	drive(a, cmd)
}

// onScreen are the URLs of the list's rows on screen, from the frame.
func onScreen(t *testing.T, a *App, qs []model.Queue) []string {
	t.Helper()
	var urls []string
	s := screen(a)
	for _, q := range qs {
		if strings.Contains(s, " "+q.Name+" ") {
			urls = append(urls, q.URL)
		}
	}
	if len(urls) < 10 {
		t.Fatalf("only %d rows on screen:\n%s", len(urls), s)
	}
	return urls
}

func TestIdleTicksReadTheScreenAndTheSelectedQueuesDLQ(t *testing.T) {
	qs := manyQueues(60)
	a, f, clock := scheduledApp(t, qs)
	selectQueue(t, a, "q-05")
	shown := onScreen(t, a, qs)
	dlq, far := qs[60].URL, qs[59].URL
	listings := f.CallCount()
	before := map[string]int{}
	for _, q := range qs {
		before[q.URL] = f.Reads(q.URL)
	}
	for range 19 {
		tick(a, clock, 3*time.Second)
	}
	if n := f.CallCount() - listings; n != 0 {
		t.Errorf("%d listings in 57 idle seconds, want none before --refresh-all", n)
	}
	for _, u := range append(shown, dlq) {
		if n := f.Reads(u) - before[u]; n != 19 {
			t.Errorf("%s read %d times in 19 ticks, want 19", u, n)
		}
	}
	if n := f.Reads(far) - before[far]; n != 0 {
		t.Errorf("off-screen %s read %d times before --refresh-all", far, n)
	}
	if s := screen(a); !strings.Contains(s, "counts on screen 0s old · others 57s") {
		t.Errorf("header does not say how old the counts are:\n%s", strings.SplitN(s, "\n", 2)[0])
	}
	tick(a, clock, 3*time.Second)
	if n := f.CallCount() - listings; n != 1 {
		t.Errorf("%d listings at 60s, want 1", n)
	}
	if n := f.Reads(far) - before[far]; n != 1 {
		t.Errorf("off-screen %s read %d times by 60s, want 1", far, n)
	}
	if s := screen(a); !strings.Contains(s, "counts 0s old") {
		t.Errorf("after the full poll the header says:\n%s", strings.SplitN(s, "\n", 2)[0])
	}
}

func TestRowsScrolledIntoViewAreReadOnTheNextTick(t *testing.T) {
	qs := manyQueues(60)
	a, f, clock := scheduledApp(t, qs)
	tick(a, clock, 3*time.Second)
	tick(a, clock, 3*time.Second)
	clock.T = clock.T.Add(2 * time.Second)
	header := func() string { return strings.SplitN(screen(a), "\n", 2)[0] }
	if h := header(); !strings.Contains(h, "counts on screen 2s old · others 8s") {
		t.Errorf("header before scrolling: %s", h)
	}
	press(a, "G")
	// The rows now on screen were read with every queue, 8s ago: the
	// header says so rather than flatter them.
	if h := header(); !strings.Contains(h, "counts 8s old") {
		t.Errorf("header after scrolling: %s", h)
	}
	bottom := onScreen(t, a, qs)
	was := f.Reads(bottom[0])
	tick(a, clock, time.Second)
	for _, u := range bottom {
		if age := a.poll.Age(u); age != 0 {
			t.Errorf("%s on screen is %v old after the tick", u, age)
		}
	}
	if f.Reads(bottom[0]) != was+1 {
		t.Errorf("%s scrolled into view was not read on the next tick", bottom[0])
	}
}

func TestSortByDepthReadsEveryQueueAtMostOncePerTick(t *testing.T) {
	qs := manyQueues(60)
	a, f, clock := scheduledApp(t, qs)
	far := qs[59].URL
	was := f.Reads(far)
	clock.T = clock.T.Add(4 * time.Second)
	drive(a, press(a, "s"))
	if f.Reads(far) != was+1 {
		t.Fatalf("sorting by depth did not read the off-screen queues")
	}
	if got := shownNames(a)[0]; got != "q-59" {
		t.Errorf("deepest queue %q on top, want q-59", got)
	}
	drive(a, press(a, "s", "s")) // by name, by depth again: within the tick
	if f.Reads(far) != was+1 {
		t.Errorf("sorting by depth twice in one tick read every queue twice")
	}
}

func TestPeekedQueueAndItsSourcesAreRead(t *testing.T) {
	a, f, clock := peekAppClock(t, 120, 36)
	openPeek(t, a, "shared-dlq")
	was := map[string]int{}
	for _, q := range testDataset(0) {
		was[q.Name] = f.Reads(q.URL)
	}
	tick(a, clock, 5*time.Second)
	for _, q := range testDataset(0) {
		want := 0
		switch q.Name {
		case "shared-dlq", "billing", "shipping":
			want = 1
		}
		if n := f.Reads(q.URL) - was[q.Name]; n != want {
			t.Errorf("%s read %d times with the peek of shared-dlq open, want %d", q.Name, n, want)
		}
	}
}

func TestSourcesOfASharedDLQAreCappedPerTick(t *testing.T) {
	qs := []model.Queue{testQueue("a-dlq", 3, 0, 0, "")}
	for i := range 10 {
		qs = append(qs, testQueue(fmt.Sprintf("b-%02d", i), 1, 0, 0, ""))
	}
	for i := range 30 {
		qs = append(qs, testQueue(fmt.Sprintf("zz-src-%02d", i), 1, 0, 0, "a-dlq"))
	}
	a, f, clock := scheduledApp(t, qs)
	a.Update(tea.WindowSizeMsg{Width: 120, Height: 12}) // a-dlq and some b-… on screen
	selectQueue(t, a, "a-dlq")
	shown := onScreenNames(a)
	if strings.Contains(strings.Join(shown, " "), "zz-src") {
		t.Fatalf("a source is on screen: %v", shown)
	}
	_, before := f.Refreshes()
	tick(a, clock, 3*time.Second)
	_, after := f.Refreshes()
	if n := after - before; n != len(shown)+maxHotSources {
		t.Errorf("%d reads for %d rows on screen and a DLQ of 30 sources, want %d", n, len(shown), len(shown)+maxHotSources)
	}
}

// onScreenNames are the names of the queues the list shows.
func onScreenNames(a *App) []string {
	var out []string
	for _, q := range a.queues.OnScreen() {
		out = append(out, q.Name)
	}
	return out
}

// A stale answer is dropped even when it is a full one.
func TestStaleFullAnswerDropped(t *testing.T) {
	qs := manyQueues(30)
	a, f, clock := scheduledApp(t, qs)
	clock.T = clock.T.Add(3 * time.Second)
	_, tickCmd := a.Update(tickMsg{})
	f.Set(manyQueues(31)[:31], nil) // a queue appears
	late := a.refresh()().(refresh.LoadedMsg)
	f.Set(qs, nil)
	drive(a, press(a, "r"))
	a.Update(late)
	drive(a, tickCmd)
	if n := len(a.cat.Queues); n != len(qs) {
		t.Errorf("%d queues after a stale listing arrived, want %d", n, len(qs))
	}
}
