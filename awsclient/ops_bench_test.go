package awsclient

import (
	"context"
	"fmt"
	"testing"

	"github.com/sqscope/sqscope/localsqs"
)

// BenchmarkSendAndDelete sends 1,000 messages with four attributes each
// to localsqs in-process and deletes them again (audited in memory): the
// cost of a send from file and of a large delete, and their requests.
// The receive in between, which the UI's peek does, is not timed.
func BenchmarkSendAndDelete(b *testing.B) {
	srv := localsqs.New(localsqs.Options{})
	b.Cleanup(srv.Close)
	h := newFaultHarness(srv, nil)
	ep := serve(b, h)
	admin := adminClient(ep)
	c := opsClient(ep, &memAudit{})
	msgs := richOutgoing(1000, "bench")
	for i := 0; b.Loop(); i++ {
		b.StopTimer()
		url := createQueue(b, admin, fmt.Sprintf("bench-%d", i), nil)
		b.StartTimer()
		rep, err := c.Send(context.Background(), url, msgs)
		if err != nil || rep.count().sent != 1000 {
			b.Fatalf("Send: %s, %v", rep.count(), err)
		}
		b.StopTimer()
		held := takeAll(b, admin, url, 1000)
		b.StartTimer()
		del, err := c.DeleteMessages(context.Background(), url, held)
		if err != nil || len(del.Deleted) != 1000 {
			b.Fatalf("DeleteMessages: %d, %v", len(del.Deleted), err)
		}
	}
	b.ReportMetric(float64(h.calls("SendMessageBatch"))/float64(b.N), "sends/op")
	b.ReportMetric(float64(h.calls("DeleteMessageBatch"))/float64(b.N), "deletes/op")
}
