package ui

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/sqscope/sqscope/model"
	"github.com/sqscope/sqscope/ui/internal/uitest"
)

// What is read from CloudWatch, and when: every metric asked for is
// billed, so the screen's rows and the selected queue, at most once a
// minute each, never per keypress.

func historyCalls(m *uitest.Metrics) []string {
	m.Mu.Lock()
	defer m.Mu.Unlock()
	var out []string
	for _, c := range m.Histories {
		out = append(out, c.Queue+"/"+c.Window.String())
	}
	return out
}

func ageAsks(m *uitest.Metrics) [][]string {
	m.Mu.Lock()
	defer m.Mu.Unlock()
	return slices.Clone(m.AgeAsks)
}

func TestCloudWatchReadsTheScreenOncePerMinute(t *testing.T) {
	m := &uitest.Metrics{}
	a, _, clock := cwApp(t, 120, 36, m)
	// Three polls: one history for the selected queue, one batch of ages
	// for the nine rows on screen; the two later polls found both fresh.
	if got := historyCalls(m); !slices.Equal(got, []string{"audit-log/12h"}) {
		t.Fatalf("histories after three polls: %v", got)
	}
	if asks := ageAsks(m); len(asks) != 1 || len(asks[0]) != 9 {
		t.Fatalf("ages after three polls: %v", asks)
	}

	// Three keys in a row: each arms the settle timer, and only the last
	// one's firing reads — one history, for the queue the keys stopped on.
	var settles []tea.Msg
	for _, k := range []string{"j", "j", "j"} {
		_, cmd := a.Update(keyMsg(k))
		for _, msg := range runCmd(cmd) {
			if tm, ok := msg.(timerMsg); ok && tm.d < time.Minute {
				settles = append(settles, tm.msg)
			}
		}
	}
	if len(settles) != 3 {
		t.Fatalf("%d settle timers armed, want one per key", len(settles))
	}
	for _, s := range settles {
		_, cmd := a.Update(s)
		cwDrive(t, a, cmd)
	}
	if got := historyCalls(m); !slices.Equal(got, []string{"audit-log/12h", "orders/12h"}) {
		t.Fatalf("after j j j: %v, want one read, of orders", got)
	}

	// Back to audit-log, and down to orders again, stopping at each
	// queue read within the minute: cached, free.
	for _, k := range []string{"k", "k", "k", "j", "j", "j"} {
		pressDrive(t, a, k)
	}
	want := []string{"audit-log/12h", "orders/12h", "notifications-service-production-eu-west-1-high-priority/12h", "billing/12h"}
	if got := historyCalls(m); !slices.Equal(got, want) {
		t.Fatalf("stopping on each queue: %v, want %v (each once)", got, want)
	}

	// The minute timer before a minute has passed reads nothing; after,
	// the screen again.
	clock.T = clock.T.Add(30 * time.Second)
	cwTick(t, a)
	if got, asks := historyCalls(m), ageAsks(m); len(got) != 4 || len(asks) != 1 {
		t.Fatalf("a tick within the minute read: %v, %v", got, asks)
	}
	clock.T = clock.T.Add(31 * time.Second)
	cwTick(t, a)
	if got := historyCalls(m); !slices.Equal(got[4:], []string{"orders/12h"}) {
		t.Errorf("the minute tick read %v, want orders again", got[4:])
	}
	if asks := ageAsks(m); len(asks) != 2 || len(asks[1]) != 9 {
		t.Errorf("the minute tick's ages: %v", asks)
	}
	// The polls of that minute bring nothing more.
	for range 10 {
		clock.T = clock.T.Add(5 * time.Second)
		cwDrive(t, a, a.refresh())
	}
	if h, ages, metrics := m.Calls(); h != 5 || ages != 2 || metrics != 5*7+2*9 {
		t.Errorf("%d history and %d age calls, %d metrics; want 5, 2 and %d", h, ages, metrics, 5*7+2*9)
	}
}

func TestWindowKeyReadsEachWindowOnce(t *testing.T) {
	m := &uitest.Metrics{}
	a, _, _ := cwApp(t, 120, 36, m)
	pressDrive(t, a, "j", "j", "j") // orders
	for range len(model.Windows()) {
		pressDrive(t, a, "w")
	}
	want := []string{"audit-log/12h", "orders/12h", "orders/1d", "orders/3d", "orders/1w", "orders/2w", "orders/1h", "orders/3h"}
	if got := historyCalls(m); !slices.Equal(got, want) {
		t.Fatalf("histories %v, want %v (12h again from the cache)", got, want)
	}
	if !strings.Contains(screen(a), "Metrics · orders · 12h by 1m") {
		t.Errorf("the window did not come round to 12h:\n%s", screen(a))
	}
}

