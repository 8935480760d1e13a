package localsqs

import (
	"strings"
	"testing"
	"time"
)

func TestVisibilityTimeoutAndReceiveCount(t *testing.T) {
	h := newHarness(t)
	url := h.createQueue("q", map[string]string{"VisibilityTimeout": "10"})
	sent := h.send(url, "hello", nil)
	first := h.receive(url, nil)
	if len(first) != 1 || first[0]["MessageId"] != sent["MessageId"] {
		t.Fatalf("first receive: %v", first)
	}
	if sysAttr(first[0], "ApproximateReceiveCount") != "1" {
		t.Fatalf("receive count %q", sysAttr(first[0], "ApproximateReceiveCount"))
	}
	if got := h.counts(url); got != [3]string{"0", "1", "0"} {
		t.Fatalf("counts while in flight = %v", got)
	}
	if again := h.receive(url, nil); len(again) != 0 {
		t.Fatalf("in-flight message received again: %v", again)
	}
	h.clock.Advance(10 * time.Second)
	second := h.receive(url, nil)
	if len(second) != 1 || sysAttr(second[0], "ApproximateReceiveCount") != "2" {
		t.Fatalf("after timeout: %v", second)
	}
	if second[0]["ReceiptHandle"] == first[0]["ReceiptHandle"] {
		t.Fatal("receipt handle reused across receives")
	}
	if sysAttr(second[0], "ApproximateFirstReceiveTimestamp") != sysAttr(first[0], "ApproximateFirstReceiveTimestamp") {
		t.Fatal("first-receive timestamp changed")
	}
	if sysAttr(second[0], "SentTimestamp") != epochMillis(h.clock.Now().Add(-10*time.Second)) {
		t.Fatalf("SentTimestamp = %s", sysAttr(second[0], "SentTimestamp"))
	}
	// A stale handle cannot change visibility; the current one can.
	h.fail("ChangeMessageVisibility", obj{"QueueUrl": url, "ReceiptHandle": first[0]["ReceiptHandle"], "VisibilityTimeout": 0}, "InvalidParameterValue")
	h.ok("ChangeMessageVisibility", obj{"QueueUrl": url, "ReceiptHandle": second[0]["ReceiptHandle"], "VisibilityTimeout": 0})
	if got := h.counts(url); got != [3]string{"1", "0", "0"} {
		t.Fatalf("after reset: %v", got)
	}
	h.fail("ChangeMessageVisibility", obj{"QueueUrl": url, "ReceiptHandle": second[0]["ReceiptHandle"], "VisibilityTimeout": 5}, "MessageNotInflight")
	h.fail("DeleteMessage", obj{"QueueUrl": url, "ReceiptHandle": "garbage"}, "ReceiptHandleIsInvalid")
	// Deleting with an older handle is accepted (SQS documents it may be).
	h.ok("DeleteMessage", obj{"QueueUrl": url, "ReceiptHandle": first[0]["ReceiptHandle"]})
	if got := h.counts(url); got != [3]string{"0", "0", "0"} {
		t.Fatalf("after delete: %v", got)
	}
	h.ok("DeleteMessage", obj{"QueueUrl": url, "ReceiptHandle": first[0]["ReceiptHandle"]})
}

func TestReceiveVisibilityOverrideAndExtend(t *testing.T) {
	h := newHarness(t)
	url := h.createQueue("q", nil)
	h.send(url, "a", nil)
	m := h.receive(url, obj{"VisibilityTimeout": 5})
	h.ok("ChangeMessageVisibility", obj{"QueueUrl": url, "ReceiptHandle": m[0]["ReceiptHandle"], "VisibilityTimeout": 60})
	h.clock.Advance(30 * time.Second)
	if got := h.receive(url, nil); len(got) != 0 {
		t.Fatal("extended message became visible early")
	}
	h.clock.Advance(31 * time.Second)
	if got := h.receive(url, obj{"VisibilityTimeout": 0}); len(got) != 1 {
		t.Fatal("message not visible after extension ended")
	}
	// VisibilityTimeout 0 on receive leaves the message visible.
	if got := h.counts(url); got[0] != "1" {
		t.Fatalf("after receive with timeout 0: %v", got)
	}
}

// Extending visibility does not reset SQS's 12-hour cap, which counts
// from the receive.
func TestVisibilityCappedAt12HoursFromReceive(t *testing.T) {
	h := newHarness(t)
	url := h.createQueue("q", nil)
	h.send(url, "a", nil)
	handle := h.receive(url, obj{"VisibilityTimeout": 43200})[0]["ReceiptHandle"]
	h.clock.Advance(time.Hour)
	h.fail("ChangeMessageVisibility", obj{"QueueUrl": url, "ReceiptHandle": handle, "VisibilityTimeout": 43200}, "InvalidParameterValue")
	h.ok("ChangeMessageVisibility", obj{"QueueUrl": url, "ReceiptHandle": handle, "VisibilityTimeout": 39600})
	h.clock.Advance(11*time.Hour - time.Second)
	if got := h.receive(url, nil); len(got) != 0 {
		t.Fatal("message visible before its extended timeout ended")
	}
	h.clock.Advance(time.Second)
	if got := h.receive(url, nil); len(got) != 1 {
		t.Fatal("message not visible 12 hours after its receive")
	}
}

