package awsclient

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	"github.com/aws/aws-sdk-go-v2/service/sqs/types"

	"github.com/sqscope/sqscope/model"
)

// Send and DeleteMessages through deterministic faults (see the fault
// harness): every message's report must be true of the server's state
// afterwards, and every copy beyond the first must have been reported.

// batchFaults are every fault a batch request can meet.
var batchFaults = []fault{fault500, faultThrottle, faultDropBefore, faultDropAfter, fault500After, fault502After, faultPartial, faultLie}

func TestSendThroughFaultsReportsEveryPossibleDuplicate(t *testing.T) {
	forEachBackend(t, "send-faults", func(t *testing.T, b backend) {
		n := 200
		if b.name == "moto" {
			n = 60 // moto is slow past a few hundred messages
		}
		for _, fifo := range []bool{false, true} {
			name := map[bool]string{false: "standard", true: "fifo"}[fifo]
			t.Run(name, func(t *testing.T) {
				admin := adminClient(serve(t, b.handler))
				qname, attrs := uniquePrefix(t)+"q", map[string]string(nil)
				if fifo {
					qname, attrs = qname+".fifo", map[string]string{"FifoQueue": "true"}
				}
				url := createQueue(t, admin, qname, attrs)
				h := newFaultHarness(b.handler, seededPlan(10, 0.5, map[string][]fault{"SendMessageBatch": batchFaults}))
				h.seed = 10
				msgs := richOutgoing(n, "f")
				for i := range msgs {
					if fifo {
						msgs[i].GroupID, msgs[i].DedupID = "g"+strconv.Itoa(i%4), "d"+strconv.Itoa(i)
					}
				}
				log := &memAudit{}
				rep, err := opsClient(serve(t, h), log).Send(context.Background(), url, msgs)
				if err != nil {
					t.Fatalf("Send: %v", err)
				}
				c := rep.count()
				t.Logf("faults: %d lost answers after the fact, %d lies, %d partial; report: %s",
					h.count(faultDropAfter)+h.count(fault500After)+h.count(fault502After), h.lied(), h.count(faultPartial), c)
				if h.count(faultDropAfter)+h.count(fault500After)+h.count(fault502After)+h.lied() == 0 {
					t.Fatal("no fault could store a copy twice: the test proves nothing")
				}
				copies := copiesOf(t, admin, url, c.sent)
				extra := 0
				for i, r := range rep.Results {
					got := copies[msgs[i].Body]
					extra += max(got-1, 0)
					switch {
					case r.Err == nil && !r.PossibleDuplicate && got != 1:
						t.Errorf("message %d reported sent once, found %d times", i, got)
					case r.Err == nil && got < 1:
						t.Errorf("message %d reported sent, not in the queue", i)
					case r.Err != nil && !r.Unknown && got != 0:
						t.Errorf("message %d reported refused (%v), found %d times", i, r.Err, got)
					case fifo && got > 1:
						t.Errorf("message %d: %d copies in a FIFO queue despite its deduplication id", i, got)
					case fifo && r.PossibleDuplicate:
						t.Errorf("message %d reported possibly duplicated on a FIFO queue", i)
					}
				}
				t.Logf("%d extra copies in the queue, %d messages reported possibly duplicated, %d unknown", extra, c.duplicates, c.unknown)
				if !fifo && extra == 0 {
					t.Error("no copy was stored twice: the faults did not exercise duplicates")
				}
				e := log.only(t, "send")
				if e.Count != c.sent || e.Details["possiblyDuplicated"] != strconv.Itoa(c.duplicates) || e.Details["unknown"] != strconv.Itoa(c.unknown) {
					t.Errorf("audit line %+v does not match the report (%s)", e, c)
				}
			})
		}
	})
}

func TestDeleteThroughFaultsNeverCallsADeletedMessageFailed(t *testing.T) {
	forEachBackend(t, "delete-faults", func(t *testing.T, b backend) {
		n := 200
		if b.name == "moto" {
			n = 60
		}
		ep := serve(t, b.handler)
		admin := adminClient(ep)
		url := createQueue(t, admin, uniquePrefix(t)+"q", nil)
		if _, err := opsClient(ep, nil).Send(context.Background(), url, richOutgoing(n, "d")); err != nil {
			t.Fatal(err)
		}
		held := takeAll(t, admin, url, n)
		if len(held) != n {
			t.Fatalf("received %d of %d", len(held), n)
		}
		h := newFaultHarness(b.handler, seededPlan(11, 0.5, map[string][]fault{"DeleteMessageBatch": batchFaults}))
		h.seed = 11
		log := &memAudit{}
		rep, err := opsClient(serve(t, h), log).DeleteMessages(context.Background(), url, held)
		if err != nil {
			t.Fatalf("DeleteMessages: %v", err)
		}
		t.Logf("report: %d deleted, %d failed, %d unknown; %d lies, %d lost answers after the fact", len(rep.Deleted), len(rep.Failed),
			len(rep.Unknown), h.lied(), h.count(faultDropAfter)+h.count(fault500After)+h.count(fault502After))
		if len(rep.Deleted)+len(rep.Failed)+len(rep.Unknown) != n {
			t.Fatalf("%d messages reported, want %d", len(rep.Deleted)+len(rep.Failed)+len(rep.Unknown), n)
		}
		release(t, admin, url, held)
		left := map[string]bool{}
		for _, m := range takeAll(t, admin, url, n) {
			left[m.ID] = true
		}
		for _, id := range rep.Deleted {
			if left[id] {
				t.Errorf("%s reported deleted, still in the queue", id)
			}
		}
		for id, why := range rep.Failed {
			if !left[id] {
				t.Errorf("%s reported failed (%v), but it is gone", id, why)
			}
		}
		e := log.only(t, "delete")
		if e.Count != len(rep.Deleted) || len(e.Messages) != len(rep.Deleted)+len(rep.Unknown) {
			t.Errorf("audit line: count %d, %d messages kept; want %d and every deleted or maybe deleted one (%d)",
				e.Count, len(e.Messages), len(rep.Deleted), len(rep.Deleted)+len(rep.Unknown))
		}
	})
}

