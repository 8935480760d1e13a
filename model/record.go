package model

import (
	"encoding/json"
	"fmt"
	"io"
	"unicode/utf8"
)

// Record is one message as a line of JSON: what export writes, what the
// audit log keeps of a deleted or replaced message, what the send editor
// shows and what send-from-file reads. It has the shape of SQS's own
// ReceiveMessage output, so jq recipes and scripts written for the API
// read it unchanged; binary values are base64, as in the API.
//
// The send fields (DelaySeconds, MessageGroupId, MessageDeduplicationId)
// are only written by the editor; a line from an export carries the group
// and dedup ids in Attributes, and Outgoing takes the group id from there
// (the dedup id it derives: see Outgoing).
type Record struct {
	MessageID string `json:"MessageId,omitempty"`
	Body      string `json:"Body"`
	// BodyBase64 is the exact body when it is not valid UTF-8 (which JSON
	// strings cannot carry: Body then has U+FFFD in place of bad bytes).
	BodyBase64        []byte                     `json:"BodyBase64,omitempty"`
	MD5OfBody         string                     `json:"MD5OfBody,omitempty"`
	Attributes        map[string]string          `json:"Attributes,omitempty"`
	MessageAttributes map[string]RecordAttribute `json:"MessageAttributes,omitempty"`
	Queue             string                     `json:"Queue,omitempty"` // the queue it was read from

	DelaySeconds           int    `json:"DelaySeconds,omitempty"`
	MessageGroupID         string `json:"MessageGroupId,omitempty"`
	MessageDeduplicationID string `json:"MessageDeduplicationId,omitempty"`
}

// RecordAttribute is one message attribute in a Record.
type RecordAttribute struct {
	DataType    string `json:"DataType"`
	StringValue string `json:"StringValue,omitempty"`
	BinaryValue []byte `json:"BinaryValue,omitempty"`
}

// RecordOf is m as read from queueURL.
func RecordOf(m Message, queueURL string) Record {
	r := Record{MessageID: m.ID, Body: m.Body, MD5OfBody: m.MD5OfBody, Attributes: m.System, Queue: queueURL}
	if !utf8.ValidString(m.Body) {
		r.BodyBase64 = []byte(m.Body)
	}
	if len(m.Attributes) > 0 {
		r.MessageAttributes = make(map[string]RecordAttribute, len(m.Attributes))
		for k, a := range m.Attributes {
			r.MessageAttributes[k] = RecordAttribute{DataType: a.DataType, StringValue: a.StringValue, BinaryValue: a.BinaryValue}
		}
	}
	return r
}

// WriteRecords writes one JSON object per record. HTML escaping is off so
// that bodies read as they were sent; encoding/json still escapes every
// control character, so the output is safe to cat.
func WriteRecords(w io.Writer, recs []Record) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for _, r := range recs {
		if err := enc.Encode(r); err != nil {
			return err
		}
	}
	return nil
}

// LineError is a line of a records file that could not be read.
type LineError struct {
	Line int // 1-based
	Err  error
}

func (e LineError) Error() string { return fmt.Sprintf("line %d: %v", e.Line, e.Err) }

// Outgoing is one message ready to send: what SendMessage takes. A Record
// becomes one through Record.Outgoing, which is where validation happens.
type Outgoing struct {
	Body         string
	Attributes   map[string]MessageAttribute
	DelaySeconds int
	GroupID      string // FIFO (and fair queues): MessageGroupId
	DedupID      string // FIFO only: MessageDeduplicationId
}
