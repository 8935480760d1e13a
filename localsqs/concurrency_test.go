package localsqs

import (
	"context"
	"encoding/json"
	"fmt"
	"sync"
	"testing"
	"time"
)

// TestConcurrentProducersConsumersLoseNothing runs producers, long-polling
// consumers and an attribute reader at once (run with -race): every message
// is received and deleted exactly once as far as its body goes.
func TestConcurrentProducersConsumersLoseNothing(t *testing.T) {
	s := New(Options{})
	defer s.Close()
	h := &harness{t: t, s: s}
	url := h.createQueue("busy", map[string]string{"VisibilityTimeout": "60"})
	const producers, perProducer, consumers = 4, 150, 4
	var wg sync.WaitGroup
	for p := 0; p < producers; p++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < perProducer; i += 10 {
				var entries []obj
				for j := i; j < i+10; j++ {
					entries = append(entries, obj{"Id": fmt.Sprint("e", j), "MessageBody": fmt.Sprintf("p%d-%d", p, j)})
				}
				h.ok("SendMessageBatch", obj{"QueueUrl": url, "Entries": entries})
			}
		}()
	}
	var mu sync.Mutex
	seen := map[string]int{}
	total := producers * perProducer
	var cwg sync.WaitGroup
	start := time.Now()
	for c := 0; c < consumers; c++ {
		cwg.Add(1)
		go func() {
			defer cwg.Done()
			for {
				mu.Lock()
				// The time limit only guards against a hang if a message is
				// lost; the assertions below then report it.
				done := len(seen) == total || time.Since(start) > time.Minute
				mu.Unlock()
				if done {
					return
				}
				msgs := h.receive(url, obj{"MaxNumberOfMessages": 10, "WaitTimeSeconds": 1})
				var del []obj
				mu.Lock()
				for i, m := range msgs {
					seen[m["Body"].(string)]++
					del = append(del, obj{"Id": fmt.Sprint(i), "ReceiptHandle": m["ReceiptHandle"]})
				}
				mu.Unlock()
				if len(del) > 0 {
					h.ok("DeleteMessageBatch", obj{"QueueUrl": url, "Entries": del})
				}
				h.attrs(url)
			}
		}()
	}
	wg.Wait()
	cwg.Wait()
	if len(seen) != total {
		t.Fatalf("received %d distinct messages, want %d", len(seen), total)
	}
	for body, n := range seen {
		if n != 1 {
			t.Errorf("%s received %d times", body, n)
		}
	}
	if got := h.counts(url); got != [3]string{"0", "0", "0"} {
		t.Fatalf("queue not empty: %v", got)
	}
}

func TestPanicBecomesInternalError(t *testing.T) {
	h := newHarness(t)
	h.s.ops["Boom"] = func(context.Context, *request, json.RawMessage) (any, error) { panic("kaboom") }
	code, out, q := h.do("Boom", obj{})
	if code != 500 || out["__type"] != "com.amazonaws.sqs#InternalError" || q != "InternalError;Receiver" {
		t.Fatalf("got %d %v %q", code, out, q)
	}
}

// FuzzRequests feeds arbitrary bodies to every operation: the answer must
// always be JSON (an AWS-shaped error or a result), never a panic or hang.
func FuzzRequests(f *testing.F) {
	f.Add("SendMessage", `{"QueueUrl":"http://h/000000000000/q","MessageBody":"x"}`)
	f.Add("ReceiveMessage", `{"QueueUrl":"q","MaxNumberOfMessages":-1}`)
	f.Add("SendMessageBatch", `{"QueueUrl":"q","Entries":[{"Id":"a"}]}`)
	f.Add("CreateQueue", `{"QueueName":"f.fifo","Attributes":{"FifoQueue":"true","RedrivePolicy":"{}"}}`)
	f.Add("SetQueueAttributes", `{"QueueUrl":"q","Attributes":{"RedriveAllowPolicy":"{\"redrivePermission\":\"byQueue\"}"}}`)
	f.Add("ChangeMessageVisibilityBatch", `{"QueueUrl":"q","Entries":[{"Id":"a","ReceiptHandle":"bHNxMQBxAHgAMQB6"}]}`)
	f.Add("StartMessageMoveTask", `{"SourceArn":"arn:aws:sqs:us-east-1:000000000000:q"}`)
	f.Add("ListQueues", `{"MaxResults":3,"NextToken":"!!"}`)
	f.Fuzz(func(t *testing.T, op, body string) {
		s := New(Options{})
		defer s.Close()
		h := &harness{t: t, s: s}
		h.createQueue("q", nil)
		h.do(op, body) // do fails the test if the answer is not JSON
	})
}
