package demo

import (
	"context"
	"fmt"
	"strconv"
)

// attrValue is a message attribute as the JSON protocol carries it; a
// []byte BinaryValue travels base64-encoded, which encoding/json does.
type attrValue struct {
	DataType    string `json:"DataType"`
	StringValue string `json:"StringValue,omitempty"`
	BinaryValue []byte `json:"BinaryValue,omitempty"`
}

func strAttr(v string) attrValue { return attrValue{DataType: "String", StringValue: v} }
func numAttr(v int) attrValue    { return attrValue{DataType: "Number", StringValue: strconv.Itoa(v)} }
func binAttr(v []byte) attrValue { return attrValue{DataType: "Binary", BinaryValue: v} }

// sendEntry is one SendMessageBatch entry.
type sendEntry struct {
	ID              string               `json:"Id"`
	Body            string               `json:"MessageBody"`
	DelaySeconds    int                  `json:"DelaySeconds,omitempty"`
	Attributes      map[string]attrValue `json:"MessageAttributes,omitempty"`
	GroupID         string               `json:"MessageGroupId,omitempty"`
	DeduplicationID string               `json:"MessageDeduplicationId,omitempty"`
}

// message is one received message.
type message struct {
	MessageID         string               `json:"MessageId"`
	ReceiptHandle     string               `json:"ReceiptHandle"`
	Body              string               `json:"Body"`
	Attributes        map[string]string    `json:"Attributes"`
	MessageAttributes map[string]attrValue `json:"MessageAttributes"`
}

// batchResult is the shape every *Batch operation answers with: a batch can
// fail entry by entry inside an HTTP 200.
type batchResult struct {
	Failed []struct {
		ID      string `json:"Id"`
		Code    string `json:"Code"`
		Message string `json:"Message"`
	} `json:"Failed"`
}

func (r batchResult) err(op string) error {
	if len(r.Failed) == 0 {
		return nil
	}
	f := r.Failed[0]
	return fmt.Errorf("sqs %s: %d entries failed, first %s: %s: %s", op, len(r.Failed), f.ID, f.Code, f.Message)
}

func (c *client) createQueue(ctx context.Context, name string, attrs, tags map[string]string) (string, error) {
	var out struct{ QueueUrl string }
	in := struct {
		QueueName  string
		Attributes map[string]string `json:",omitempty"`
		Tags       map[string]string `json:"tags,omitempty"`
	}{name, attrs, tags}
	err := c.call(ctx, "CreateQueue", in, &out)
	return out.QueueUrl, err
}

func (c *client) queueURL(ctx context.Context, name string) (string, error) {
	var out struct{ QueueUrl string }
	err := c.call(ctx, "GetQueueUrl", map[string]any{"QueueName": name}, &out)
	return out.QueueUrl, err
}

func (c *client) deleteQueue(ctx context.Context, url string) error {
	return c.call(ctx, "DeleteQueue", map[string]any{"QueueUrl": url}, nil)
}

func (c *client) attributes(ctx context.Context, url string, names ...string) (map[string]string, error) {
	var out struct{ Attributes map[string]string }
	in := map[string]any{"QueueUrl": url, "AttributeNames": names}
	err := c.call(ctx, "GetQueueAttributes", in, &out)
	return out.Attributes, err
}

// depth is ApproximateNumberOfMessages: what a consumer could receive now.
func (c *client) depth(ctx context.Context, url string) (int, error) {
	a, err := c.attributes(ctx, url, "ApproximateNumberOfMessages")
	if err != nil {
		return 0, err
	}
	return strconv.Atoi(a["ApproximateNumberOfMessages"])
}

// sendBatch sends entries (any number) in batches of 10, numbering them.
func (c *client) sendBatch(ctx context.Context, url string, entries []sendEntry) error {
	for len(entries) > 0 {
		n := min(10, len(entries))
		batch := make([]sendEntry, n)
		for i, e := range entries[:n] {
			e.ID = strconv.Itoa(i)
			batch[i] = e
		}
		var out batchResult
		in := map[string]any{"QueueUrl": url, "Entries": batch}
		if err := c.call(ctx, "SendMessageBatch", in, &out); err != nil {
			return err
		}
		if err := out.err("SendMessageBatch"); err != nil {
			return err
		}
		entries = entries[n:]
	}
	return nil
}

// receive short-polls up to max (≤10) messages, hidden for visibility
// seconds. The JSON protocol can carry an explicit 0, unlike the SDK.
func (c *client) receive(ctx context.Context, url string, max, visibility int) ([]message, error) {
	var out struct{ Messages []message }
	in := map[string]any{
		"QueueUrl":            url,
		"MaxNumberOfMessages": max,
		"VisibilityTimeout":   visibility,
		"WaitTimeSeconds":     0,
		// Both spellings: older servers know only the deprecated one.
		"AttributeNames":              []string{"All"},
		"MessageSystemAttributeNames": []string{"All"},
		"MessageAttributeNames":       []string{"All"},
	}
	err := c.call(ctx, "ReceiveMessage", in, &out)
	return out.Messages, err
}

// handleEntries numbers receipt handles as batch entries.
func handleEntries(handles []string, extra map[string]any) []map[string]any {
	out := make([]map[string]any, len(handles))
	for i, h := range handles {
		e := map[string]any{"Id": strconv.Itoa(i), "ReceiptHandle": h}
		for k, v := range extra {
			e[k] = v
		}
		out[i] = e
	}
	return out
}

// releaseBatch makes held messages visible again at once (a failed attempt).
func (c *client) releaseBatch(ctx context.Context, url string, handles []string) error {
	return c.handleBatch(ctx, "ChangeMessageVisibilityBatch", url, handles, map[string]any{"VisibilityTimeout": 0})
}

// deleteBatch deletes held messages (a successful attempt).
func (c *client) deleteBatch(ctx context.Context, url string, handles []string) error {
	return c.handleBatch(ctx, "DeleteMessageBatch", url, handles, nil)
}

func (c *client) handleBatch(ctx context.Context, op, url string, handles []string, extra map[string]any) error {
	for len(handles) > 0 {
		n := min(10, len(handles))
		var out batchResult
		in := map[string]any{"QueueUrl": url, "Entries": handleEntries(handles[:n], extra)}
		if err := c.call(ctx, op, in, &out); err != nil {
			return err
		}
		if err := out.err(op); err != nil {
			return err
		}
		handles = handles[n:]
	}
	return nil
}

func receiptHandles(msgs []message) []string {
	hs := make([]string, len(msgs))
	for i, m := range msgs {
		hs[i] = m.ReceiptHandle
	}
	return hs
}
