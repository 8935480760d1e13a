package awsclient

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/sqscope/sqscope/model"
)

func TestSendArrivesWithItsAttributes(t *testing.T) {
	forEachBackend(t, "send", func(t *testing.T, b backend) {
		ep := serve(t, b.handler)
		admin := adminClient(ep)
		url := createQueue(t, admin, uniquePrefix(t)+"q", nil)
		log := &memAudit{}
		msgs := richOutgoing(25, "send") // three batches
		rep, err := opsClient(ep, log).Send(context.Background(), url, msgs)
		if err != nil {
			t.Fatalf("Send: %v", err)
		}
		if len(rep.Results) != len(msgs) {
			t.Fatalf("%d results for %d messages", len(rep.Results), len(msgs))
		}
		idOf := map[string]int{} // SQS message id → input index
		for i, r := range rep.Results {
			if r.Err != nil || r.MessageID == "" || r.Unknown || r.PossibleDuplicate {
				t.Fatalf("result %d = %+v, want sent once", i, r)
			}
			idOf[r.MessageID] = i
		}
		got := takeAll(t, admin, url, len(msgs))
		if len(got) != len(msgs) {
			t.Fatalf("queue holds %d messages, want %d", len(got), len(msgs))
		}
		for _, m := range got {
			i, ok := idOf[m.ID]
			if !ok {
				t.Fatalf("message %s in the queue is no result's", m.ID)
			}
			// Results are in input order: result i is message i.
			if m.Body != msgs[i].Body || !attrsEqual(m.Attributes, msgs[i].Attributes) {
				t.Errorf("message %d arrived as %q %+v, want %q %+v", i, m.Body, m.Attributes, msgs[i].Body, msgs[i].Attributes)
			}
		}
		e := log.only(t, "send")
		if e.Queue != url || e.Count != 25 || len(e.MessageIDs) != 25 || e.Outcome != "ok" || e.Region != "us-east-1" || e.Endpoint != ep {
			t.Errorf("audit line = %+v", e)
		}
	})
}

func TestSendFIFOKeepsGroupDedupAndDelay(t *testing.T) {
	forEachBackend(t, "send-fifo", func(t *testing.T, b backend) {
		ep := serve(t, b.handler)
		admin := adminClient(ep)
		p := uniquePrefix(t)
		fifo := createQueue(t, admin, p+"q.fifo", map[string]string{"FifoQueue": "true"})
		c := opsClient(ep, nil)
		rep, err := c.Send(context.Background(), fifo, []model.Outgoing{
			{Body: "a", GroupID: "g1", DedupID: "d1"},
			{Body: "b", GroupID: "g2", DedupID: "d2"},
			{Body: "a again", GroupID: "g1", DedupID: "d1"}, // same dedup id: dropped by SQS, reported sent
		})
		if err != nil {
			t.Fatalf("Send: %v", err)
		}
		for i, r := range rep.Results {
			if r.Err != nil {
				t.Fatalf("result %d: %v", i, r.Err)
			}
		}
		got := takeAll(t, admin, fifo, 3)
		byBody := map[string]model.Message{}
		for _, m := range got {
			byBody[m.Body] = m
		}
		if len(got) != 2 || byBody["a"].GroupID != "g1" || byBody["a"].DedupID != "d1" || byBody["b"].GroupID != "g2" {
			t.Errorf("FIFO queue holds %+v, want a (g1, d1) and b (g2) only", got)
		}

		std := createQueue(t, admin, p+"std", nil)
		if _, err := c.Send(context.Background(), std, []model.Outgoing{{Body: "later", DelaySeconds: 600}, {Body: "now"}}); err != nil {
			t.Fatalf("Send: %v", err)
		}
		out := queueAttrs(t, admin, std, "ApproximateNumberOfMessagesDelayed", "ApproximateNumberOfMessages")
		if out["ApproximateNumberOfMessagesDelayed"] != "1" || out["ApproximateNumberOfMessages"] != "1" {
			t.Errorf("after a delayed and a plain send: %v, want 1 delayed and 1 visible", out)
		}
	})
}

