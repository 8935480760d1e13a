package demo

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"maps"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/sqscope/sqscope/localsqs"
)

// recorder sits in front of a server and keeps every message the scenario
// sends, so the test can compare it with what comes back out.
type recorder struct {
	next http.Handler
	t    *testing.T
	mu   sync.Mutex
	sent map[string][]sendEntry // queue name -> entries
}

func (rec *recorder) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if ct := r.Header.Get("Content-Type"); ct != "application/x-amz-json-1.0" {
		rec.t.Errorf("Content-Type %q", ct)
	}
	target := r.Header.Get("X-Amz-Target")
	if !strings.HasPrefix(target, "AmazonSQS.") {
		rec.t.Errorf("X-Amz-Target %q", target)
	}
	body, _ := io.ReadAll(r.Body)
	r.Body = io.NopCloser(bytes.NewReader(body))
	if target == "AmazonSQS.SendMessageBatch" {
		var in struct {
			QueueUrl string
			Entries  []sendEntry
		}
		if err := json.Unmarshal(body, &in); err != nil {
			rec.t.Errorf("SendMessageBatch request %.100q: %v", body, err)
		}
		name := in.QueueUrl[strings.LastIndex(in.QueueUrl, "/")+1:]
		rec.mu.Lock()
		rec.sent[name] = append(rec.sent[name], in.Entries...)
		rec.mu.Unlock()
	}
	rec.next.ServeHTTP(w, r)
}

// canon renders a message as comparable text: body plus attributes.
func canon(body string, attrs map[string]attrValue) string {
	var b strings.Builder
	b.WriteString(body)
	for _, k := range slices.Sorted(maps.Keys(attrs)) {
		a, _ := json.Marshal(attrs[k])
		b.WriteString("\x00" + k + "=" + string(a))
	}
	return b.String()
}

// Every failed order must reach orders-dlq byte for byte, attributes
// included: the hostile bodies are the point of the scenario.
func TestSeedMessagesSurviveTheRoundTrip(t *testing.T) {
	srv := localsqs.New(localsqs.Options{})
	t.Cleanup(srv.Close)
	rec := &recorder{next: srv, t: t, sent: map[string][]sendEntry{}}
	if err := Seed(context.Background(), rec, Options{Seed: 5}); err != nil {
		t.Fatal(err)
	}
	b := backend{client: handlerClient(srv)}

	var sent, got []string
	for _, e := range rec.sent["orders"] {
		sent = append(sent, canon(e.Body, e.Attributes))
	}
	for _, q := range []string{"orders-dlq", "orders"} {
		for _, m := range b.drain(t, q) {
			got = append(got, canon(m.Body, m.MessageAttributes))
			if q == "orders-dlq" && m.MessageAttributes["error_type"].StringValue == "" {
				t.Errorf("dead-lettered order without error_type: %.80q", m.Body)
			}
		}
	}
	slices.Sort(sent)
	slices.Sort(got)
	if len(sent) != failedOrdersPlain+13+pendingOrders {
		t.Fatalf("sent %d orders", len(sent))
	}
	if !slices.Equal(sent, got) {
		for i := range min(len(sent), len(got)) {
			if sent[i] != got[i] {
				t.Fatalf("first difference:\nsent %.200q\ngot  %.200q", sent[i], got[i])
			}
		}
		t.Fatalf("sent %d messages, got %d back", len(sent), len(got))
	}
}
