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

	"github.com/sqscope/sqscope/model"
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
	if !a.peekOpen() || len(a.peek.Shown()) != 5 {
		t.Fatalf("esc with a filter: pane open %v, %d shown", a.peekOpen(), len(a.peek.Shown()))
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
	want := []string{a.peek.msgs[0].ID, a.peek.msgs[2].ID}
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
	if a.prompt == nil {
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
	var recs []exportRecord
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(nil, 4<<20)
	for sc.Scan() {
		var r exportRecord
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
	if a.prompt == nil || a.prompt.input.Value() != path {
		t.Fatalf("after the refusal the prompt is gone or lost the path: %+v", a.prompt)
	}
	other := path + ".2"
	a.Update(tea.PasteMsg{Content: ".2"})
	_, cmd = a.Update(keyMsg("enter"))
	drive(a, cmd)
	if s := screen(a); !strings.Contains(s, "exported 5 messages to "+other) || a.prompt != nil {
		t.Errorf("the second path was not used:\n%s", s)
	}
}

func TestPeekCopy(t *testing.T) {
	a, _ := peekApp(t, 120, 36)
	openPeek(t, a, "orders-dlq")
	cmd := press(a, "y")
	if cmd == nil || !strings.Contains(screen(a), "copied "+plural(len(dlqMessages(t)[0].Body), "byte")) {
		t.Fatalf("y did not copy:\n%s", screen(a))
	}
	if got, want := cmd(), tea.SetClipboard(dlqMessages(t)[0].Body)(); got != want {
		t.Errorf("clipboard got %q, want the raw body", got)
	}
	// A body over the limit is cut, and the user is told.
	a.peek.msgs[0].Body = strings.Repeat("é", copyLimit) // 2 bytes each
	a.peek.showCurrent()
	cmd = press(a, "y")
	if !strings.Contains(screen(a), "copied the first 102,400 bytes of 204,800 bytes") {
		t.Errorf("cut copy not reported:\n%s", screen(a))
	}
	if got := cmd(); got != tea.SetClipboard(strings.Repeat("é", copyLimit/2))() {
		t.Error("clipboard not cut at the limit on a rune boundary")
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

func TestPagerArgv(t *testing.T) {
	for _, c := range []struct {
		pager string
		want  []string
	}{
		{"", []string{"less", "-+R", "-+r", "/tmp/b"}},
		{"less -S", []string{"less", "-+R", "-+r", "-S", "/tmp/b"}},
		{"/usr/bin/less -R", []string{"/usr/bin/less", "-+R", "-+r", "-R", "/tmp/b"}}, // the user's explicit choice
		{"more", []string{"more", "/tmp/b"}},
	} {
		if got := pagerArgv(c.pager, "/tmp/b"); !slices.Equal(got, c.want) {
			t.Errorf("PAGER=%q: %q, want %q", c.pager, got, c.want)
		}
	}
}

// A body that is not valid UTF-8 (localsqs accepts one) survives export
// byte for byte.
func TestExportKeepsInvalidUTF8(t *testing.T) {
	m := testMessage(0, "M\xfcller\x00", 1)
	var buf bytes.Buffer
	if err := writeJSONL(&buf, "q", []model.Message{m}); err != nil {
		t.Fatal(err)
	}
	var r exportRecord
	if err := json.Unmarshal(buf.Bytes(), &r); err != nil {
		t.Fatal(err)
	}
	if string(r.BodyBase64) != m.Body {
		t.Errorf("body not kept exactly: %q", r.BodyBase64)
	}
	if strings.ContainsRune(buf.String(), 0) || strings.Count(buf.String(), "\n") != 1 {
		t.Errorf("export line holds raw control bytes: %q", buf.String())
	}
}
