package localsqs

import (
	"encoding/json"
	"fmt"
	"strconv"
	"testing"
	"time"
)

// attrRanges are SQS's bounds for the numeric queue attributes.
var attrRanges = map[string][2]int{
	"VisibilityTimeout":             {0, 43200},
	"MessageRetentionPeriod":        {60, 1209600},
	"DelaySeconds":                  {0, 900},
	"ReceiveMessageWaitTimeSeconds": {0, 20},
	"MaximumMessageSize":            {1024, 1048576},
}

// Both CreateQueue and SetQueueAttributes take each bound and refuse one
// past it, leaving the queue as it was.
func TestQueueAttributeRangesOnCreateAndSet(t *testing.T) {
	h := newHarness(t)
	url := h.createQueue("q", nil)
	for name, r := range attrRanges {
		for _, bad := range []int{r[0] - 1, r[1] + 1} {
			h.fail("CreateQueue", obj{"QueueName": "bad-" + name, "Attributes": obj{name: strconv.Itoa(bad)}}, "InvalidAttributeValue")
			h.fail("SetQueueAttributes", obj{"QueueUrl": url, "Attributes": obj{name: strconv.Itoa(bad)}}, "InvalidAttributeValue")
		}
		for i, good := range []int{r[0], r[1]} {
			h.createQueue(fmt.Sprintf("ok-%s-%d", name, i), map[string]string{name: strconv.Itoa(good)})
			h.ok("SetQueueAttributes", obj{"QueueUrl": url, "Attributes": obj{name: strconv.Itoa(good)}})
			if got := h.attrs(url)[name]; got != strconv.Itoa(good) {
				t.Errorf("%s after setting %d = %v", name, good, got)
			}
		}
		h.fail("GetQueueUrl", obj{"QueueName": "bad-" + name}, "QueueDoesNotExist")
	}
}

// CreateQueue checks a RedrivePolicy as SetQueueAttributes does.
func TestCreateQueueChecksTheRedrivePolicy(t *testing.T) {
	h := newHarness(t)
	h.createQueue("dlq", nil)
	h.createQueue("f.fifo", map[string]string{"FifoQueue": "true"})
	for _, rp := range []string{
		`not json`,
		`{"deadLetterTargetArn":"` + arnPrefix + `dlq","maxReceiveCount":0}`,
		`{"deadLetterTargetArn":"` + arnPrefix + `dlq","maxReceiveCount":1001}`,
		`{"deadLetterTargetArn":"` + arnPrefix + `missing","maxReceiveCount":3}`,
		`{"deadLetterTargetArn":"` + arnPrefix + `f.fifo","maxReceiveCount":3}`, // FIFO DLQ for a standard queue
	} {
		h.fail("CreateQueue", obj{"QueueName": "src", "Attributes": obj{"RedrivePolicy": rp}}, "InvalidParameterValue")
	}
	h.fail("CreateQueue", obj{"QueueName": "g.fifo", "Attributes": obj{"FifoQueue": "true",
		"RedrivePolicy": `{"deadLetterTargetArn":"` + arnPrefix + `dlq","maxReceiveCount":3}`}}, "InvalidParameterValue")
	h.createQueue("src", redriveTo("dlq", 1000))
	h.createQueue("g.fifo", map[string]string{"FifoQueue": "true", "RedrivePolicy": `{"deadLetterTargetArn":"` + arnPrefix + `f.fifo","maxReceiveCount":1}`})
}

func allowPolicy(permission string, sources ...string) string {
	p := map[string]any{"redrivePermission": permission}
	if sources != nil {
		arns := []string{}
		for _, s := range sources {
			arns = append(arns, arnPrefix+s)
		}
		p["sourceQueueArns"] = arns
	}
	b, _ := json.Marshal(p)
	return string(b)
}

