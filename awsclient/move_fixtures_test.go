package awsclient

import (
	"bytes"
	"context"
	"fmt"
	"sort"
	"strconv"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	"github.com/aws/aws-sdk-go-v2/service/sqs/types"
)

// dlqFixture is a DLQ with source queues whose messages got there the real
// way: received past maxReceiveCount.
type dlqFixture struct {
	admin    *sqs.Client
	endpoint string
	dlqURL   string
	dlqARN   string
	sources  []string // source queue URLs
	fifo     bool
	// want maps each original body to the source it was sent to and its
	// attributes; bodies are unique.
	want map[string]sentMessage
	// order is each FIFO group's bodies in send order.
	order map[string][]string
}

type sentMessage struct {
	source string
	attrs  map[string]types.MessageAttributeValue
	group  string
}

// newDLQFixture sends perSource messages to each of nSources queues and
// fails them all into one shared DLQ.
func newDLQFixture(t *testing.T, endpoint string, fifo bool, nSources, perSource int) *dlqFixture {
	t.Helper()
	f := &dlqFixture{admin: adminClient(endpoint), endpoint: endpoint, fifo: fifo, want: map[string]sentMessage{}, order: map[string][]string{}}
	p := uniquePrefix(t)
	suffix, attrs := "", map[string]string{}
	if fifo {
		suffix, attrs = ".fifo", map[string]string{"FifoQueue": "true"}
	}
	f.dlqURL = createQueue(t, f.admin, p+"dlq"+suffix, attrs)
	f.dlqARN = queueARN(t, f.admin, f.dlqURL)
	for s := 0; s < nSources; s++ {
		a := map[string]string{"RedrivePolicy": fmt.Sprintf(`{"deadLetterTargetArn":%q,"maxReceiveCount":"1"}`, f.dlqARN)}
		for k, v := range attrs {
			a[k] = v
		}
		url := createQueue(t, f.admin, fmt.Sprintf("%ssrc%d%s", p, s, suffix), a)
		f.sources = append(f.sources, url)
		f.sendMessages(t, url, s, perSource)
	}
	for _, url := range f.sources {
		f.failAll(t, url)
	}
	if n := f.count(t, f.dlqURL); n != nSources*perSource {
		t.Fatalf("fixture: DLQ holds %d messages, want %d", n, nSources*perSource)
	}
	return f
}

// sendMessages sends n messages carrying every attribute type.
func (f *dlqFixture) sendMessages(t *testing.T, url string, source, n int) {
	t.Helper()
	for start := 0; start < n; start += 10 {
		var entries []types.SendMessageBatchRequestEntry
		for i := start; i < min(start+10, n); i++ {
			body := fmt.Sprintf(`{"source":%d,"seq":%d,"note":"ünïcödé ✓"}`, source, i)
			attrs := map[string]types.MessageAttributeValue{
				"kind":  {DataType: aws.String("String"), StringValue: aws.String(fmt.Sprintf("kind-%d", i%3))},
				"n":     {DataType: aws.String("Number"), StringValue: aws.String(strconv.Itoa(i * 7))},
				"blob":  {DataType: aws.String("Binary"), BinaryValue: []byte{0, 0xff, byte(i), byte(source)}},
				"trace": {DataType: aws.String("String.custom"), StringValue: aws.String("t-" + strconv.Itoa(i))},
			}
			e := types.SendMessageBatchRequestEntry{Id: aws.String(strconv.Itoa(i - start)), MessageBody: aws.String(body), MessageAttributes: attrs}
			group := ""
			if f.fifo {
				group = fmt.Sprintf("g%d", i%5)
				e.MessageGroupId = aws.String(group)
				e.MessageDeduplicationId = aws.String(fmt.Sprintf("d-%d-%d", source, i))
				f.order[url+"|"+group] = append(f.order[url+"|"+group], body)
			}
			f.want[body] = sentMessage{source: url, attrs: attrs, group: group}
			entries = append(entries, e)
		}
		out, err := f.admin.SendMessageBatch(context.Background(), &sqs.SendMessageBatchInput{QueueUrl: aws.String(url), Entries: entries})
		if err != nil || len(out.Failed) > 0 {
			t.Fatalf("fixture send: %v %+v", err, out)
		}
	}
}

