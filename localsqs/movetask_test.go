package localsqs

import (
	"fmt"
	"testing"
	"time"
)

const arnPrefix = "arn:aws:sqs:us-east-1:000000000000:"

func redriveTo(dlq string, max int) map[string]string {
	return map[string]string{"VisibilityTimeout": "1",
		"RedrivePolicy": fmt.Sprintf(`{"deadLetterTargetArn":"%s%s","maxReceiveCount":%d}`, arnPrefix, dlq, max)}
}

// failInto sends n messages to src and receives each once past
// maxReceiveCount 1, so they land in src's DLQ.
func failInto(h *harness, src string, n int) {
	h.t.Helper()
	for i := 0; i < n; i++ {
		h.send(src, fmt.Sprintf("%s-%d", src[len(src)-1:], i), obj{"MessageAttributes": obj{"n": obj{"DataType": "Number", "StringValue": fmt.Sprint(i)}}})
	}
	for len(h.receive(src, obj{"MaxNumberOfMessages": 10})) > 0 {
	}
	h.clock.Advance(time.Second)
	h.receive(src, obj{"MaxNumberOfMessages": 10}) // triggers the moves
	if got := h.counts(src); got != [3]string{"0", "0", "0"} {
		h.t.Fatalf("source %s not drained: %v", src, got)
	}
}

// latestTask polls until the newest task on source is no longer running.
func waitTask(h *harness, source string) obj {
	h.t.Helper()
	for start := time.Now(); time.Since(start) < 30*time.Second; time.Sleep(5 * time.Millisecond) {
		res := h.ok("ListMessageMoveTasks", obj{"SourceArn": arnPrefix + source})["Results"].([]any)
		if len(res) > 0 && res[0].(obj)["Status"] != taskRunning && res[0].(obj)["Status"] != taskCancelling {
			return res[0].(obj)
		}
	}
	h.t.Fatal("move task did not finish (hang guard, not a timing goal)")
	return nil
}

func TestMoveTaskReturnsMessagesToTheirOwnSources(t *testing.T) {
	h := newHarness(t)
	dlq := h.createQueue("shared-dlq", nil)
	a := h.createQueue("src-a", redriveTo("shared-dlq", 1))
	b := h.createQueue("src-b", redriveTo("shared-dlq", 1))
	failInto(h, a, 23)
	failInto(h, b, 7)
	if got := h.counts(dlq); got[0] != "30" {
		t.Fatalf("DLQ counts %v", got)
	}
	h.ok("StartMessageMoveTask", obj{"SourceArn": arnPrefix + "shared-dlq"})
	task := waitTask(h, "shared-dlq")
	if task["Status"] != taskCompleted || task["ApproximateNumberOfMessagesMoved"] != 30.0 ||
		task["ApproximateNumberOfMessagesToMove"] != 30.0 || task["TaskHandle"] != nil {
		t.Fatalf("task = %v", task)
	}
	if got := h.counts(dlq); got != [3]string{"0", "0", "0"} {
		t.Fatalf("DLQ after move %v", got)
	}
	for url, want := range map[string]int{a: 23, b: 7} {
		n := 0
		for {
			msgs := h.receive(url, obj{"MaxNumberOfMessages": 10, "VisibilityTimeout": 100})
			if len(msgs) == 0 {
				break
			}
			for _, m := range msgs {
				n++
				if m["Body"].(string)[0] != url[len(url)-1] || m["MessageAttributes"] == nil ||
					sysAttr(m, "ApproximateReceiveCount") != "1" || sysAttr(m, "DeadLetterQueueSourceArn") != "" {
					t.Fatalf("moved message %v", m)
				}
			}
		}
		if n != want {
			t.Fatalf("%s got %d messages back, want %d", url, n, want)
		}
	}
}

