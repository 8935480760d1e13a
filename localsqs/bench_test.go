package localsqs

import (
	"fmt"
	"testing"
)

// BenchmarkReceiveAtDepth shows that a receive does not scan the queue:
// ns/op at depth 100,000 should be close to depth 10. Each op receives one
// message and deletes it, then sends one so the depth stays put.
func BenchmarkReceiveAtDepth(b *testing.B) {
	for _, fifo := range []bool{false, true} {
		for _, depth := range []int{10, 100_000} {
			name := fmt.Sprintf("standard/depth=%d", depth)
			if fifo {
				name = fmt.Sprintf("fifo/depth=%d", depth)
			}
			b.Run(name, func(b *testing.B) { benchReceive(b, fifo, depth) })
		}
	}
}

func benchReceive(b *testing.B, fifo bool, depth int) {
	s := New(Options{})
	defer s.Close()
	h := &harness{t: b, s: s}
	name, attrs, extra := "bench", map[string]string(nil), obj(nil)
	if fifo {
		name, attrs = "bench.fifo", map[string]string{"FifoQueue": "true", "ContentBasedDeduplication": "true"}
	}
	url := h.createQueue(name, attrs)
	n := 0
	send := func() {
		n++
		if fifo {
			extra = obj{"MessageGroupId": fmt.Sprint("g", n%100)}
		}
		h.send(url, fmt.Sprint("message body ", n), extra)
	}
	for i := 0; i < depth; i++ {
		send()
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		msgs := h.receive(url, nil)
		if len(msgs) != 1 {
			b.Fatalf("received %d", len(msgs))
		}
		h.ok("DeleteMessage", obj{"QueueUrl": url, "ReceiptHandle": msgs[0]["ReceiptHandle"]})
		send()
	}
}
