package sanitize

import (
	"strings"
	"testing"
)

func hostileBody(b *testing.B, name string) string {
	for _, h := range loadHostile(b) {
		if h.name == name {
			return h.data
		}
	}
	b.Fatalf("%s not in the hostile corpus", name)
	return ""
}

// typicalJSON is a ~1 KiB order event, the common SQS body.
var typicalJSON = `{"event":"order.failed","order_id":"ORD-20261127-000123","customer":{"id":"C-88231","name":"Zoë Müller","email":"zoe@example.com"},"items":[` +
	strings.Repeat(`{"sku":"SKU-1234","qty":2,"price":12.5,"note":"gift wrap, café"},`, 11) +
	`{"sku":"SKU-9","qty":1,"price":3}],"error":"payment declined\tcode=51","retries":3}`

// BenchmarkWindow1MiB is one frame of the peek pane scrolled to the middle of
// the 1 MiB single-line body: the index is built once, outside the loop.
func BenchmarkWindow1MiB(b *testing.B) {
	w := Wrap(hostileBody(b, "one-mib-single-line"), 118)
	mid := w.Len() / 2
	b.ResetTimer()
	for b.Loop() {
		if len(w.Rows(mid, 34)) != 34 {
			b.Fatal("short window")
		}
	}
}

// BenchmarkWrap1MiB indexes the 1 MiB body, done once per body and width.
func BenchmarkWrap1MiB(b *testing.B) {
	s := hostileBody(b, "one-mib-single-line")
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		Wrap(s, 118)
	}
}

// BenchmarkCut1MiB is a list row for the 1 MiB body.
func BenchmarkCut1MiB(b *testing.B) {
	s := hostileBody(b, "one-mib-single-line")
	for b.Loop() {
		Cut(s, 60)
	}
}

func BenchmarkText1KiBJSON(b *testing.B) {
	b.SetBytes(int64(len(typicalJSON)))
	for b.Loop() {
		Text(typicalJSON)
	}
}

func BenchmarkLine1KiBJSON(b *testing.B) {
	b.SetBytes(int64(len(typicalJSON)))
	for b.Loop() {
		Line(typicalJSON)
	}
}

func BenchmarkPrettyJSON1KiB(b *testing.B) {
	b.SetBytes(int64(len(typicalJSON)))
	for b.Loop() {
		PrettyJSON(typicalJSON)
	}
}