func TestMoveTaskRules(t *testing.T) {
	h := newHarness(t)
	h.createQueue("dlq", nil)
	src := h.createQueue("src", redriveTo("dlq", 1))
	h.createQueue("plain", nil)
	dest := h.createQueue("dest", nil)
	h.fail("StartMessageMoveTask", obj{"SourceArn": arnPrefix + "plain"}, "InvalidParameterValue")
	h.fail("StartMessageMoveTask", obj{"SourceArn": arnPrefix + "missing"}, "ResourceNotFoundException")
	h.fail("StartMessageMoveTask", obj{"SourceArn": arnPrefix + "dlq", "MaxNumberOfMessagesPerSecond": 501}, "InvalidParameterValue")
	h.fail("StartMessageMoveTask", obj{"SourceArn": arnPrefix + "dlq", "DestinationArn": arnPrefix + "missing"}, "ResourceNotFoundException")
	h.fail("StartMessageMoveTask", obj{"SourceArn": arnPrefix + "dlq", "DestinationArn": arnPrefix + "dlq"}, "InvalidParameterValue")
	failInto(h, src, 20)

	// One message per second: slow enough to be running while we look.
	started := h.ok("StartMessageMoveTask", obj{"SourceArn": arnPrefix + "dlq", "DestinationArn": arnPrefix + "dest", "MaxNumberOfMessagesPerSecond": 1})
	h.fail("StartMessageMoveTask", obj{"SourceArn": arnPrefix + "dlq"}, "UnsupportedOperation")
	running := h.ok("ListMessageMoveTasks", obj{"SourceArn": arnPrefix + "dlq", "MaxResults": 10})["Results"].([]any)[0].(obj)
	if running["TaskHandle"] != started["TaskHandle"] || running["MaxNumberOfMessagesPerSecond"] != 1.0 {
		t.Fatalf("running task = %v", running)
	}
	h.ok("CancelMessageMoveTask", obj{"TaskHandle": started["TaskHandle"]})
	task := waitTask(h, "dlq")
	if task["Status"] != taskCancelled {
		t.Fatalf("task after cancel = %v", task)
	}
	h.fail("CancelMessageMoveTask", obj{"TaskHandle": started["TaskHandle"]}, "UnsupportedOperation")
	moved := int(task["ApproximateNumberOfMessagesMoved"].(float64))
	d, left := h.counts(dest), h.counts(arnQueueURL(h, "dlq"))
	if d[0] != fmt.Sprint(moved) || left[0] != fmt.Sprint(20-moved) {
		t.Fatalf("moved %d: dest %v, dlq %v", moved, d, left)
	}
	// A new task may start now; the list shows the newest first.
	h.ok("StartMessageMoveTask", obj{"SourceArn": arnPrefix + "dlq", "DestinationArn": arnPrefix + "dest"})
	if task := waitTask(h, "dlq"); task["Status"] != taskCompleted {
		t.Fatalf("second task = %v", task)
	}
	if all := h.ok("ListMessageMoveTasks", obj{"SourceArn": arnPrefix + "dlq", "MaxResults": 10})["Results"].([]any); len(all) != 2 {
		t.Fatalf("listed %d tasks", len(all))
	}
	if got := h.counts(dest); got[0] != "20" {
		t.Fatalf("dest holds %v", got)
	}
}

func arnQueueURL(h *harness, name string) string {
	return h.ok("GetQueueUrl", obj{"QueueName": name})["QueueUrl"].(string)
}

func TestMoveTaskFailsWithoutLosingMessages(t *testing.T) {
	h := newHarness(t)
	dlq := h.createQueue("dlq", nil)
	a := h.createQueue("src-a", redriveTo("dlq", 1))
	h.createQueue("src-b", redriveTo("dlq", 1)) // keeps dlq a DLQ after src-a goes
	failInto(h, a, 5)
	h.ok("DeleteQueue", obj{"QueueUrl": a})
	h.ok("StartMessageMoveTask", obj{"SourceArn": arnPrefix + "dlq"})
	task := waitTask(h, "dlq")
	if task["Status"] != taskFailed || task["FailureReason"] == nil || task["ApproximateNumberOfMessagesMoved"] != 0.0 {
		t.Fatalf("task = %v", task)
	}
	if got := h.counts(dlq); got[0] != "5" {
		t.Fatalf("DLQ after failed move: %v", got)
	}
}

