package audit

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/sqscope/sqscope/model"
)

func TestReadRecordsReadsExportsAndAuditLines(t *testing.T) {
	exported := model.Record{MessageID: "e1", Body: `{"order":1}`, Queue: "https://sqs/1/orders"}
	deleted := []model.Record{
		{MessageID: "d1", Body: "first", Attributes: map[string]string{"MessageGroupId": "g"},
			MessageAttributes: map[string]model.RecordAttribute{"blob": {DataType: "Binary", BinaryValue: []byte{0, 0xff, 7}}}},
		{MessageID: "d2", Body: "\ufffd", BodyBase64: []byte{0xff}},
	}
	var buf bytes.Buffer
	if err := model.WriteRecords(&buf, []model.Record{exported}); err != nil {
		t.Fatal(err)
	}
	enc := json.NewEncoder(&buf)
	for _, e := range []Entry{
		{Time: time.Unix(1, 0).UTC(), Op: "delete", Queue: "https://sqs/1/orders", Count: 2, Outcome: "ok", Messages: deleted},
		{Time: time.Unix(2, 0).UTC(), Op: "purge", Queue: "https://sqs/1/orders", Count: 40, Outcome: "ok"},
	} {
		if err := enc.Encode(e); err != nil {
			t.Fatal(err)
		}
	}
	buf.WriteString("\n   \nnot json\n")

	recs, lines, bad, err := ReadRecords(&buf)
	if err != nil {
		t.Fatal(err)
	}
	want := append([]model.Record{exported}, deleted...)
	if !reflect.DeepEqual(recs, want) {
		t.Errorf("records:\n got %+v\nwant %+v", recs, want)
	}
	if !reflect.DeepEqual(lines, []int{1, 2, 2}) {
		t.Errorf("lines = %v, want [1 2 2]: the audit line's messages share its number", lines)
	}
	if len(bad) != 1 || bad[0].Line != 6 {
		t.Errorf("bad = %v, want line 6 only (the purge line stands for nothing, blank lines are skipped)", bad)
	}
}

// A delete of many large messages is one audit line, longer than the
// 8 MiB model.ReadRecords allows a line: it must still be read.
func TestReadRecordsReadsALineLongerThanAnyScannerLimit(t *testing.T) {
	big := strings.Repeat("x", 1<<20)
	var msgs []model.Record
	for range 10 {
		msgs = append(msgs, model.Record{Body: big})
	}
	var buf bytes.Buffer
	if err := json.NewEncoder(&buf).Encode(Entry{Op: "delete", Outcome: "ok", Messages: msgs}); err != nil {
		t.Fatal(err)
	}
	buf.Truncate(buf.Len() - 1) // no final newline either
	recs, _, bad, err := ReadRecords(&buf)
	if err != nil || len(bad) > 0 || len(recs) != 10 || recs[9].Body != big {
		t.Fatalf("read %d records, bad %v, err %v; want the 10 messages of the one line", len(recs), bad, err)
	}
}