// refuseBodies answers SendMessageBatch as SQS does for entries it
// refuses (HTTP 200, the entry in Failed as the sender's fault), for
// every entry whose body contains "REFUSE"; the rest reach the backend.
func refuseBodies(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		if !strings.HasSuffix(r.Header.Get("X-Amz-Target"), ".SendMessageBatch") {
			r.Body = io.NopCloser(strings.NewReader(string(body)))
			next.ServeHTTP(w, r)
			return
		}
		kept, refused := dropEntries(body, func(b string) bool { return strings.Contains(b, "REFUSE") })
		rec := httptest.NewRecorder()
		if kept == nil {
			rec.Header().Set("Content-Type", "application/x-amz-json-1.0")
			rec.WriteHeader(http.StatusOK)
			_, _ = rec.WriteString(`{"Successful":[]}`)
		} else {
			r2 := r.Clone(r.Context())
			r2.Body, r2.ContentLength = io.NopCloser(strings.NewReader(string(kept))), int64(len(kept))
			next.ServeHTTP(rec, r2)
		}
		copyResponse(w, addFailed(rec, refused, true, "InvalidMessageContents"))
	})
}

func TestSendReportsAPartialBatchFailurePerEntry(t *testing.T) {
	forEachBackend(t, "send-partial", func(t *testing.T, b backend) {
		ep := serve(t, refuseBodies(b.handler))
		admin := adminClient(ep)
		url := createQueue(t, admin, uniquePrefix(t)+"q", nil)
		msgs := richOutgoing(14, "p")
		refused := map[int]bool{3: true, 10: true, 13: true}
		for i := range refused {
			msgs[i].Body += " REFUSE"
		}
		log := &memAudit{}
		rep, err := opsClient(ep, log).Send(context.Background(), url, msgs)
		if err != nil {
			t.Fatalf("Send: %v", err)
		}
		for i, r := range rep.Results {
			var ee *EntryError
			switch {
			case refused[i] && (!errors.As(r.Err, &ee) || ee.Code != "InvalidMessageContents" || r.Unknown):
				t.Errorf("result %d = %+v, want refused with SQS's code, not unknown", i, r)
			case !refused[i] && (r.Err != nil || r.MessageID == ""):
				t.Errorf("result %d = %+v, want sent", i, r)
			}
		}
		got := copiesOf(t, admin, url, 11)
		for i, m := range msgs {
			if want := map[bool]int{true: 0, false: 1}[refused[i]]; got[m.Body] != want {
				t.Errorf("message %d: %d copies in the queue, want %d", i, got[m.Body], want)
			}
		}
		e := log.only(t, "send")
		if e.Outcome != "partial" || e.Count != 11 || e.Details["failed"] != "3" || !strings.Contains(e.Error, "InvalidMessageContents") {
			t.Errorf("audit line = %+v, want partial, 11 sent, 3 failed with SQS's code", e)
		}
	})
}

// A message SQS would refuse (U+0000 in its body, a Number attribute that
// is no number) is refused before the request, alone, with the reason.
func TestSendRefusesAnInvalidMessageAlone(t *testing.T) {
	forEachBackend(t, "send-invalid", func(t *testing.T, b backend) {
		ep := serve(t, b.handler)
		admin := adminClient(ep)
		url := createQueue(t, admin, uniquePrefix(t)+"q", nil)
		log := &memAudit{}
		rep, err := opsClient(ep, log).Send(context.Background(), url, []model.Outgoing{{Body: "ok 1"}, {Body: "bad \u0000"}, {Body: "ok 2"},
			{Body: "bad number", Attributes: map[string]model.MessageAttribute{"n": {DataType: "Number", StringValue: "twelve"}}}})
		if err != nil {
			t.Fatalf("Send: %v", err)
		}
		var invalid *InvalidMessageError
		for i, r := range rep.Results {
			if bad := i%2 == 1; bad != errors.As(r.Err, &invalid) || r.Unknown {
				t.Errorf("result %d = %+v, want the odd ones refused as invalid", i, r)
			}
		}
		if got := copiesOf(t, admin, url, 2); got["ok 1"] != 1 || got["ok 2"] != 1 || total(got) != 2 {
			t.Errorf("queue holds %v", got)
		}
		if e := log.only(t, "send"); e.Outcome != "partial" || e.Details["failed"] != "2" {
			t.Errorf("audit line %+v", e)
		}
	})
}

