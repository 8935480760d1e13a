package localsqs

import (
	"fmt"
	"testing"
	"time"
)

func fifoSend(h *harness, url, group, body, dedup string) obj {
	h.t.Helper()
	in := obj{"MessageGroupId": group}
	if dedup != "" {
		in["MessageDeduplicationId"] = dedup
	}
	return h.send(url, body, in)
}

func TestFIFOOrderAndGroupBlocking(t *testing.T) {
	h := newHarness(t)
	url := h.createQueue("p.fifo", map[string]string{"FifoQueue": "true", "ContentBasedDeduplication": "true"})
	for i := 1; i <= 3; i++ {
		fifoSend(h, url, "A", fmt.Sprint("a", i), "")
		fifoSend(h, url, "B", fmt.Sprint("b", i), "")
	}
	first := h.receive(url, obj{"MaxNumberOfMessages": 2})
	if bodies(first) != "a1,a2" {
		t.Fatalf("first receive = %s", bodies(first))
	}
	// Group A is blocked while a1/a2 are in flight; only B is offered.
	if got := bodies(h.receive(url, obj{"MaxNumberOfMessages": 10})); got != "b1,b2,b3" {
		t.Fatalf("second receive = %s", got)
	}
	if got := h.receive(url, nil); len(got) != 0 {
		t.Fatalf("blocked groups delivered %s", bodies(got))
	}
	// Deleting a1 alone does not unblock A: a2 is still in flight.
	h.ok("DeleteMessage", obj{"QueueUrl": url, "ReceiptHandle": first[0]["ReceiptHandle"]})
	if got := h.receive(url, nil); len(got) != 0 {
		t.Fatalf("group with in-flight message delivered %s", bodies(got))
	}
	// a2 times out: group A resumes with it, in order.
	h.clock.Advance(30 * time.Second)
	var groupA []obj
	for _, m := range h.receive(url, obj{"MaxNumberOfMessages": 10}) {
		if sysAttr(m, "MessageGroupId") == "A" {
			groupA = append(groupA, m)
		}
	}
	if bodies(groupA) != "a2,a3" {
		t.Fatalf("group A after timeout = %s", bodies(groupA))
	}
	if len(sysAttr(groupA[0], "SequenceNumber")) != 20 {
		t.Fatalf("FIFO attributes: %v", groupA[0]["Attributes"])
	}
}

func TestFIFOSequenceAndDeduplication(t *testing.T) {
	h := newHarness(t)
	url := h.createQueue("d.fifo", map[string]string{"FifoQueue": "true"})
	h.fail("SendMessage", obj{"QueueUrl": url, "MessageBody": "x", "MessageGroupId": "g"}, "InvalidParameterValue")
	h.fail("SendMessage", obj{"QueueUrl": url, "MessageBody": "x", "MessageDeduplicationId": "d"}, "MissingParameter")
	h.fail("SendMessage", obj{"QueueUrl": url, "MessageBody": "x", "MessageGroupId": "g", "MessageDeduplicationId": "d", "DelaySeconds": 5}, "InvalidParameterValue")
	s1 := fifoSend(h, url, "g", "one", "d1")
	s2 := fifoSend(h, url, "g", "two", "d2")
	if !(s1["SequenceNumber"].(string) < s2["SequenceNumber"].(string)) {
		t.Fatalf("sequence numbers not increasing: %v %v", s1["SequenceNumber"], s2["SequenceNumber"])
	}
	dup := fifoSend(h, url, "g", "one-again", "d1")
	if dup["MessageId"] != s1["MessageId"] || dup["SequenceNumber"] != s1["SequenceNumber"] {
		t.Fatalf("duplicate send answered %v, want the original's id", dup)
	}
	if got := h.counts(url); got[0] != "2" {
		t.Fatalf("duplicate stored: %v", got)
	}
	h.clock.Advance(5 * time.Minute)
	fifoSend(h, url, "g", "one-later", "d1")
	if got := h.counts(url); got[0] != "3" {
		t.Fatalf("send after the window was suppressed: %v", got)
	}
}

func TestFIFOContentBasedDeduplication(t *testing.T) {
	h := newHarness(t)
	url := h.createQueue("c.fifo", map[string]string{"FifoQueue": "true", "ContentBasedDeduplication": "true"})
	a := fifoSend(h, url, "g", "same", "")
	b := fifoSend(h, url, "g2", "same", "")
	fifoSend(h, url, "g", "different", "")
	if a["MessageId"] != b["MessageId"] {
		t.Fatal("same body not deduplicated (queue scope)")
	}
	if got := h.counts(url); got[0] != "2" {
		t.Fatalf("counts %v", got)
	}
	m := h.receive(url, nil)[0]
	if sysAttr(m, "MessageDeduplicationId") != "0967115f2813a3541eaef77de9d9d5773f1c0c04314b0bbfe4ff3b3b1c55b5d5" {
		t.Fatalf("dedup id = %s, want SHA-256 of the body", sysAttr(m, "MessageDeduplicationId"))
	}
}

func TestFIFORedriveKeepsGroupOrder(t *testing.T) {
	h := newHarness(t)
	dlq := h.createQueue("p-dlq.fifo", map[string]string{"FifoQueue": "true"})
	src := h.createQueue("p.fifo", map[string]string{"FifoQueue": "true", "VisibilityTimeout": "5",
		"RedrivePolicy": `{"deadLetterTargetArn":"arn:aws:sqs:us-east-1:000000000000:p-dlq.fifo","maxReceiveCount":1}`})
	fifoSend(h, src, "g", "m1", "1")
	fifoSend(h, src, "g", "m2", "2")
	if got := bodies(h.receive(src, obj{"MaxNumberOfMessages": 10})); got != "m1,m2" {
		t.Fatalf("first receive %s", got)
	}
	h.clock.Advance(5 * time.Second)
	if got := h.receive(src, obj{"MaxNumberOfMessages": 10}); len(got) != 0 {
		t.Fatalf("received past maxReceiveCount: %s", bodies(got))
	}
	got := h.receive(dlq, obj{"MaxNumberOfMessages": 10})
	if bodies(got) != "m1,m2" || sysAttr(got[0], "MessageGroupId") != "g" {
		t.Fatalf("DLQ got %s", bodies(got))
	}
}
