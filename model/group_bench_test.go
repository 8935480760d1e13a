package model

import (
	"fmt"
	"testing"
)

// BenchmarkGroupFields is a DLQ breakdown of a full peek: a few hundred
// JSON envelopes of a dozen top-level keys each.
func BenchmarkGroupFields(b *testing.B) {
	msgs := make([]Message, 300)
	for i := range msgs {
		body := fmt.Sprintf(`{"id":"%d","error":"E%d","kind":"k%d","amount":%d,"nested":{"a":[1,2,3]},`+
			`"k1":"v","k2":"v","k3":"v","k4":"v","k5":"v","k6":"v","k7":%d}`, i, i%4, i%7, i, i%3)
		msgs[i] = gmsg(body, map[string]string{"error_type": fmt.Sprint("T", i%5)}, "")
	}
	b.ReportAllocs()
	for b.Loop() {
		GroupFields(msgs)
	}
}