func TestDelays(t *testing.T) {
	h := newHarness(t)
	url := h.createQueue("q", map[string]string{"DelaySeconds": "20"})
	h.send(url, "queue-delay", nil)
	h.send(url, "msg-delay", obj{"DelaySeconds": 5})
	h.send(url, "no-delay", obj{"DelaySeconds": 0})
	if got := h.counts(url); got != [3]string{"1", "0", "2"} {
		t.Fatalf("counts = %v", got)
	}
	if got := bodies(h.receive(url, obj{"MaxNumberOfMessages": 10})); got != "no-delay" {
		t.Fatalf("t=0 received %q", got)
	}
	h.clock.Advance(5 * time.Second)
	if got := bodies(h.receive(url, obj{"MaxNumberOfMessages": 10})); got != "msg-delay" {
		t.Fatalf("t=5 received %q", got)
	}
	h.clock.Advance(15 * time.Second)
	if got := bodies(h.receive(url, obj{"MaxNumberOfMessages": 10})); got != "queue-delay" {
		t.Fatalf("t=20 received %q", got)
	}
	h.fail("SendMessage", obj{"QueueUrl": url, "MessageBody": "x", "DelaySeconds": 901}, "InvalidParameterValue")
}

func TestRetentionExpiry(t *testing.T) {
	h := newHarness(t)
	url := h.createQueue("q", map[string]string{"MessageRetentionPeriod": "60"})
	h.send(url, "old", nil)
	h.clock.Advance(30 * time.Second)
	h.send(url, "new", nil)
	h.receive(url, obj{"VisibilityTimeout": 1000, "MaxNumberOfMessages": 1}) // in-flight messages expire too
	h.clock.Advance(30 * time.Second)
	if got := h.counts(url); got[0]+got[1] != "01" && got[0]+got[1] != "10" {
		t.Fatalf("after first expiry: %v", got)
	}
	h.clock.Advance(30 * time.Second)
	if got := h.counts(url); got != [3]string{"0", "0", "0"} {
		t.Fatalf("after both expired: %v", got)
	}
}

func TestPurge(t *testing.T) {
	h := newHarness(t)
	url := h.createQueue("q", nil)
	for i := 0; i < 5; i++ {
		h.send(url, "m", nil)
	}
	h.receive(url, nil)
	h.ok("PurgeQueue", obj{"QueueUrl": url})
	if got := h.counts(url); got != [3]string{"0", "0", "0"} {
		t.Fatalf("after purge: %v", got)
	}
	h.fail("PurgeQueue", obj{"QueueUrl": url}, "PurgeQueueInProgress")
	h.clock.Advance(60 * time.Second)
	h.ok("PurgeQueue", obj{"QueueUrl": url})
}

func TestSendValidation(t *testing.T) {
	h := newHarness(t)
	url := h.createQueue("q", map[string]string{"MaximumMessageSize": "1024"})
	attrs := func(n int) obj {
		a := obj{}
		for i := 0; i < n; i++ {
			a[string(rune('a'+i))] = obj{"DataType": "String", "StringValue": "v"}
		}
		return a
	}
	tests := []struct {
		name  string
		in    obj
		shape string
	}{
		{"control char", obj{"MessageBody": "a\u0001b"}, "InvalidMessageContents"},
		{"too long", obj{"MessageBody": strings.Repeat("x", 1025)}, "InvalidParameterValue"},
		{"attrs count toward size", obj{"MessageBody": strings.Repeat("x", 1020), "MessageAttributes": attrs(1)}, "InvalidParameterValue"},
		{"11 attributes", obj{"MessageBody": "x", "MessageAttributes": attrs(11)}, "InvalidParameterValue"},
		{"reserved attr name", obj{"MessageBody": "x", "MessageAttributes": obj{"AWS.x": obj{"DataType": "String", "StringValue": "v"}}}, "InvalidParameterValue"},
		{"bad number", obj{"MessageBody": "x", "MessageAttributes": obj{"n": obj{"DataType": "Number", "StringValue": "abc"}}}, "InvalidParameterValue"},
		{"NaN is no number", obj{"MessageBody": "x", "MessageAttributes": obj{"n": obj{"DataType": "Number", "StringValue": "NaN"}}}, "InvalidParameterValue"},
		{"bad type", obj{"MessageBody": "x", "MessageAttributes": obj{"n": obj{"DataType": "Float", "StringValue": "1"}}}, "InvalidParameterValue"},
		{"empty body", obj{"MessageBody": ""}, "InvalidParameterValue"},
		{"no body", obj{}, "MissingParameter"},
		{"dedup id on standard", obj{"MessageBody": "x", "MessageDeduplicationId": "d"}, "InvalidParameterValue"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.in["QueueUrl"] = url
			h.fail("SendMessage", tt.in, tt.shape)
		})
	}
	h.send(url, "tab\tnewline\n emoji 🎉 \uE000", obj{"MessageAttributes": attrs(10)})
}

