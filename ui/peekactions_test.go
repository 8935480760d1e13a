package ui

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/sqscope/sqscope/ui/common"
	"github.com/sqscope/sqscope/ui/dialog"
)

func TestPeekFilterAndSelection(t *testing.T) {
	a, _ := peekApp(t, 120, 36)
	openPeek(t, a, "orders-dlq")
	press(a, "/")
	typeText(a, "ORD-100")
	press(a, "backspace")
	typeText(a, "01")
	press(a, "enter")
	// ORD-1001 in the first body; "traceId" value matching works too.
	if got := len(a.peek.Shown()); got != 1 {
		t.Fatalf("filter ORD-1001 shows %d messages", got)
	}
	if s := screen(a); !strings.Contains(s, "filter: ORD-1001") || !strings.Contains(s, "(1 of 5)") {
		t.Errorf("filter not shown with its count:\n%s", s)
	}
	press(a, "esc") // clears the filter, keeps the pane
	if !a.peek.Open() || len(a.peek.Shown()) != 5 {
		t.Fatalf("esc with a filter: pane open %v, %d shown", a.peek.Open(), len(a.peek.Shown()))
	}
	press(a, "/")
	typeText(a, "abc-123") // an attribute value, case-insensitively below
	press(a, "enter")
	if len(a.peek.Shown()) != 1 {
		t.Errorf("attribute filter shows %d", len(a.peek.Shown()))
	}
	press(a, "esc", "/")
	typeText(a, "REFUND")
	press(a, "enter")
	if len(a.peek.Shown()) != 1 {
		t.Errorf("case-insensitive filter shows %d", len(a.peek.Shown()))
	}
	press(a, "esc")

	press(a, "g", "space", "j", "space") // space marks and moves down
	sel := a.peek.Selection()
	ids := make([]string, len(sel))
	for i, m := range sel {
		ids[i] = m.ID
	}
	want := []string{a.peek.Messages()[0].ID, a.peek.Messages()[2].ID}
	if !slices.Equal(ids, want) {
		t.Errorf("selection %v, want %v", ids, want)
	}
	s := screen(a)
	if !strings.Contains(s, "2 selected") || strings.Count(s, " *7f3c") != 2 {
		t.Errorf("selection not shown:\n%s", s)
	}
	press(a, "k", "space") // unmark the third
	if len(a.peek.Selection()) != 1 {
		t.Errorf("space did not unmark: %d selected", len(a.peek.Selection()))
	}
}

