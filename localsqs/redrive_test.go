package localsqs

import (
	"testing"
	"time"
)

func TestRedriveMovesAfterMaxReceiveCount(t *testing.T) {
	h := newHarness(t)
	dlq := h.createQueue("orders-dlq", nil)
	dlqARN := h.attrs(dlq)["QueueArn"].(string)
	src := h.createQueue("orders", map[string]string{
		"VisibilityTimeout": "10",
		"RedrivePolicy":     `{"deadLetterTargetArn":"` + dlqARN + `","maxReceiveCount":"2"}`,
	})
	if rp := h.attrs(src)["RedrivePolicy"]; rp != `{"deadLetterTargetArn":"`+dlqARN+`","maxReceiveCount":2}` {
		t.Fatalf("RedrivePolicy = %v", rp)
	}
	sent := h.send(src, "order-1", obj{"MessageAttributes": obj{"kind": obj{"DataType": "String", "StringValue": "x"}}})
	sentAt := epochMillis(h.clock.Now())
	for i := 1; i <= 2; i++ {
		if got := h.receive(src, nil); len(got) != 1 {
			t.Fatalf("receive %d got %d messages", i, len(got))
		}
		h.clock.Advance(10 * time.Second)
	}
	// The third receive finds the message at maxReceiveCount: it moves.
	if got := h.receive(src, nil); len(got) != 0 {
		t.Fatalf("message received a third time: %v", got)
	}
	if got := h.counts(src); got != [3]string{"0", "0", "0"} {
		t.Fatalf("source counts %v", got)
	}
	msgs := h.receive(dlq, nil)
	if len(msgs) != 1 {
		t.Fatalf("DLQ holds %d messages", len(msgs))
	}
	m := msgs[0]
	if m["Body"] != "order-1" || m["MessageId"] != sent["MessageId"] ||
		m["MD5OfMessageAttributes"] != sent["MD5OfMessageAttributes"] ||
		sysAttr(m, "SentTimestamp") != sentAt ||
		sysAttr(m, "DeadLetterQueueSourceArn") != "arn:aws:sqs:us-east-1:000000000000:orders" {
		t.Fatalf("dead-lettered message: %v", m)
	}
	sources := h.ok("ListDeadLetterSourceQueues", obj{"QueueUrl": dlq})["queueUrls"].([]any)
	if len(sources) != 1 || sources[0] != src {
		t.Fatalf("sources = %v", sources)
	}
}

func TestRedrivePolicyValidation(t *testing.T) {
	h := newHarness(t)
	h.createQueue("dlq", nil)
	h.createQueue("f.fifo", map[string]string{"FifoQueue": "true"})
	src := h.createQueue("src", nil)
	for _, rp := range []string{
		`not json`,
		`{"maxReceiveCount":3}`,
		`{"deadLetterTargetArn":"arn:aws:sqs:us-east-1:000000000000:dlq","maxReceiveCount":0}`,
		`{"deadLetterTargetArn":"arn:aws:sqs:us-east-1:000000000000:missing","maxReceiveCount":3}`,
		`{"deadLetterTargetArn":"arn:aws:sqs:us-east-1:000000000000:f.fifo","maxReceiveCount":3}`,
		`{"deadLetterTargetArn":"arn:aws:sqs:us-east-1:000000000000:src","maxReceiveCount":3}`,
	} {
		h.fail("SetQueueAttributes", obj{"QueueUrl": src, "Attributes": obj{"RedrivePolicy": rp}}, "InvalidParameterValue")
	}
	dlq := h.createQueue("strict-dlq", map[string]string{"RedriveAllowPolicy": `{"redrivePermission":"denyAll"}`})
	h.fail("SetQueueAttributes", obj{"QueueUrl": src, "Attributes": obj{"RedrivePolicy": `{"deadLetterTargetArn":"` + h.attrs(dlq)["QueueArn"].(string) + `","maxReceiveCount":3}`}}, "InvalidParameterValue")
	h.ok("SetQueueAttributes", obj{"QueueUrl": src, "Attributes": obj{"RedrivePolicy": `{"deadLetterTargetArn":"arn:aws:sqs:us-east-1:000000000000:dlq","maxReceiveCount":3}`}})
	h.ok("SetQueueAttributes", obj{"QueueUrl": src, "Attributes": obj{"RedrivePolicy": ""}})
	if _, ok := h.attrs(src)["RedrivePolicy"]; ok {
		t.Fatal("RedrivePolicy not removed")
	}
}

func TestRedriveCycleDoesNotDeadlock(t *testing.T) {
	h := newHarness(t)
	a := h.createQueue("a", map[string]string{"VisibilityTimeout": "1"})
	b := h.createQueue("b", map[string]string{"VisibilityTimeout": "1",
		"RedrivePolicy": `{"deadLetterTargetArn":"arn:aws:sqs:us-east-1:000000000000:a","maxReceiveCount":1}`})
	h.ok("SetQueueAttributes", obj{"QueueUrl": a, "Attributes": obj{
		"RedrivePolicy": `{"deadLetterTargetArn":"arn:aws:sqs:us-east-1:000000000000:b","maxReceiveCount":1}`}})
	h.send(a, "ping", nil)
	for i := 0; i < 6; i++ {
		for _, u := range []string{a, b} {
			h.receive(u, nil)
		}
		h.clock.Advance(time.Second)
	}
	ca, cb := h.counts(a), h.counts(b)
	if total := ca[0] + ca[1] + cb[0] + cb[1]; total != "0100" && total != "1000" && total != "0010" && total != "0001" {
		t.Fatalf("message lost or duplicated: a=%v b=%v", ca, cb)
	}
}

// A source whose DLQ was deleted keeps delivering its messages: there is
// nowhere to move them, and taking them out only to put them back made
// them unreceivable and turned a long poll into a busy loop.
func TestRedriveWithDeletedDLQDeliversMessages(t *testing.T) {
	h := newHarness(t)
	dlq := h.createQueue("gone-dlq", nil)
	src := h.createQueue("src", redriveTo("gone-dlq", 1))
	h.send(src, "m", nil)
	if got := h.receive(src, nil); len(got) != 1 {
		t.Fatalf("first receive got %d messages", len(got))
	}
	h.ok("DeleteQueue", obj{"QueueUrl": dlq})
	h.clock.Advance(time.Second)
	got := h.receive(src, obj{"WaitTimeSeconds": 1})
	if bodies(got) != "m" || sysAttr(got[0], "ApproximateReceiveCount") != "2" {
		t.Fatalf("receive after the DLQ was deleted: %v", got)
	}
}