func TestMessageAttributeSelection(t *testing.T) {
	h := newHarness(t)
	url := h.createQueue("q", nil)
	sent := h.send(url, "x", obj{"MessageAttributes": obj{
		"order.id":   obj{"DataType": "String", "StringValue": "1"},
		"order.kind": obj{"DataType": "String", "StringValue": "k"},
		"trace":      obj{"DataType": "Binary", "BinaryValue": "AAE="},
	}})
	tests := []struct {
		names []string
		want  int
	}{
		{[]string{"All"}, 3}, {[]string{".*"}, 3}, {[]string{"order.*"}, 2}, {[]string{"trace"}, 1}, {nil, 0}, {[]string{"nope"}, 0},
	}
	for _, tt := range tests {
		m := h.receive(url, obj{"MessageAttributeNames": tt.names, "VisibilityTimeout": 0})[0]
		got, _ := m["MessageAttributes"].(obj)
		if len(got) != tt.want {
			t.Errorf("%v: %d attributes, want %d", tt.names, len(got), tt.want)
		}
		md5, _ := m["MD5OfMessageAttributes"].(string)
		if tt.want == 3 && md5 != sent["MD5OfMessageAttributes"] {
			t.Errorf("%v: MD5 %s differs from send's %s", tt.names, md5, sent["MD5OfMessageAttributes"])
		}
		if tt.want == 0 && md5 != "" {
			t.Errorf("%v: MD5 present without attributes", tt.names)
		}
	}
}

func TestBatches(t *testing.T) {
	h := newHarness(t)
	url := h.createQueue("q", nil)
	entry := func(id, body string) obj { return obj{"Id": id, "MessageBody": body} }
	out := h.ok("SendMessageBatch", obj{"QueueUrl": url, "Entries": []obj{entry("a", "1"), entry("b", "\u0000"), entry("c", "3")}})
	if len(out["Successful"].([]any)) != 2 || len(out["Failed"].([]any)) != 1 {
		t.Fatalf("partial batch: %v", out)
	}
	if f := out["Failed"].([]any)[0].(obj); f["Id"] != "b" || f["Code"] != "InvalidMessageContents" || f["SenderFault"] != true {
		t.Fatalf("failed entry: %v", f)
	}
	h.fail("SendMessageBatch", obj{"QueueUrl": url, "Entries": []obj{}}, "EmptyBatchRequest")
	h.fail("SendMessageBatch", obj{"QueueUrl": url, "Entries": []obj{entry("a", "1"), entry("a", "2")}}, "BatchEntryIdsNotDistinct")
	h.fail("SendMessageBatch", obj{"QueueUrl": url, "Entries": []obj{entry("a b", "1")}}, "InvalidBatchEntryId")
	many := []obj{}
	for i := 0; i < 11; i++ {
		many = append(many, entry(strings.Repeat("x", i+1), "1"))
	}
	h.fail("SendMessageBatch", obj{"QueueUrl": url, "Entries": many}, "TooManyEntriesInBatchRequest")
	big := strings.Repeat("x", 600_000)
	h.fail("SendMessageBatch", obj{"QueueUrl": url, "Entries": []obj{entry("a", big), entry("b", big)}}, "BatchRequestTooLong")

	msgs := h.receive(url, obj{"MaxNumberOfMessages": 10})
	if len(msgs) != 2 {
		t.Fatalf("received %d", len(msgs))
	}
	cv := h.ok("ChangeMessageVisibilityBatch", obj{"QueueUrl": url, "Entries": []obj{
		{"Id": "1", "ReceiptHandle": msgs[0]["ReceiptHandle"], "VisibilityTimeout": 0},
		{"Id": "2", "ReceiptHandle": "bogus", "VisibilityTimeout": 0},
	}})
	if len(cv["Successful"].([]any)) != 1 || cv["Failed"].([]any)[0].(obj)["Code"] != "ReceiptHandleIsInvalid" {
		t.Fatalf("change visibility batch: %v", cv)
	}
	del := h.ok("DeleteMessageBatch", obj{"QueueUrl": url, "Entries": []obj{
		{"Id": "1", "ReceiptHandle": msgs[0]["ReceiptHandle"]}, {"Id": "2", "ReceiptHandle": msgs[1]["ReceiptHandle"]},
	}})
	if len(del["Successful"].([]any)) != 2 {
		t.Fatalf("delete batch: %v", del)
	}
	if got := h.counts(url); got != [3]string{"0", "0", "0"} {
		t.Fatalf("after batch delete: %v", got)
	}
}