// RedriveAllowPolicy: allowAll and denyAll take no sources, byQueue 1 to
// 10; a queue may name a DLQ in its RedrivePolicy only when the DLQ's
// policy admits it.
func TestRedriveAllowPolicyIsEnforced(t *testing.T) {
	h := newHarness(t)
	dlq := h.createQueue("dlq", nil)
	h.createQueue("src", nil)
	eleven := make([]string, 11)
	for i := range eleven {
		eleven[i] = fmt.Sprintf("s%d", i)
	}
	for _, bad := range []string{allowPolicy("allowAll", "src"), allowPolicy("denyAll", "src"), allowPolicy("byQueue"),
		allowPolicy("byQueue", eleven...), allowPolicy("someQueues", "src"), `{"redrivePermission":`} {
		h.fail("SetQueueAttributes", obj{"QueueUrl": dlq, "Attributes": obj{"RedriveAllowPolicy": bad}}, "InvalidParameterValue")
		h.fail("CreateQueue", obj{"QueueName": "d2", "Attributes": obj{"RedriveAllowPolicy": bad}}, "InvalidParameterValue")
	}
	name := func(rp string) obj {
		return obj{"QueueUrl": arnQueueURL(h, "src"), "Attributes": obj{"RedrivePolicy": rp}}
	}
	policy := `{"deadLetterTargetArn":"` + arnPrefix + `dlq","maxReceiveCount":2}`
	for _, c := range []struct {
		allow string
		ok    bool
	}{
		{allowPolicy("denyAll"), false},
		{allowPolicy("byQueue", "other"), false},
		{allowPolicy("byQueue", append(eleven[:9], "src")...), true},
		{allowPolicy("allowAll"), true},
		{"", true}, // no policy: allowAll
	} {
		h.ok("SetQueueAttributes", obj{"QueueUrl": dlq, "Attributes": obj{"RedriveAllowPolicy": c.allow}})
		h.ok("SetQueueAttributes", name(""))
		if c.ok {
			h.ok("SetQueueAttributes", name(policy))
		} else {
			h.fail("SetQueueAttributes", name(policy), "InvalidParameterValue")
			h.fail("CreateQueue", obj{"QueueName": "src2", "Attributes": obj{"RedrivePolicy": policy}}, "InvalidParameterValue")
		}
	}
}

// A move task needs a DLQ that a queue its RedriveAllowPolicy admits
// uses: a policy changed to deny its sources makes it no DLQ to move
// from.
func TestMoveTaskHonoursTheRedriveAllowPolicy(t *testing.T) {
	h := newHarness(t)
	dlq := h.createQueue("dlq", map[string]string{"RedriveAllowPolicy": allowPolicy("byQueue", "src")})
	src := h.createQueue("src", redriveTo("dlq", 1))
	failInto(h, src, 3)
	for _, deny := range []string{allowPolicy("denyAll"), allowPolicy("byQueue", "other")} {
		h.ok("SetQueueAttributes", obj{"QueueUrl": dlq, "Attributes": obj{"RedriveAllowPolicy": deny}})
		h.fail("StartMessageMoveTask", obj{"SourceArn": arnPrefix + "dlq"}, "InvalidParameterValue")
	}
	h.ok("SetQueueAttributes", obj{"QueueUrl": dlq, "Attributes": obj{"RedriveAllowPolicy": allowPolicy("byQueue", "src")}})
	h.ok("StartMessageMoveTask", obj{"SourceArn": arnPrefix + "dlq"})
	if task := waitTask(h, "dlq"); task["Status"] != taskCompleted {
		t.Fatalf("task = %v", task)
	}
	if got := h.counts(src); got[0] != "3" {
		t.Fatalf("source holds %v after the move", got)
	}
}

// PurgeQueue: once per 60 s by the server's clock, whatever the wall
// clock says.
func TestPurgeLimitFollowsTheClock(t *testing.T) {
	h := newHarness(t)
	url := h.createQueue("q", nil)
	h.ok("PurgeQueue", obj{"QueueUrl": url})
	h.clock.Advance(59 * time.Second)
	out := h.fail("PurgeQueue", obj{"QueueUrl": url}, "PurgeQueueInProgress")
	if _, _, code := h.do("PurgeQueue", obj{"QueueUrl": url}); code != "AWS.SimpleQueueService.PurgeQueueInProgress;Sender" {
		t.Errorf("query error = %q (%v)", code, out)
	}
	h.clock.Advance(time.Second)
	h.ok("PurgeQueue", obj{"QueueUrl": url})
}
