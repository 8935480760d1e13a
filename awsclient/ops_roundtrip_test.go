package awsclient

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"testing"

	"github.com/sqscope/sqscope/audit"
	"github.com/sqscope/sqscope/model"
)

// The round trip: export 100 messages with attributes, delete
// them (audited), read the audit log back and send it: the queue holds
// the same bodies and attributes again.
func TestDeletedMessagesGoBackFromTheAuditLog(t *testing.T) {
	forEachBackend(t, "roundtrip", func(t *testing.T, b backend) {
		ep := serve(t, b.handler)
		admin := adminClient(ep)
		url := createQueue(t, admin, uniquePrefix(t)+"q", nil)
		path := filepath.Join(t.TempDir(), "audit.jsonl")
		log, err := audit.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = log.Close() })
		c := opsClient(ep, log)
		orig := richOutgoing(100, "rt")
		orig[7].Body = "not JSON at all,\ttabbed, \U0001F600"
		if first, err := c.Send(context.Background(), url, orig); err != nil || first.count().sent != 100 {
			t.Fatalf("first send: %s, %v", first.count(), err)
		}
		held := takeAll(t, admin, url, 100)
		if len(held) != 100 {
			t.Fatalf("received %d of 100", len(held))
		}
		var export bytes.Buffer
		recs := make([]model.Record, len(held))
		for i, m := range held {
			recs[i] = model.RecordOf(m, url)
		}
		if err := model.WriteRecords(&export, recs); err != nil {
			t.Fatal(err)
		}
		rep, err := c.DeleteMessages(context.Background(), url, held)
		if err != nil || len(rep.Deleted) != 100 {
			t.Fatalf("DeleteMessages: %d deleted, %v", len(rep.Deleted), err)
		}
		if v, hidden := counts(t, admin, url); v+hidden != 0 {
			t.Fatalf("%d messages left after deleting all", v+hidden)
		}

		// The whole log: the first send's line stands for nothing, the
		// delete's for the messages it kept.
		f, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		back, _, bad, err := audit.ReadRecords(f)
		if err != nil || len(bad) > 0 || len(back) != 100 {
			t.Fatalf("reading the audit log back: %d records, bad %v, %v", len(back), bad, err)
		}
		exported, _, _, _ := audit.ReadRecords(&export)
		if !reflect.DeepEqual(byID(back), byID(exported)) {
			t.Error("the audit line's records differ from the export's")
		}
		out := make([]model.Outgoing, len(back))
		for i, r := range back {
			out[i] = r.Outgoing()
		}
		sent, err := c.Send(context.Background(), url, out)
		if err != nil || sent.count().sent != 100 {
			t.Fatalf("sending the audit log back: %s, %v", sent.count(), err)
		}
		again := takeAll(t, admin, url, 100)
		want := map[string]model.Outgoing{}
		for _, o := range orig {
			want[o.Body] = o
		}
		if len(again) != 100 {
			t.Errorf("queue holds %d messages after the round trip, want 100", len(again))
		}
		for _, m := range again {
			w, ok := want[m.Body]
			if !ok || !attrsEqual(m.Attributes, w.Attributes) {
				t.Errorf("after the round trip %q %+v, want it as sent first %+v", m.Body, m.Attributes, w.Attributes)
			}
			delete(want, m.Body)
		}
	})
}

func byID(recs []model.Record) []model.Record {
	out := append([]model.Record(nil), recs...)
	sort.Slice(out, func(i, j int) bool { return out[i].MessageID < out[j].MessageID })
	return out
}

// The same on a FIFO queue, sent back at once: inside SQS's 5-minute
// deduplication window of the first sends, which must not swallow the
// copies, and each group in its order.
func TestDeletedFIFOMessagesGoBackInOrder(t *testing.T) {
	forEachBackend(t, "roundtrip-fifo", func(t *testing.T, b backend) {
		ep := serve(t, b.handler)
		admin := adminClient(ep)
		url := createQueue(t, admin, uniquePrefix(t)+"q.fifo", map[string]string{"FifoQueue": "true"})
		log := &memAudit{}
		c := opsClient(ep, log)
		orig := richOutgoing(30, "fifo")
		for i := range orig {
			orig[i].GroupID, orig[i].DedupID = fmt.Sprint("g", i%3), fmt.Sprint("d", i)
		}
		if first, err := c.Send(context.Background(), url, orig); err != nil || first.count().sent != 30 {
			t.Fatalf("first send: %s, %v", first.count(), err)
		}
		// A FIFO queue hands out a group's next messages only once those
		// in flight are gone: delete what each receive brings, as a peek
		// of a FIFO queue would.
		for empty := 0; empty < 3; {
			held := takeAll(t, admin, url, 10)
			if len(held) == 0 {
				empty++
				continue
			}
			if rep, err := c.DeleteMessages(context.Background(), url, held); err != nil || len(rep.Deleted) != len(held) {
				t.Fatalf("DeleteMessages: %+v, %v", rep, err)
			}
		}
		var back []model.Record
		for _, e := range log.all() {
			back = append(back, e.Messages...)
		}
		if len(back) != 30 {
			t.Fatalf("the audit log kept %d deleted messages, want 30", len(back))
		}
		out := make([]model.Outgoing, len(back))
		for i, r := range back {
			out[i] = r.Outgoing()
		}
		if sent, err := c.Send(context.Background(), url, out); err != nil || sent.count().sent != 30 {
			t.Fatalf("sending back: %s, %v", sent.count(), err)
		}
		order := map[string][]string{}
		for empty := 0; empty < 3; {
			got := takeAll(t, admin, url, 10)
			if len(got) == 0 {
				empty++
				continue
			}
			for _, m := range got {
				order[m.GroupID] = append(order[m.GroupID], m.Body)
			}
			if _, err := c.DeleteMessages(context.Background(), url, got); err != nil {
				t.Fatal(err)
			}
		}
		for g := range 3 {
			var want []string
			for i := g; i < 30; i += 3 {
				want = append(want, orig[i].Body)
			}
			if got := order[fmt.Sprint("g", g)]; fmt.Sprint(got) != fmt.Sprint(want) {
				t.Errorf("group g%d came back as %d messages %v, want %v", g, len(got), got, want)
			}
		}
	})
}
