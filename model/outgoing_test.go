package model

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestOutgoingValidate(t *testing.T) {
	str := func(v string) map[string]MessageAttribute {
		return map[string]MessageAttribute{"a": {DataType: "String", StringValue: v}}
	}
	std, fifo, fifoCBD := SendRules{}, SendRules{FIFO: true}, SendRules{FIFO: true, ContentDedup: true}
	tests := []struct {
		name  string
		o     Outgoing
		rules SendRules
		want  string // a part of the error; "" for none
	}{
		{"plain", Outgoing{Body: "hello"}, std, ""},
		{"empty body", Outgoing{}, std, "at least one character"},
		{"NUL in body", Outgoing{Body: "a\x00b"}, std, "U+0000 at byte 1"},
		{"invalid UTF-8", Outgoing{Body: "M\xfcller"}, std, "byte 1 is not UTF-8"},
		{"U+FFFF", Outgoing{Body: "x\uffff"}, std, "U+FFFF"},
		{"too big", Outgoing{Body: strings.Repeat("x", MaxMessageSize-1), Attributes: str("yz")}, std, "at most 1 MiB"},
		{"exactly 1 MiB", Outgoing{Body: strings.Repeat("x", MaxMessageSize)}, std, ""},
		{"number", Outgoing{Body: "x", Attributes: map[string]MessageAttribute{"n": {DataType: "Number.int", StringValue: "12.5e3"}}}, std, ""},
		{"not a number", Outgoing{Body: "x", Attributes: map[string]MessageAttribute{"n": {DataType: "Number", StringValue: "twelve"}}}, std, `"twelve" is not a number`},
		{"no type", Outgoing{Body: "x", Attributes: map[string]MessageAttribute{"n": {StringValue: "v"}}}, std, "DataType is missing"},
		{"bad type", Outgoing{Body: "x", Attributes: map[string]MessageAttribute{"n": {DataType: "Int", StringValue: "1"}}}, std, `"Int" is not String`},
		{"empty binary", Outgoing{Body: "x", Attributes: map[string]MessageAttribute{"b": {DataType: "Binary"}}}, std, "needs a BinaryValue"},
		{"binary", Outgoing{Body: "x", Attributes: map[string]MessageAttribute{"b": {DataType: "Binary", BinaryValue: []byte{0, 1}}}}, std, ""},
		{"reserved name", Outgoing{Body: "x", Attributes: map[string]MessageAttribute{"AWS.trace": {DataType: "String", StringValue: "v"}}}, std, "reserved"},
		{"bad name", Outgoing{Body: "x", Attributes: map[string]MessageAttribute{"a b": {DataType: "String", StringValue: "v"}}}, std, "only letters"},
		{"empty value", Outgoing{Body: "x", Attributes: str("")}, std, "needs a StringValue"},
		{"delay", Outgoing{Body: "x", DelaySeconds: 901}, std, "outside 0–900"},
		{"dedup on standard", Outgoing{Body: "x", DedupID: "d"}, std, "only a FIFO queue"},
		{"fifo needs group", Outgoing{Body: "x", DedupID: "d"}, fifo, "MessageGroupId: a FIFO queue needs one"},
		{"fifo needs dedup", Outgoing{Body: "x", GroupID: "g"}, fifo, "no content-based deduplication"},
		{"fifo content dedup", Outgoing{Body: "x", GroupID: "g"}, fifoCBD, ""},
		{"fifo delay", Outgoing{Body: "x", GroupID: "g", DelaySeconds: 5}, fifoCBD, "no per-message delay"},
		{"group with space", Outgoing{Body: "x", GroupID: "g 1"}, fifoCBD, "no spaces"},
		{"long dedup", Outgoing{Body: "x", GroupID: "g", DedupID: strings.Repeat("d", 129)}, fifo, "at most 128"},
	}
	for _, tt := range tests {
		err := tt.o.Validate(tt.rules)
		switch {
		case tt.want == "" && err != nil:
			t.Errorf("%s: %v, want no error", tt.name, err)
		case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
			t.Errorf("%s: %v, want an error with %q", tt.name, err, tt.want)
		}
	}
}

// An exported line carries the FIFO ids in Attributes and a body that is
// not UTF-8 in BodyBase64; Outgoing takes both from there.
func TestRecordOutgoingFromAnExportLine(t *testing.T) {
	var rec Record
	if err := json.Unmarshal([]byte(`{"MessageId":"m1","Body":"M\ufffdller","BodyBase64":"TfxsbGVy","Attributes":{"MessageGroupId":"g1","MessageDeduplicationId":"d1"},"MessageAttributes":{"bin":{"DataType":"Binary","BinaryValue":"AAE="}}}`), &rec); err != nil {
		t.Fatal(err)
	}
	o := rec.Outgoing()
	// The dedup id is derived from the message's id, not the original's:
	// SQS would swallow the copy inside the original's 5-minute window.
	if o.Body != "M\xfcller" || o.GroupID != "g1" || o.DedupID != "resend-m1" || string(o.Attributes["bin"].BinaryValue) != "\x00\x01" {
		t.Errorf("Outgoing = %+v", o)
	}
	if d := (Record{Body: "b", Attributes: map[string]string{"MessageDeduplicationId": "d1"}}).Outgoing().DedupID; d != "d1" {
		t.Errorf("a record read from no queue: dedup id %q, want its own d1", d)
	}
	rec = Record{Body: "b", MessageGroupID: "top", Attributes: map[string]string{"MessageGroupId": "old"}}
	if g := rec.Outgoing().GroupID; g != "top" {
		t.Errorf("the send field should win over the export's attribute: %q", g)
	}
}