// failAll receives every message of a source once and makes it visible
// again, then receives again: past maxReceiveCount 1 the server moves it
// to the DLQ.
func (f *dlqFixture) failAll(t *testing.T, url string) {
	t.Helper()
	ctx := context.Background()
	deadline := time.Now().Add(2 * time.Minute)
	for {
		if time.Now().After(deadline) {
			t.Fatalf("fixture: %s still holds %d messages", url, f.count(t, url))
		}
		out, err := f.admin.ReceiveMessage(ctx, &sqs.ReceiveMessageInput{QueueUrl: aws.String(url), MaxNumberOfMessages: 10, VisibilityTimeout: 30})
		if err != nil {
			t.Fatalf("fixture receive: %v", err)
		}
		if len(out.Messages) == 0 {
			// Counting on every round would double moto's (slow) calls.
			if f.count(t, url) == 0 {
				return
			}
			continue
		}
		var entries []types.ChangeMessageVisibilityBatchRequestEntry
		for i, m := range out.Messages {
			entries = append(entries, types.ChangeMessageVisibilityBatchRequestEntry{Id: aws.String(strconv.Itoa(i)), ReceiptHandle: m.ReceiptHandle})
		}
		if _, err := f.admin.ChangeMessageVisibilityBatch(ctx, &sqs.ChangeMessageVisibilityBatchInput{QueueUrl: aws.String(url), Entries: entries}); err != nil {
			t.Fatalf("fixture release: %v", err)
		}
	}
}

// count is every message a queue holds: visible, in flight and delayed.
func (f *dlqFixture) count(t *testing.T, url string) int {
	t.Helper()
	out, err := f.admin.GetQueueAttributes(context.Background(), &sqs.GetQueueAttributesInput{QueueUrl: aws.String(url),
		AttributeNames: []types.QueueAttributeName{"ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible", "ApproximateNumberOfMessagesDelayed"}})
	if err != nil {
		t.Fatalf("count %s: %v", url, err)
	}
	n := 0
	for _, v := range out.Attributes {
		k, _ := strconv.Atoi(v)
		n += k
	}
	return n
}

// drained is one queue's messages in receive order.
type drained struct {
	body  string
	attrs map[string]types.MessageAttributeValue
	group string
}

// drain receives and deletes every message of a queue, until the queue's
// own count says it is empty. Holds are short, and messages are told apart
// by MessageId: under -race a receive on these test queues has (rarely)
// hidden messages without their arriving here, and they must come back
// and be counted once, not be taken for lost.
func (f *dlqFixture) drain(t *testing.T, url string) []drained {
	t.Helper()
	ctx := context.Background()
	var got []drained
	ids := map[string]bool{}
	deadline := time.Now().Add(time.Minute)
	for {
		out, err := f.admin.ReceiveMessage(ctx, &sqs.ReceiveMessageInput{QueueUrl: aws.String(url), MaxNumberOfMessages: 10,
			VisibilityTimeout: 3, MessageAttributeNames: []string{"All"},
			MessageSystemAttributeNames: []types.MessageSystemAttributeName{types.MessageSystemAttributeNameMessageGroupId}})
		if err != nil {
			t.Fatalf("drain receive: %v", err)
		}
		if len(out.Messages) == 0 {
			if f.count(t, url) == 0 {
				return got
			}
			if time.Now().After(deadline) {
				t.Fatalf("drain: %s still holds %d messages; the fixture client's retried errors: %q", url, f.count(t, url), retriedFor(f.endpoint))
			}
			time.Sleep(100 * time.Millisecond)
			continue
		}
		var del []types.DeleteMessageBatchRequestEntry
		for i, m := range out.Messages {
			if !ids[aws.ToString(m.MessageId)] {
				ids[aws.ToString(m.MessageId)] = true
				got = append(got, drained{body: aws.ToString(m.Body), attrs: m.MessageAttributes, group: m.Attributes["MessageGroupId"]})
			}
			del = append(del, types.DeleteMessageBatchRequestEntry{Id: aws.String(strconv.Itoa(i)), ReceiptHandle: m.ReceiptHandle})
		}
		if out, err := f.admin.DeleteMessageBatch(ctx, &sqs.DeleteMessageBatchInput{QueueUrl: aws.String(url), Entries: del}); err != nil || len(out.Failed) > 0 {
			t.Fatalf("drain delete: %v %+v", err, out)
		}
	}
}

