package ui

import (
	"fmt"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/sqscope/sqscope/model"
	"github.com/sqscope/sqscope/ui/refresh"
)

// benchQueues is n queues, every tenth a DLQ fed by the nine before it,
// with counts that vary so the depth sort does real work.
func benchQueues(n int) []model.Queue {
	qs := make([]model.Queue, n)
	for i := range qs {
		name := fmt.Sprintf("service-%05d-events", i)
		dlq := ""
		if i%10 != 9 {
			dlq = fmt.Sprintf("service-%05d-events", i-i%10+9)
		}
		qs[i] = testQueue(name, int64(i*7919%100000), int64(i%97), int64(i%13), dlq)
	}
	return qs
}

func benchApp(b *testing.B, n int) *App {
	f := &fakeClient{List: benchQueues(n)}
	a, clock := newTestApp(b, f, Options{})
	a.Update(tea.WindowSizeMsg{Width: 120, Height: 36})
	for range 3 {
		poll(a)
		clock.T = clock.T.Add(a.opts.Refresh)
	}
	return a
}

// Goal: < 2 ms. Only the visible rows are rendered, so this must not grow
// with the number of queues.
func BenchmarkView10k(b *testing.B) {
	a := benchApp(b, 10_000)
	b.ResetTimer()
	for b.Loop() {
		_ = a.View()
	}
}

// Goal: < 5 ms for one keypress's Update and the View that follows.
func BenchmarkKeypress10k(b *testing.B) {
	a := benchApp(b, 10_000)
	keys := []tea.KeyPressMsg{keyMsg("j"), keyMsg("k")}
	b.ResetTimer()
	i := 0
	for b.Loop() {
		a.Update(keys[i%2])
		_ = a.View()
		i++
	}
}

// A filter keystroke re-runs the fuzzy match over every queue, the most
// expensive key; same 5 ms goal.
func BenchmarkFilterKeystroke10k(b *testing.B) {
	a := benchApp(b, 10_000)
	press(a, "/")
	typeText(a, "service-00")
	keys := []tea.KeyPressMsg{keyMsg("9"), keyMsg("backspace")}
	b.ResetTimer()
	i := 0
	for b.Loop() {
		a.Update(keys[i%2])
		_ = a.View()
		i++
	}
}

// A refresh result re-sorts, re-filters and feeds 10,000 series; it runs
// once per poll, not per key, and is shown for scale.
func BenchmarkRefresh10k(b *testing.B) {
	a := benchApp(b, 10_000)
	qs := benchQueues(10_000)
	b.ResetTimer()
	for b.Loop() {
		a.refresh()
		a.Update(refresh.LoadedMsg{Seq: a.poll.Seq(), Full: true, Queues: qs, At: a.com.Now()})
	}
}
