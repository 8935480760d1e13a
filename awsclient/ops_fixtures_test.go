package awsclient

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	"github.com/aws/aws-sdk-go-v2/service/sqs/types"

	"github.com/sqscope/sqscope/audit"
	"github.com/sqscope/sqscope/model"
)

// memAudit is an AuditLog in memory; fail, when set, refuses every line.
type memAudit struct {
	mu      sync.Mutex
	entries []audit.Entry
	fail    error
}

func (a *memAudit) Append(e audit.Entry) error {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.fail != nil {
		return a.fail
	}
	a.entries = append(a.entries, e)
	return nil
}

func (a *memAudit) all() []audit.Entry {
	a.mu.Lock()
	defer a.mu.Unlock()
	return append([]audit.Entry(nil), a.entries...)
}

// only returns the one entry written, failing the test otherwise.
func (a *memAudit) only(t *testing.T, op string) audit.Entry {
	t.Helper()
	es := a.all()
	if len(es) != 1 || es[0].Op != op {
		t.Fatalf("audit lines = %+v, want one %q line", es, op)
	}
	return es[0]
}

func opsClient(endpoint string, log AuditLog) *SQS {
	cfg := testConfig()
	cfg.Audit = log
	return NewStatic(endpoint, "us-east-1", cfg)
}

// takeAll receives until want distinct messages are held (for 5 minutes)
// or three receives in a row bring nothing new, with every attribute, as
// a peek would hold them.
func takeAll(t testing.TB, c *sqs.Client, url string, want int) []model.Message {
	t.Helper()
	var out []model.Message
	seen := map[string]bool{}
	for empty := 0; len(out) < want && empty < 3; {
		r, err := c.ReceiveMessage(context.Background(), &sqs.ReceiveMessageInput{
			QueueUrl: aws.String(url), MaxNumberOfMessages: 10, VisibilityTimeout: 300,
			MessageAttributeNames:       []string{"All"},
			MessageSystemAttributeNames: []types.MessageSystemAttributeName{types.MessageSystemAttributeNameAll},
		})
		if err != nil {
			t.Fatalf("ReceiveMessage %s: %v", url, err)
		}
		fresh := 0
		for _, m := range r.Messages {
			if id := aws.ToString(m.MessageId); !seen[id] {
				seen[id] = true
				out = append(out, messageFromSDK(m))
				fresh++
			}
		}
		if fresh == 0 {
			empty++
		} else {
			empty = 0
		}
	}
	return out
}

// copiesOf consumes every message of url (deleting as it goes, so FIFO
// groups move on) and counts the copies of each body: a duplicate is a
// second message (its own id) with the same body.
func copiesOf(t *testing.T, c *sqs.Client, url string, atLeast int) map[string]int {
	t.Helper()
	got := map[string]int{}
	for empty := 0; empty < 3; {
		held := takeAll(t, c, url, 10)
		if len(held) == 0 {
			empty++
			continue
		}
		empty = 0
		var entries []types.DeleteMessageBatchRequestEntry
		for i, m := range held {
			got[m.Body]++
			entries = append(entries, types.DeleteMessageBatchRequestEntry{Id: aws.String(strconv.Itoa(i)), ReceiptHandle: aws.String(m.ReceiptHandle)})
		}
		for start := 0; start < len(entries); start += 10 {
			out, err := c.DeleteMessageBatch(context.Background(), &sqs.DeleteMessageBatchInput{QueueUrl: aws.String(url),
				Entries: entries[start:min(start+10, len(entries))]})
			if err != nil || len(out.Failed) > 0 {
				t.Fatalf("DeleteMessageBatch: %v %+v", err, out)
			}
		}
	}
	if n := total(got); n < atLeast {
		t.Fatalf("found %d messages in %s, want at least %d", n, url, atLeast)
	}
	return got
}

func total(m map[string]int) int {
	n := 0
	for _, v := range m {
		n += v
	}
	return n
}

// richOutgoing is n messages with unique bodies and every attribute type.
func richOutgoing(n int, prefix string) []model.Outgoing {
	out := make([]model.Outgoing, n)
	for i := range out {
		out[i] = model.Outgoing{
			Body: fmt.Sprintf(`{"%s":%d,"note":"ünïcödé ✓"}`, prefix, i),
			Attributes: map[string]model.MessageAttribute{
				"kind":  {DataType: "String", StringValue: "kind-" + strconv.Itoa(i%3)},
				"n":     {DataType: "Number", StringValue: strconv.Itoa(i * 7)},
				"blob":  {DataType: "Binary", BinaryValue: []byte{0, 0xff, byte(i), 0x1b}},
				"trace": {DataType: "String.custom", StringValue: "t-" + strconv.Itoa(i)},
			},
		}
	}
	return out
}

// attrsEqual compares message attributes as SQS returns them.
func attrsEqual(a, b map[string]model.MessageAttribute) bool {
	if len(a) != len(b) {
		return false
	}
	for k, x := range a {
		y, ok := b[k]
		if !ok || x.DataType != y.DataType || x.StringValue != y.StringValue || !bytes.Equal(x.BinaryValue, y.BinaryValue) {
			return false
		}
	}
	return true
}

// dropEntries takes out of a batch request the entries whose body drop
// picks, and returns the request without them and their ids.
func dropEntries(body []byte, drop func(body string) bool) (kept []byte, dropped []string) {
	var req map[string]json.RawMessage
	var entries []map[string]json.RawMessage
	if json.Unmarshal(body, &req) != nil || json.Unmarshal(req["Entries"], &entries) != nil {
		return body, nil
	}
	var keep []map[string]json.RawMessage
	for _, e := range entries {
		var id, b string
		_ = json.Unmarshal(e["Id"], &id)
		_ = json.Unmarshal(e["MessageBody"], &b)
		if drop(b) {
			dropped = append(dropped, id)
		} else {
			keep = append(keep, e)
		}
	}
	if len(keep) == 0 {
		// SQS refuses an empty batch; keep the shape valid with no entry
		// to forward by answering for them all.
		return nil, dropped
	}
	req["Entries"], _ = json.Marshal(keep)
	kept, _ = json.Marshal(req)
	return kept, dropped
}

// queueAttrs reads some attributes of url.
func queueAttrs(t *testing.T, c *sqs.Client, url string, names ...string) map[string]string {
	t.Helper()
	var qn []types.QueueAttributeName
	for _, n := range names {
		qn = append(qn, types.QueueAttributeName(n))
	}
	out, err := c.GetQueueAttributes(context.Background(), &sqs.GetQueueAttributesInput{QueueUrl: aws.String(url), AttributeNames: qn})
	if err != nil {
		t.Fatalf("GetQueueAttributes %s: %v", url, err)
	}
	return out.Attributes
}