// checkRedriven drains every source and asserts that each original body
// arrived exactly once, at its own source, with identical attributes (and
// on FIFO, in its group's order), and that the DLQ is empty.
func (f *dlqFixture) checkRedriven(t *testing.T) {
	t.Helper()
	if n := f.count(t, f.dlqURL); n != 0 {
		t.Errorf("DLQ still holds %d messages", n)
	}
	// The drain's own receives raise receive counts. With maxReceiveCount 1,
	// a drain receive whose answer never reached the test (an SDK retry on a
	// loaded CI box) would dead-letter those messages again and make a
	// correct move look lossy, so the sources stop dead-lettering first.
	for _, url := range f.sources {
		if _, err := f.admin.SetQueueAttributes(context.Background(), &sqs.SetQueueAttributesInput{
			QueueUrl: aws.String(url), Attributes: map[string]string{"RedrivePolicy": ""}}); err != nil {
			t.Fatalf("clear redrive policy of %s: %v", url, err)
		}
	}
	seen := map[string]int{}
	for _, url := range f.sources {
		groups := map[string][]string{}
		for _, d := range f.drain(t, url) {
			seen[d.body]++
			w, ok := f.want[d.body]
			switch {
			case !ok:
				t.Errorf("%s: unexpected body %q", url, d.body)
				continue
			case w.source != url:
				t.Errorf("body %q went to %s, want its source %s", d.body, url, w.source)
			}
			if diff := attrDiff(w.attrs, d.attrs); diff != "" {
				t.Errorf("body %q: attributes differ: %s", d.body, diff)
			}
			if f.fifo {
				if d.group != w.group {
					t.Errorf("body %q: group %q, want %q", d.body, d.group, w.group)
				}
				groups[d.group] = append(groups[d.group], d.body)
			}
		}
		for g, bodies := range groups {
			if want := f.order[url+"|"+g]; fmt.Sprint(bodies) != fmt.Sprint(want) {
				t.Errorf("%s group %s out of order:\n got %v\nwant %v", url, g, bodies, want)
			}
		}
	}
	var missing, dup []string
	for body := range f.want {
		switch seen[body] {
		case 0:
			missing = append(missing, body)
		case 1:
		default:
			dup = append(dup, body)
		}
	}
	sort.Strings(missing)
	if len(missing) > 0 || len(dup) > 0 {
		inDLQ := 0
		for _, d := range f.drain(t, f.dlqURL) {
			if seen[d.body] == 0 {
				inDLQ++
			}
		}
		t.Errorf("%d of %d bodies missing from their sources (e.g. %v; %d of them found back in the DLQ), %d duplicated; "+
			"the fixture client's retried errors: %q", len(missing), len(f.want), first(missing), inDLQ, len(dup), retriedFor(f.endpoint))
	}
}

func first(s []string) []string { return s[:min(3, len(s))] }

func attrDiff(want, got map[string]types.MessageAttributeValue) string {
	if len(want) != len(got) {
		return fmt.Sprintf("%d attributes, want %d", len(got), len(want))
	}
	for name, w := range want {
		g, ok := got[name]
		switch {
		case !ok:
			return "missing " + name
		case aws.ToString(g.DataType) != aws.ToString(w.DataType):
			return fmt.Sprintf("%s type %q, want %q", name, aws.ToString(g.DataType), aws.ToString(w.DataType))
		case aws.ToString(g.StringValue) != aws.ToString(w.StringValue) || !bytes.Equal(g.BinaryValue, w.BinaryValue):
			return fmt.Sprintf("%s value %q/%x, want %q/%x", name, aws.ToString(g.StringValue), g.BinaryValue, aws.ToString(w.StringValue), w.BinaryValue)
		}
	}
	return ""
}