// A batch over 1 MiB is split; a message over 1 MiB alone fails alone.
func TestSendSplitsBatchesByPayload(t *testing.T) {
	b, _ := localsqsBackend(t)
	ep := serve(t, b.handler)
	admin := adminClient(ep)
	url := createQueue(t, admin, uniquePrefix(t)+"q", nil)
	big := strings.Repeat("x", 400<<10)
	msgs := []model.Outgoing{{Body: big + "1"}, {Body: big + "2"}, {Body: big + "3"}, {Body: strings.Repeat("y", 1<<20+1)}, {Body: "small"}}
	if got := fmt.Sprint(sendBatches(msgs, []int{0, 1, 2, 3, 4})); got != "[[0 1] [2] [3] [4]]" {
		t.Errorf("batches = %v, want [[0 1] [2] [3] [4]]: 2 × 400 KiB fit in 1 MiB, 3 do not, and one over 1 MiB goes alone", got)
	}
	rep, err := opsClient(ep, nil).Send(context.Background(), url, msgs)
	if err != nil {
		t.Fatalf("Send: %v", err)
	}
	for i, r := range rep.Results {
		if (i == 3) != (r.Err != nil) {
			t.Errorf("result %d = %+v; want only the 1 MiB + 1 message refused", i, r)
		}
	}
	if got := copiesOf(t, admin, url, 4); total(got) != 4 || got["small"] != 1 {
		t.Errorf("queue holds %d messages, want the 4 that fit", total(got))
	}
}

// On a FIFO queue a message that cannot be sent holds back the later
// messages of its group (never overtaken), not the other groups.
func TestSendFIFOKeepsAGroupInOrderWhenOneFails(t *testing.T) {
	b, _ := localsqsBackend(t)
	ep := serve(t, b.handler)
	admin := adminClient(ep)
	url := createQueue(t, admin, uniquePrefix(t)+"q.fifo", map[string]string{"FifoQueue": "true"})
	msgs := []model.Outgoing{
		{Body: "g1 first", GroupID: "g1", DedupID: "1"},
		{Body: "g1 bad \u0000", GroupID: "g1", DedupID: "2"},
		{Body: "g2 first", GroupID: "g2", DedupID: "3"},
		{Body: "g1 third", GroupID: "g1", DedupID: "4"},
	}
	for i := 0; i < 12; i++ { // a later batch too
		msgs = append(msgs, model.Outgoing{Body: fmt.Sprintf("more %d", i), GroupID: []string{"g1", "g2"}[i%2], DedupID: fmt.Sprint("m", i)})
	}
	rep, err := opsClient(ep, nil).Send(context.Background(), url, msgs)
	if err != nil {
		t.Fatalf("Send: %v", err)
	}
	var notTried *NotTriedError
	for i, r := range rep.Results {
		g1Later := msgs[i].GroupID == "g1" && i > 1
		switch {
		case i == 1 && r.Err == nil:
			t.Errorf("the invalid message was sent")
		case g1Later && !errors.As(r.Err, &notTried):
			t.Errorf("result %d (%s) = %+v, want held back behind the failed one", i, msgs[i].Body, r)
		case i != 1 && !g1Later && r.Err != nil:
			t.Errorf("result %d (%s) = %v, want sent", i, msgs[i].Body, r.Err)
		}
	}
	if got := copiesOf(t, admin, url, 8); total(got) != 8 || got["g1 first"] != 1 || got["g1 third"] != 0 {
		t.Errorf("queue holds %v, want g1's first and g2's seven", got)
	}
}
