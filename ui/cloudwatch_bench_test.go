package ui

import (
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/sqscope/sqscope/ui/internal/uitest"
)

// benchCWApp is benchApp with CloudWatch: the selected queue's history
// over window presses of w (0: 1h, 3: 1d, 1,440 periods) and the ages of
// the rows on screen read.
func benchCWApp(b *testing.B, n, window int) *App {
	f := &fakeClient{List: benchQueues(n)}
	m := &uitest.Metrics{}
	a, clock := newTestApp(b, f, Options{Metrics: m})
	a.queues.SetCloudWatch(queuesCloudWatch(m))
	a.Update(tea.WindowSizeMsg{Width: 120, Height: 36})
	for range 3 {
		cwDrive(b, a, a.refresh())
		clock.T = clock.T.Add(a.opts.Refresh)
	}
	for range window {
		pressDrive(b, a, "w")
	}
	if h, _, _ := m.Calls(); h != window+1 {
		b.Fatalf("%d histories read, want %d", h, window+1)
	}
	return a
}

// Goal: the View10k goal, < 2 ms: the lines are drawn on change, so the
// frame only joins them.
func BenchmarkView10kHistory(b *testing.B) {
	for _, c := range []struct {
		name   string
		window int
	}{{"1h", 0}, {"1d", 3}} {
		b.Run(c.name, func(b *testing.B) {
			a := benchCWApp(b, 10_000, c.window)
			b.ResetTimer()
			for b.Loop() {
				_ = a.View()
			}
		})
	}
}

// Goal: the Keypress10k goal, < 5 ms: a key that moves the selection
// draws the new queue's lines (a 1,440-period window here) in Update.
func BenchmarkKeypress10kHistory(b *testing.B) {
	a := benchCWApp(b, 10_000, 3)
	keys := []tea.KeyPressMsg{keyMsg("j"), keyMsg("k")}
	b.ResetTimer()
	i := 0
	for b.Loop() {
		a.Update(keys[i%2])
		_ = a.View()
		i++
	}
}

// BenchmarkCloudWatchMinute2000 counts what an idle minute asks of
// CloudWatch at 2,000 queues (120×36, the fake clock polling every 3 s and
// the minute timer firing once): "by name" reads the rows on screen and
// the selected queue's history; "by age" adds every queue's age each
// five minutes (averaged here over ten minutes). One minute per
// iteration:
//
//	go test ./ui -run '^$' -bench CloudWatchMinute2000 -benchtime=10x
//
// Metrics: GetMetricData-queries/min (what CloudWatch bills, the ages
// batched 500 to a call by the client) and USD/day at $0.01 per 1,000.
func BenchmarkCloudWatchMinute2000(b *testing.B) {
	for _, mode := range []struct {
		name string
		keys []string
	}{{"by_name", nil}, {"by_age", []string{"s", "s"}}} {
		b.Run(mode.name, func(b *testing.B) {
			f := &fakeClient{List: benchQueues(2000)}
			m := &uitest.Metrics{}
			a, clock := newTestApp(b, f, Options{Refresh: 3 * time.Second, Metrics: m})
			a.queues.SetCloudWatch(queuesCloudWatch(m))
			a.Update(tea.WindowSizeMsg{Width: 120, Height: 36})
			cwDrive(b, a, a.refresh())
			pressDrive(b, a, mode.keys...)
			_, _, before := m.Calls()
			minutes := 0
			for b.Loop() {
				for range time.Minute / (3 * time.Second) {
					clock.T = clock.T.Add(3 * time.Second)
					_, cmd := a.Update(tickMsg{})
					cwDrive(b, a, cmd)
				}
				cwTick(b, a)
				minutes++
			}
			_, _, after := m.Calls()
			per := float64(after-before) / float64(minutes)
			b.ReportMetric(per, "queries/min")
			b.ReportMetric(per*60*24*0.01/1000, "USD/day")
		})
	}
}
