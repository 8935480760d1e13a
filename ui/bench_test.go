package ui

import (
	"fmt"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/sqscope/sqscope/model"
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
	f := &fakeClient{queues: benchQueues(n)}
	a, clock := newTestApp(b, f, Options{})
	a.Update(tea.WindowSizeMsg{Width: 120, Height: 36})
	for range 3 {
		poll(a)
		clock.t = clock.t.Add(a.opts.Refresh)
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
		a.Update(queuesLoadedMsg{seq: a.rf.seq, queues: qs, at: a.now()})
	}
}

// peekBenchApp is an App at 120×36 with the peek pane open on the hostile
// corpus, the 1 MiB single-line body selected and the body focused.
func peekBenchApp(b *testing.B) *App {
	msgs := hostileMessages(b)
	a, f := peekApp(b, 120, 36)
	f.messages[testQueue("orders-dlq", 0, 0, 0, "").URL] = msgs
	openPeek(b, a, "orders-dlq")
	press(a, "g")
	for range msgs {
		if m, _ := a.peek.Current(); len(m.Body) > 1<<19 {
			break
		}
		press(a, "j")
	}
	if m, _ := a.peek.Current(); len(m.Body) < 1<<19 {
		b.Fatal("the 1 MiB body is not in the corpus")
	}
	press(a, "tab")
	return a
}

// Goal: < 16 ms (one frame at 60 Hz). The body is wrapped once when the
// message is selected; a frame renders only the rows on screen.
func BenchmarkPeekFrame1MiB(b *testing.B) {
	a := peekBenchApp(b)
	a.peek.body.off = a.peek.body.total() / 2
	b.ResetTimer()
	for b.Loop() {
		_ = a.View()
	}
}

// Scrolling the 1 MiB body by a page: one keypress and its frame.
func BenchmarkPeekScroll1MiB(b *testing.B) {
	a := peekBenchApp(b)
	a.peek.body.off = a.peek.body.total() / 2
	keys := []tea.KeyPressMsg{keyMsg("pgdown"), keyMsg("pgup")}
	b.ResetTimer()
	i := 0
	for b.Loop() {
		a.Update(keys[i%2])
		_ = a.View()
		i++
	}
}

// Selecting the 1 MiB message: sanitizing and wrapping it once. This is
// per selection, not per frame.
func BenchmarkPeekSelect1MiB(b *testing.B) {
	a := peekBenchApp(b)
	m, _ := a.peek.Current()
	b.ResetTimer()
	for b.Loop() {
		a.peek.body.SetMessage(model.Message{}, false, a.peek.q)
		a.peek.body.SetMessage(m, true, a.peek.q)
	}
}

// One keystroke of the peek filter over 10,000 peeked 1 KiB messages: every
// id, body and attribute is searched again. Goal: < 16 ms.
func BenchmarkPeekFilterKeystroke10k(b *testing.B) {
	msgs := make([]model.Message, 10000)
	for i := range msgs {
		msgs[i] = model.Message{ID: fmt.Sprintf("msg-%05d", i),
			Body:   fmt.Sprintf(`{"order_id":"ORD-%05d","error_type":"E%d","pad":"%0950d"}`, i, i%7, 0),
			System: map[string]string{"SenderId": "AIDAEXAMPLE", "SentTimestamp": "1795747327123"}}
	}
	a := benchApp(b, 10)
	a.peek.Reset(model.Queue{Name: "bench"})
	a.peek.AddPage(msgs, len(msgs), 0, 0, a.now(), false)
	a.peek.input.insert("ord-0999")
	b.ResetTimer()
	for b.Loop() {
		a.peek.refilter()
	}
}