func TestMoveTaskFIFOToFIFOKeepsGroupsAndOrder(t *testing.T) {
	h := newHarness(t)
	h.createQueue("dlq.fifo", map[string]string{"FifoQueue": "true"})
	attrs := redriveTo("dlq.fifo", 1)
	attrs["FifoQueue"] = "true"
	src := h.createQueue("src.fifo", attrs)
	for i := 0; i < 4; i++ {
		fifoSend(h, src, "g", fmt.Sprint("m", i), fmt.Sprint("d", i))
	}
	h.receive(src, obj{"MaxNumberOfMessages": 10})
	h.clock.Advance(time.Second)
	h.receive(src, obj{"MaxNumberOfMessages": 10})
	h.ok("StartMessageMoveTask", obj{"SourceArn": arnPrefix + "dlq.fifo"})
	if task := waitTask(h, "dlq.fifo"); task["Status"] != taskCompleted || task["ApproximateNumberOfMessagesMoved"] != 4.0 {
		t.Fatalf("task = %v", task)
	}
	got := h.receive(src, obj{"MaxNumberOfMessages": 10})
	if bodies(got) != "m0,m1,m2,m3" || sysAttr(got[0], "MessageGroupId") != "g" {
		t.Fatalf("back at source: %s", bodies(got))
	}
}

// A FIFO move task that fails must leave the source's groups in order:
// messages it cannot deliver stay where they are rather than being taken
// out and appended again behind the rest of their group.
func TestMoveTaskFailureKeepsFIFOOrder(t *testing.T) {
	h := newHarness(t)
	dlq := h.createQueue("dlq.fifo", map[string]string{"FifoQueue": "true"})
	attrs := redriveTo("dlq.fifo", 1)
	attrs["FifoQueue"] = "true"
	a := h.createQueue("a.fifo", attrs)
	h.createQueue("b.fifo", attrs) // keeps dlq.fifo a DLQ after a.fifo goes
	var want []string
	for i := 0; i < 12; i++ {
		fifoSend(h, a, "g", fmt.Sprint("m", i), fmt.Sprint("d", i))
		want = append(want, fmt.Sprint("m", i))
	}
	for len(h.receive(a, obj{"MaxNumberOfMessages": 10})) > 0 {
		h.clock.Advance(time.Second)
	}
	h.clock.Advance(time.Second)
	for len(h.receive(a, obj{"MaxNumberOfMessages": 10})) > 0 {
	}
	if got := h.counts(dlq); got[0] != "12" {
		t.Fatalf("DLQ before the move: %v", got)
	}
	h.ok("DeleteQueue", obj{"QueueUrl": a})
	h.ok("StartMessageMoveTask", obj{"SourceArn": arnPrefix + "dlq.fifo"})
	if task := waitTask(h, "dlq.fifo"); task["Status"] != taskFailed {
		t.Fatalf("task = %v", task)
	}
	var got []string
	for len(got) < 12 {
		msgs := h.receive(dlq, obj{"MaxNumberOfMessages": 10})
		if len(msgs) == 0 {
			t.Fatalf("DLQ lost messages: got %v", got)
		}
		for _, m := range msgs {
			got = append(got, m["Body"].(string))
			h.ok("DeleteMessage", obj{"QueueUrl": dlq, "ReceiptHandle": m["ReceiptHandle"]})
		}
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("DLQ order after a failed move: %v, want %v", got, want)
	}
}

// TestMoveTaskKeepsToItsRate: at MaxNumberOfMessagesPerSecond r, no more
// than r·t+1 messages have moved t seconds after the start, whatever the
// machine's speed (a slow machine only moves fewer), and the task still
// finishes. The rate uses the wall clock, as SQS's does.
func TestMoveTaskKeepsToItsRate(t *testing.T) {
	h := newHarness(t)
	h.createQueue("dlq", nil)
	src := h.createQueue("src", redriveTo("dlq", 1))
	h.createQueue("dest", nil)
	failInto(h, src, 12)
	const rate = 20
	start := time.Now()
	h.ok("StartMessageMoveTask", obj{"SourceArn": arnPrefix + "dlq", "DestinationArn": arnPrefix + "dest",
		"MaxNumberOfMessagesPerSecond": rate})
	for {
		res := h.ok("ListMessageMoveTasks", obj{"SourceArn": arnPrefix + "dlq"})["Results"].([]any)[0].(obj)
		moved := int(res["ApproximateNumberOfMessagesMoved"].(float64))
		// The time is read after the count, and start before the task
		// began: both only loosen the bound.
		elapsed := time.Since(start).Seconds()
		if limit := int(rate*elapsed) + 1; moved > limit {
			t.Fatalf("%d moved after %.3fs at %d/s; at most %d allowed", moved, elapsed, rate, limit)
		}
		if res["Status"] != taskRunning {
			if res["Status"] != taskCompleted || moved != 12 {
				t.Fatalf("task ended %v", res)
			}
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
}
