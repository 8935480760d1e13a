package model

import (
	"bufio"
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

// ReadRecords reads a JSONL file of records. Blank lines are skipped; a
// line that is not a record is returned as a LineError and the others are
// still read, so one bad line never hides the rest. lines[i] is the line
// number of recs[i].
func ReadRecords(r io.Reader) (recs []Record, lines []int, bad []LineError, err error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), 8<<20) // a 1 MiB body is ~6 MiB of escaped JSON at worst
	n := 0
	for sc.Scan() {
		n++
		text := sc.Bytes()
		if len(trimSpace(text)) == 0 {
			continue
		}
		var rec Record
		if err := json.Unmarshal(text, &rec); err != nil {
			bad = append(bad, LineError{Line: n, Err: err})
			continue
		}
		recs = append(recs, rec)
		lines = append(lines, n)
	}
	return recs, lines, bad, sc.Err()
}

func trimSpace(b []byte) []byte {
	for len(b) > 0 && (b[0] == ' ' || b[0] == '\t' || b[0] == '\r') {
		b = b[1:]
	}
	for len(b) > 0 && (b[len(b)-1] == ' ' || b[len(b)-1] == '\t' || b[len(b)-1] == '\r') {
		b = b[:len(b)-1]
	}
	return b
}

// Outgoing is one message ready to send: what SendMessage takes. A Record
// becomes one through Record.Outgoing, which is where validation happens.
type Outgoing struct {
	Body         string
	Attributes   map[string]MessageAttribute
	DelaySeconds int
	GroupID      string // FIFO (and fair queues): MessageGroupId
	DedupID      string // FIFO only: MessageDeduplicationId
}