func TestSortByAgeReadsEveryQueueEveryFiveMinutes(t *testing.T) {
	m := &uitest.Metrics{Ages: model.Ages{}}
	a, f, clock := cwApp(t, 120, 36, m)
	f.Set(benchQueues(2000), nil)
	start := len(ageAsks(m))
	cwDrive(t, a, a.refresh())
	pressDrive(t, a, "s") // by depth
	before := len(ageAsks(m))
	pressDrive(t, a, "s") // by age
	asks := ageAsks(m)
	if len(asks) != before+1 {
		t.Fatalf("sorting by age asked %d batches, want one", len(asks)-before)
	}
	// The rows on screen were asked within the minute; the rest now.
	seen := map[string]bool{}
	for _, names := range asks[start:] {
		for _, n := range names {
			if seen[n] {
				t.Fatalf("%s asked twice within the minute", n)
			}
			seen[n] = true
		}
	}
	if len(seen) != 2000 {
		t.Fatalf("%d queues' ages asked, want all 2,000", len(seen))
	}
	clock.T = clock.T.Add(2 * time.Minute)
	cwTick(t, a)
	if asks := ageAsks(m); len(asks) != before+2 || len(asks[before+1]) > 40 {
		t.Fatalf("two minutes on: %d queues asked, want the rows on screen", len(asks[len(asks)-1]))
	}
	clock.T = clock.T.Add(3 * time.Minute)
	cwTick(t, a)
	if asks := ageAsks(m); len(asks) != before+3 || len(asks[before+2]) != 2000 {
		t.Fatalf("five minutes on: %d queues asked, want every queue again", len(asks[len(asks)-1]))
	}
}

func TestSortByAgeOrdersTheList(t *testing.T) {
	a, _, _ := cwApp(t, 120, 36, &uitest.Metrics{})
	pressDrive(t, a, "s", "s")
	want := []string{"notifications-service-production-eu-west-1-high-priority", "orders-dlq", "orders", "billing",
		"payments.fifo", "audit-log", "shipping", "payments-dlq.fifo", "shared-dlq"}
	if got := shownNames(a); !slices.Equal(got, want) {
		t.Errorf("by age: %v, want %v", got, want)
	}
	pressDrive(t, a, "s")
	if got := shownNames(a); got[0] != "audit-log" {
		t.Errorf("s after age is by name again: %v", got)
	}
}

func TestTransientErrorWaitsAMinute(t *testing.T) {
	m := &uitest.Metrics{Err: errors.New("connection reset by peer")}
	a, _, clock := cwApp(t, 120, 36, m)
	pressDrive(t, a, "j", "j", "j") // orders: its counts are good
	if !strings.Contains(screen(a), "· CloudWatch: connection reset by peer") {
		t.Errorf("the pane does not say what failed:\n%s", screen(a))
	}
	// Polls every 5 s do not retry it; the minute does.
	if h, ages, _ := m.Calls(); h != 2 || ages != 1 {
		t.Fatalf("%d history and %d age calls, want one of each (and orders')", h, ages)
	}
	m.Mu.Lock()
	m.Err = nil
	m.Mu.Unlock()
	clock.T = clock.T.Add(time.Minute)
	cwTick(t, a)
	if s := screen(a); strings.Contains(s, "CloudWatch:") || !strings.Contains(s, "oldest") {
		t.Errorf("a working read did not clear the error:\n%s", s)
	}
}

func TestPeekPausesCloudWatch(t *testing.T) {
	m := &uitest.Metrics{}
	a, _, clock := cwApp(t, 120, 36, m)
	openPeek(t, a, "payments-dlq.fifo")
	h, ages, _ := m.Calls()
	clock.T = clock.T.Add(2 * time.Minute)
	cwTick(t, a)
	cwDrive(t, a, a.refresh())
	if h2, ages2, _ := m.Calls(); h2 != h || ages2 != ages {
		t.Errorf("CloudWatch read under the peek pane: %d→%d histories, %d→%d ages", h, h2, ages, ages2)
	}
}