// release makes every message of msgs that is still held visible again;
// a handle of a deleted message is refused, which is fine.
func release(t *testing.T, c *sqs.Client, url string, msgs []model.Message) {
	t.Helper()
	for start := 0; start < len(msgs); start += 10 {
		var entries []types.ChangeMessageVisibilityBatchRequestEntry
		for i, m := range msgs[start:min(start+10, len(msgs))] {
			entries = append(entries, types.ChangeMessageVisibilityBatchRequestEntry{
				Id: aws.String(fmt.Sprint(i)), ReceiptHandle: aws.String(m.ReceiptHandle), VisibilityTimeout: 0})
		}
		if _, err := c.ChangeMessageVisibilityBatch(context.Background(), &sqs.ChangeMessageVisibilityBatchInput{
			QueueUrl: aws.String(url), Entries: entries}); err != nil {
			t.Fatalf("ChangeMessageVisibilityBatch: %v", err)
		}
	}
}

// Every attempt of the first batch is carried out and its answer lost:
// those messages are Unknown (stored, several times), never sent nor
// refused; the next batch goes on.
func TestSendWhoseAnswerNeverComesIsUnknown(t *testing.T) {
	b, _ := localsqsBackend(t)
	admin := adminClient(serve(t, b.handler))
	url := createQueue(t, admin, uniquePrefix(t)+"q", nil)
	h := newFaultHarness(b.handler, onCalls("SendMessageBatch", faultDropAfter, 0, 1, 2, 3, 4))
	log := &memAudit{}
	msgs := richOutgoing(15, "u")
	rep, err := opsClient(serve(t, h), log).Send(context.Background(), url, msgs)
	if err != nil {
		t.Fatalf("Send: %v", err)
	}
	copies := copiesOf(t, admin, url, 5)
	for i, r := range rep.Results {
		switch {
		case i < 10 && (!r.Unknown || r.Err == nil):
			t.Errorf("result %d = %+v, want unknown: every answer was lost", i, r)
		case i < 10 && copies[msgs[i].Body] != 5:
			t.Errorf("message %d: %d copies, want 5 (one per attempt, each carried out)", i, copies[msgs[i].Body])
		case i >= 10 && (r.Err != nil || copies[msgs[i].Body] != 1):
			t.Errorf("result %d = %+v with %d copies, want sent once", i, r, copies[msgs[i].Body])
		}
	}
	if e := log.only(t, "send"); e.Outcome != "partial" || e.Details["unknown"] != "10" || e.Count != 5 {
		t.Errorf("audit line = %+v, want partial: 5 sent, 10 unknown", e)
	}
}

// A delete whose answers are all lost is Unknown, never Failed: it did
// happen. A handle SQS refuses is Failed with SQS's reason, and a message
// without a handle is refused before any request.
func TestDeleteReportsLostAnswersAndRefusedHandles(t *testing.T) {
	b, _ := localsqsBackend(t)
	admin := adminClient(serve(t, b.handler))
	url := createQueue(t, admin, uniquePrefix(t)+"q", nil)
	sendN(t, admin, url, 12)
	held := takeAll(t, admin, url, 12)
	held[10].ReceiptHandle = "not-a-receipt-handle"
	held[11].ReceiptHandle = ""
	h := newFaultHarness(b.handler, onCalls("DeleteMessageBatch", fault502After, 0, 1, 2, 3, 4))
	log := &memAudit{}
	rep, err := opsClient(serve(t, h), log).DeleteMessages(context.Background(), url, held)
	if err != nil {
		t.Fatalf("DeleteMessages: %v", err)
	}
	if len(rep.Unknown) != 10 || len(rep.Deleted) != 0 {
		t.Errorf("report %+v: want the first 10 unknown", rep)
	}
	var ee *EntryError
	if !errors.As(rep.Failed[held[10].ID], &ee) || ee.Code != "ReceiptHandleIsInvalid" {
		t.Errorf("bad handle: %v, want SQS's ReceiptHandleIsInvalid", rep.Failed[held[10].ID])
	}
	if rep.Failed[held[11].ID] != ErrNoReceiptHandle {
		t.Errorf("no handle: %v, want ErrNoReceiptHandle", rep.Failed[held[11].ID])
	}
	if v, hidden := counts(t, admin, url); v+hidden != 2 {
		t.Errorf("queue holds %d messages, want the 2 not deleted", v+hidden)
	}
	e := log.only(t, "delete")
	if e.Outcome != "partial" || len(e.Messages) != 10 || e.Details["unknown"] != "10" {
		t.Errorf("audit line: outcome %s, %d messages kept, details %v; want partial with the 10 that may be gone", e.Outcome, len(e.Messages), e.Details)
	}
}
