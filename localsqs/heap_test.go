package localsqs

import (
	"testing"
	"time"
)

// The deque is popped from the front for as long as a queue lives, so it
// must keep FIFO order across prefix reclaims and not grow without bound.
func TestDequeOrderAndReclaim(t *testing.T) {
	var d deque
	msgs := make([]*message, 10_000)
	for i := range msgs {
		msgs[i] = &message{id: string(rune('a' + i%26))}
	}
	next, maxBuf := 0, 0
	for i, m := range msgs {
		d.push(m)
		if i%3 != 0 { // pop two of every three pushes: the deque drifts forward
			e, ok := d.popFront()
			if !ok || e.m != msgs[next] {
				t.Fatalf("pop %d returned the wrong message", next)
			}
			next++
		}
		maxBuf = max(maxBuf, len(d.buf))
	}
	for e, ok := d.popFront(); ok; e, ok = d.popFront() {
		if e.m != msgs[next] {
			t.Fatalf("pop %d returned the wrong message", next)
		}
		next++
	}
	if next != len(msgs) {
		t.Fatalf("popped %d of %d", next, len(msgs))
	}
	// 3,334 live at most; without reclaiming the buffer would reach 10,000.
	if maxBuf >= len(msgs) {
		t.Fatalf("deque buffer grew to %d: consumed prefix never reclaimed", maxBuf)
	}
}

func TestTimerHeapRemoveAndReorder(t *testing.T) {
	h := newTimerHeap()
	base := time.Unix(0, 0)
	ms := make([]*message, 5)
	for i := range ms {
		ms[i] = &message{timerIdx: -1, expiryIdx: -1, visibleAt: base.Add(time.Duration(5-i) * time.Second)}
		h.set(ms[i])
	}
	h.remove(ms[4])        // the earliest
	ms[0].visibleAt = base // the latest becomes the earliest
	h.set(ms[0])
	want := []*message{ms[0], ms[3], ms[2], ms[1]}
	for i, w := range want {
		if got := h.pop(); got != w {
			t.Fatalf("pop %d: wrong message", i)
		}
	}
	if h.peek() != nil || ms[4].timerIdx != -1 {
		t.Fatal("heap not empty or removed message still indexed")
	}
}
