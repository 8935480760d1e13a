package peek

import (
	"fmt"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/sqscope/sqscope/model"
	"github.com/sqscope/sqscope/ui/internal/uitest"
)

// benchPane is the pane at 120×33 (a 120×36 terminal's body) open on the
// hostile corpus, the 1 MiB single-line body selected and the body
// focused.
func benchPane(b *testing.B) *Pane {
	msgs := uitest.HostileMessages(b)
	p, f := newPane(b, 120, 33)
	f.Messages[queue("orders-dlq").URL] = msgs
	open(b, p, "orders-dlq")
	press(p, "g")
	for range msgs {
		if m, _ := p.Current(); len(m.Body) > 1<<19 {
			break
		}
		press(p, "j")
	}
	if m, _ := p.Current(); len(m.Body) < 1<<19 {
		b.Fatal("the 1 MiB body is not in the corpus")
	}
	press(p, "tab")
	return p
}

// Goal: < 16 ms (one frame at 60 Hz). The body is wrapped once when the
// message is selected; a frame renders only the rows on screen.
func BenchmarkFrame1MiB(b *testing.B) {
	p := benchPane(b)
	p.body.off = p.body.total() / 2
	b.ResetTimer()
	for b.Loop() {
		_ = p.View()
	}
}

// Scrolling the 1 MiB body by a page: one keypress and its frame.
func BenchmarkScroll1MiB(b *testing.B) {
	p := benchPane(b)
	p.body.off = p.body.total() / 2
	keys := []tea.KeyPressMsg{uitest.Key("pgdown"), uitest.Key("pgup")}
	b.ResetTimer()
	i := 0
	for b.Loop() {
		p.Update(keys[i%2])
		_ = p.View()
		i++
	}
}

// Selecting the 1 MiB message: sanitizing and wrapping it once. This is
// per selection, not per frame.
func BenchmarkSelect1MiB(b *testing.B) {
	p := benchPane(b)
	m, _ := p.Current()
	b.ResetTimer()
	for b.Loop() {
		p.body.SetMessage(model.Message{}, false, p.Queue())
		p.body.SetMessage(m, true, p.Queue())
	}
}

// One keystroke of the filter over 10,000 peeked 1 KiB messages: every
// id, body and attribute is searched again. Goal: < 16 ms.
func BenchmarkFilterKeystroke10k(b *testing.B) {
	msgs := make([]model.Message, 10000)
	for i := range msgs {
		msgs[i] = model.Message{ID: fmt.Sprintf("msg-%05d", i),
			Body:   fmt.Sprintf(`{"order_id":"ORD-%05d","error_type":"E%d","pad":"%0950d"}`, i, i%7, 0),
			System: map[string]string{"SenderId": "AIDAEXAMPLE", "SentTimestamp": "1795747327123"}}
	}
	p, _ := newPane(b, 120, 33)
	p.reset(model.Queue{Name: "bench"})
	p.addPage(msgs, len(msgs), 0, 0, p.c.Now(), false)
	p.input.SetValue("ord-0999")
	b.ResetTimer()
	for b.Loop() {
		p.refilter()
	}
}
