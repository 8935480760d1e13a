package localsqs

import (
	"container/heap"
	"time"
)

// msgHeap is an intrusive min-heap of messages ordered by a time key. Each
// message records its own position (via slot), so removing a deleted
// message is O(log n) and the heap never holds stale entries.
type msgHeap struct {
	items []*message
	key   func(*message) time.Time
	slot  func(*message) *int
}

func newTimerHeap() *msgHeap {
	return &msgHeap{
		key:  func(m *message) time.Time { return m.visibleAt },
		slot: func(m *message) *int { return &m.timerIdx },
	}
}

func newExpiryHeap() *msgHeap {
	return &msgHeap{
		key:  func(m *message) time.Time { return m.retainFrom },
		slot: func(m *message) *int { return &m.expiryIdx },
	}
}

func (h *msgHeap) Len() int           { return len(h.items) }
func (h *msgHeap) Less(i, j int) bool { return h.key(h.items[i]).Before(h.key(h.items[j])) }
func (h *msgHeap) Swap(i, j int) {
	h.items[i], h.items[j] = h.items[j], h.items[i]
	*h.slot(h.items[i]) = i
	*h.slot(h.items[j]) = j
}

func (h *msgHeap) Push(x any) {
	m := x.(*message)
	*h.slot(m) = len(h.items)
	h.items = append(h.items, m)
}

func (h *msgHeap) Pop() any {
	n := len(h.items) - 1
	m := h.items[n]
	h.items[n] = nil
	h.items = h.items[:n]
	*h.slot(m) = -1
	return m
}

// set inserts m or, when already present, moves it to its new key.
func (h *msgHeap) set(m *message) {
	if i := *h.slot(m); i >= 0 {
		heap.Fix(h, i)
		return
	}
	heap.Push(h, m)
}

func (h *msgHeap) remove(m *message) {
	if i := *h.slot(m); i >= 0 {
		heap.Remove(h, i)
	}
}

func (h *msgHeap) peek() *message {
	if len(h.items) == 0 {
		return nil
	}
	return h.items[0]
}

func (h *msgHeap) pop() *message { return heap.Pop(h).(*message) }

func (h *msgHeap) clear() {
	for _, m := range h.items {
		*h.slot(m) = -1
	}
	h.items = nil
}

// deque is a FIFO of messages with O(1) push and pop; entries carry the
// message's gen at push time so entries made stale by a later state change
// are skipped on pop (lazy deletion).
type deque struct {
	buf  []dqEntry
	head int
}

type dqEntry struct {
	m   *message
	gen uint64
}

func (d *deque) len() int { return len(d.buf) - d.head }

func (d *deque) push(m *message) { d.buf = append(d.buf, dqEntry{m, m.gen}) }

func (d *deque) popFront() (dqEntry, bool) {
	if d.head == len(d.buf) {
		return dqEntry{}, false
	}
	e := d.buf[d.head]
	d.buf[d.head] = dqEntry{}
	d.buf, d.head = reclaimPrefix(d.buf, d.head+1, 1024)
	return e, true
}

// compact drops stale entries; callers run it when the deque has grown far
// beyond the live count so lazily deleted entries cannot pile up.
func (d *deque) compact(live func(dqEntry) bool) {
	out := d.buf[:0]
	for _, e := range d.buf[d.head:] {
		if live(e) {
			out = append(out, e)
		}
	}
	clear(d.buf[len(out):])
	d.buf = out
	d.head = 0
}

func (d *deque) clear() { d.buf, d.head = nil, 0 }

// reclaimPrefix drops the consumed prefix s[:head] of a slice used as a
// queue once it is over half the slice and past minHead, so queues that
// are popped from the front for hours do not keep growing; below minHead
// the copy is not worth it. It returns the new slice and head.
func reclaimPrefix[T any](s []T, head, minHead int) ([]T, int) {
	if head <= minHead || head*2 <= len(s) {
		return s, head
	}
	n := copy(s, s[head:])
	clear(s[n:])
	return s[:n], 0
}
