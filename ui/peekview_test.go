package ui

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"
	"unicode/utf8"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/sqscope/sqscope/model"
)

// hostilePath is the shared corpus of hostile messages; CI places shared/
// beside the repository.
const hostilePath = "../../shared/testdata/hostile-messages.json"

// hostileMessages loads the corpus as messages: every body as a message,
// and a message carrying the Binary attributes and hostile text in every
// other field that reaches the screen. It fails the test when the file is
// missing: skipping would hide that nothing was checked.
func hostileMessages(t testing.TB) []model.Message {
	t.Helper()
	data, err := os.ReadFile(hostilePath)
	if err != nil {
		t.Fatalf("hostile corpus missing (%v): it must be at %s relative to ui/", err, hostilePath)
	}
	var f struct {
		Bodies []struct{ Name, Body string }
		Binary []struct {
			Name, Attr, Type string
			ValueB64         string `json:"value_b64"`
		} `json:"binary_attributes"`
	}
	if err := json.Unmarshal(data, &f); err != nil {
		t.Fatal(err)
	}
	if len(f.Bodies) == 0 || len(f.Binary) == 0 {
		t.Fatalf("hostile corpus has %d bodies and %d binary attributes", len(f.Bodies), len(f.Binary))
	}
	var msgs []model.Message
	evil := "\x1b[2J\x9b31m\u202e\r\x07\x00\x7f"
	attrs := map[string]model.MessageAttribute{"note" + evil: {DataType: "String.x" + evil, StringValue: "v" + evil}}
	for i, b := range f.Bodies {
		m := testMessage(i, b.Body, 1)
		m.Attributes = map[string]model.MessageAttribute{b.Name: {DataType: "String", StringValue: b.Body}}
		msgs = append(msgs, m)
	}
	for _, b := range f.Binary {
		v, err := base64.StdEncoding.DecodeString(b.ValueB64)
		if err != nil {
			t.Fatalf("%s: %v", b.Name, err)
		}
		attrs[b.Attr] = model.MessageAttribute{DataType: b.Type, BinaryValue: v}
	}
	m := testMessage(len(msgs), "binary attributes"+evil, 1)
	m.ID += evil
	m.Attributes = attrs
	m.GroupID, m.DedupID, m.SequenceNumber = "g"+evil, "d"+evil, "s"+evil
	m.System["SenderId"] = "AIDA" + evil
	m.System["Custom"+evil] = evil
	return append(msgs, m)
}

// assertSafe fails when frame holds any byte a terminal acts on: a C0
// control other than '\n', DEL, ESC, a C1 control, or invalid UTF-8. The
// frame must come from bareStyles, so that ESC cannot be ours.
func assertSafe(t *testing.T, what, frame string) {
	t.Helper()
	if !utf8.ValidString(frame) {
		t.Errorf("%s: invalid UTF-8 in the frame", what)
	}
	for i, r := range frame {
		if (r < 0x20 && r != '\n') || r == 0x7f || (r >= 0x80 && r <= 0x9f) {
			line := strings.Count(frame[:i], "\n")
			t.Errorf("%s: control %U on row %d: %q", what, r, line, strings.Split(frame, "\n")[line])
			return
		}
	}
}