func TestPeekExportJSONL(t *testing.T) {
	a, _ := peekApp(t, 120, 36)
	openPeek(t, a, "orders-dlq")
	press(a, "e")
	if !prompting(a) {
		t.Fatal("e asks for no path")
	}
	if s := screen(a); !strings.Contains(s, "export 5 shown messages to: ./orders-dlq-20261127-030015.jsonl") {
		t.Errorf("prompt lacks the default path:\n%s", s)
	}
	path := filepath.Join(t.TempDir(), "out.jsonl")
	press(a, "ctrl+u")
	a.Update(tea.PasteMsg{Content: path})
	_, cmd := a.Update(keyMsg("enter"))
	drive(a, cmd)
	if s := screen(a); !strings.Contains(s, "exported 5 messages to "+path) {
		t.Errorf("no export report:\n%s", s)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o600 {
		t.Errorf("export readable by others: %v", fi.Mode())
	}
	var recs []exportLine
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(nil, 4<<20)
	for sc.Scan() {
		var r exportLine
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatalf("line %d is not JSON: %v", len(recs)+1, err)
		}
		recs = append(recs, r)
	}
	want := dlqMessages(t)
	if len(recs) != len(want) {
		t.Fatalf("%d records, want %d", len(recs), len(want))
	}
	for i, r := range recs {
		m := want[i]
		if r.MessageID != m.ID || r.Body != m.Body || r.MD5OfBody != m.MD5OfBody {
			t.Errorf("record %d: %+v", i, r)
		}
		for k, v := range m.System {
			if r.Attributes[k] != v {
				t.Errorf("record %d system attribute %s = %q, want %q", i, k, r.Attributes[k], v)
			}
		}
		for k, v := range m.Attributes {
			got := r.MessageAttributes[k]
			if got.DataType != v.DataType || got.StringValue != v.StringValue || !bytes.Equal(got.BinaryValue, v.BinaryValue) {
				t.Errorf("record %d attribute %s = %+v, want %+v", i, k, got, v)
			}
		}
	}

	// An existing file is never overwritten.
	press(a, "e", "ctrl+u")
	a.Update(tea.PasteMsg{Content: path})
	_, cmd = a.Update(keyMsg("enter"))
	drive(a, cmd)
	if s := screen(a); !strings.Contains(s, "file exists") {
		t.Errorf("overwrite not refused:\n%s", s)
	}
	// The prompt stays, with the path as typed, for another try.
	if pr, ok := a.dialogs.Top().(*dialog.Prompt); !ok || pr.Value() != path {
		t.Fatalf("after the refusal the prompt is gone or lost the path: %+v", a.dialogs.Top())
	}
	other := path + ".2"
	a.Update(tea.PasteMsg{Content: ".2"})
	_, cmd = a.Update(keyMsg("enter"))
	drive(a, cmd)
	if s := screen(a); !strings.Contains(s, "exported 5 messages to "+other) || prompting(a) {
		t.Errorf("the second path was not used:\n%s", s)
	}
}

func TestPeekCopy(t *testing.T) {
	a, _ := peekApp(t, 120, 36)
	openPeek(t, a, "orders-dlq")
	cmd := press(a, "y")
	if cmd == nil || !strings.Contains(screen(a), "copied "+common.Plural(len(dlqMessages(t)[0].Body), "byte")) {
		t.Fatalf("y did not copy:\n%s", screen(a))
	}
	if got, want := cmd(), tea.SetClipboard(dlqMessages(t)[0].Body)(); got != want {
		t.Errorf("clipboard got %q, want the raw body", got)
	}
}

func TestPeekDecodeAndRaw(t *testing.T) {
	// Wide enough that the DLQ pane beside it leaves the notes whole.
	a, _ := peekApp(t, 160, 36)
	openPeek(t, a, "orders-dlq")
	press(a, "j", "j", "j") // the gzip+base64 body
	press(a, "d")
	s := screen(a)
	if !strings.Contains(s, "decoded from gzip+base64") || !strings.Contains(s, `"compressed": true`) {
		t.Errorf("d did not decode:\n%s", s)
	}
	press(a, "j") // broken JSON: raw, with a note
	if s := screen(a); !strings.Contains(s, "not valid JSON at offset") {
		t.Errorf("no note on broken JSON:\n%s", s)
	}
	press(a, "d", "g")
	if s := screen(a); !strings.Contains(s, `"orderId": "ORD-1001"`) {
		t.Errorf("JSON not pretty-printed:\n%s", s)
	}
	press(a, "v")
	if s := screen(a); !strings.Contains(s, `{"orderId":"ORD-1001","amount":42.5`) || !strings.Contains(s, "Body · raw") {
		t.Errorf("v did not show the raw body:\n%s", s)
	}
}

// exportLine is one line of an export as a reader of the file sees it:
// the shape of SQS's own ReceiveMessage output.
type exportLine struct {
	MessageID         string            `json:"MessageId"`
	Body              string            `json:"Body"`
	BodyBase64        []byte            `json:"BodyBase64"`
	MD5OfBody         string            `json:"MD5OfBody"`
	Attributes        map[string]string `json:"Attributes"`
	MessageAttributes map[string]struct {
		DataType    string `json:"DataType"`
		StringValue string `json:"StringValue"`
		BinaryValue []byte `json:"BinaryValue"`
	} `json:"MessageAttributes"`
	Queue string `json:"Queue"`
}