func TestPeekRendersHostileMessagesSafely(t *testing.T) {
	msgs := hostileMessages(t)
	for _, size := range goldenSizes {
		a, f := peekApp(t, size.w, size.h)
		a.st = bareStyles() // the panes hold a pointer to a.st
		f.messages[testQueue("orders-dlq", 0, 0, 0, "").URL] = msgs
		openPeek(t, a, "orders-dlq")
		if len(a.peek.msgs) != peekPage && len(a.peek.msgs) != len(msgs) {
			t.Fatalf("%d messages shown", len(a.peek.msgs))
		}
		press(a, "g")
		for i := range a.peek.msgs {
			name := fmt.Sprintf("%dx%d message %d", size.w, size.h, i)
			assertSafe(t, name+" list", a.View().Content)
			press(a, "tab")
			for _, mode := range []string{"", "v", "v", "d", "b"} {
				if mode != "" {
					press(a, mode)
				}
				assertSafe(t, name+" top "+mode, a.View().Content)
				a.peek.body.off = a.peek.body.total() / 2
				assertSafe(t, name+" middle "+mode, a.View().Content)
				press(a, "G")
				assertSafe(t, name+" bottom "+mode, a.View().Content)
				assertFits(t, a.View().Content, size.w, size.h)
				press(a, "g")
			}
			press(a, "d", "b", "tab", "j")
		}
	}
}

// peekGoldenStates are the peek pane's screens at each golden size.
var peekGoldenStates = []struct {
	name  string
	queue string
	keys  []string
}{
	{name: "peek_confirm", queue: "orders"},
	{name: "peek_json", queue: "orders-dlq"},
	{name: "peek_attributes", queue: "orders-dlq", keys: []string{"tab", "G"}},
	{name: "peek_fifo", queue: "payments.fifo", keys: []string{"space", "tab", "j", "j", "j", "j", "j"}},
	{name: "peek_filter", queue: "orders-dlq", keys: []string{"/", "o", "r", "d", "-", "1", "0", "0", "3", "enter"}},
	{name: "peek_export", queue: "orders-dlq", keys: []string{"space", "e"}},
}

func TestGoldenPeek(t *testing.T) {
	for _, size := range goldenSizes {
		for _, st := range peekGoldenStates {
			t.Run(fmt.Sprintf("%dx%d/%s", size.w, size.h, st.name), func(t *testing.T) {
				a, _ := peekApp(t, size.w, size.h)
				if st.name == "peek_confirm" {
					selectQueue(t, a, st.queue)
					press(a, "p")
				} else {
					openPeek(t, a, st.queue)
				}
				press(a, st.keys...)
				content := a.View().Content
				assertFits(t, content, size.w, size.h)
				golden.RequireEqual(t, ansi.Strip(content))
			})
		}
	}
}

// Every peek screen fits every size, tiny ones included.
func TestPeekNothingOverflowsAtAnySize(t *testing.T) {
	for _, size := range []struct{ w, h int }{
		{80, 24}, {100, 30}, {120, 36}, {200, 60}, {60, 15}, {40, 10}, {20, 5}, {1, 1},
	} {
		for _, st := range peekGoldenStates {
			t.Run(fmt.Sprintf("%dx%d/%s", size.w, size.h, st.name), func(t *testing.T) {
				a, _ := peekApp(t, 120, 36)
				if st.name == "peek_confirm" {
					selectQueue(t, a, st.queue)
					press(a, "p")
				} else {
					openPeek(t, a, st.queue)
				}
				press(a, st.keys...)
				a.Update(tea.WindowSizeMsg{Width: size.w, Height: size.h})
				assertFits(t, a.View().Content, size.w, size.h)
			})
		}
	}
}

// JSON is highlighted in colour, and not at all under NO_COLOR.
func TestPeekNoColor(t *testing.T) {
	render := func() string {
		a, _ := peekApp(t, 120, 36)
		openPeek(t, a, "orders-dlq")
		return a.View().Content
	}
	t.Setenv("NO_COLOR", "")
	if !strings.Contains(render(), "\x1b[32m\"ORD-1001\"") {
		t.Fatal("JSON strings not coloured in the default theme; this test could not fail")
	}
	t.Setenv("NO_COLOR", "1")
	out := render()
	if c := colourParams(out); len(c) > 0 {
		t.Errorf("NO_COLOR set but colour parameters %v rendered", c)
	}
	if !strings.Contains(ansi.Strip(out), `"orderId": "ORD-1001"`) {
		t.Error("the body is not shown without colour")
	}
}
