package compose

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/sqscope/sqscope/awsclient"
	"github.com/sqscope/sqscope/model"
	"github.com/sqscope/sqscope/ui/dialog"
)

// writeFile writes lines to a file in a temporary directory.
func writeFile(t *testing.T, lines ...string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "sends.jsonl")
	if err := os.WriteFile(path, []byte(strings.Join(lines, "\n")+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// askFile presses F on orders and enters path.
func (r *rig) askFile(queue, path string) {
	r.t.Helper()
	r.keyOn("F", sendTarget(queue))
	r.paste(path)
	r.press("enter")
}

// A file with a line that is not JSON, one SQS would refuse, a blank one,
// and one SQS refuses when sent: the question names the file, the count
// and the queue and lists what is skipped and why; the report names every
// line that did not go. Nothing is dropped silently.
func TestSendFromFileReportsEveryLine(t *testing.T) {
	r := newRig(t, false)
	path := writeFile(t,
		`{"Body": "one", "MessageAttributes": {"b": {"DataType": "Binary", "BinaryValue": "AAE="}}}`,
		`{"Body": "two"`,
		`{"Body": ""}`,
		``,
		`{"MessageId": "m-5", "Body": "five", "Attributes": {"SentTimestamp": "1"}, "Queue": "http://x/orders-dlq"}`,
		`{"Body": "six", "DelaySeconds": 3}`,
		`{"Body": "seven", "MessageAtributes": {"b": {"DataType": "String", "StringValue": "lost"}}}`,
	)
	r.f.Ops.SendFail = map[int]error{1: errors.New("InvalidParameterValue: refused")} // line 5, the second sent
	r.askFile("orders", path)
	title := r.confirm()
	if title != "Send 3 messages from sends.jsonl to orders?" {
		t.Fatalf("asked %q; said %q", title, r.said)
	}
	body := r.stack.Top().View()
	mustContain(t, "the question", body, "3 lines skipped", "line 2: not a record", "line 3: Body: a message needs a body",
		`line 7: unknown field "MessageAtributes"`)
	r.press("y")
	s := r.sends()
	want := []model.Outgoing{
		{Body: "one", Attributes: map[string]model.MessageAttribute{"b": {DataType: "Binary", BinaryValue: []byte{0, 1}}}},
		{Body: "five"},
		{Body: "six", DelaySeconds: 3},
	}
	if len(s) != 1 || !reflect.DeepEqual(s[0].Outgoing, want) {
		t.Fatalf("sent %+v, want %+v", s, want)
	}
	rep, ok := r.stack.Top().(*dialog.Note)
	if !ok {
		t.Fatalf("no report: %T; said %q", r.stack.Top(), r.said)
	}
	view := rep.View()
	mustContain(t, "the report", view, "2 sent, 1 failed, 3 lines skipped",
		"line 2: skipped: not a record", "line 3: skipped: Body:", "line 5: failed: InvalidParameterValue: refused")
	if strings.Index(view, "line 3:") > strings.Index(view, "line 5:") {
		t.Error("the report is not in line order")
	}
	mustContain(t, "notice", r.last(), "sends.jsonl → orders: 2 sent, 1 failed, 3 lines skipped")
	r.press("enter")
	if r.stack.Len() != 0 {
		t.Error("enter did not close the report")
	}
}

// A large file goes in chunks, the status line counting; a call that
// fails whole stops the run, and each line it did not try is reported.
func TestSendFromFileInChunks(t *testing.T) {
	var lines []string
	for i := range 250 {
		lines = append(lines, fmt.Sprintf(`{"Body": "m%d"}`, i))
	}
	path := writeFile(t, lines...)
	t.Run("all", func(t *testing.T) {
		r := newRig(t, false)
		r.askFile("orders", path)
		r.press("y")
		var sizes []int
		for _, c := range r.sends() {
			sizes = append(sizes, len(c.Outgoing))
		}
		if !reflect.DeepEqual(sizes, []int{100, 100, 50}) {
			t.Errorf("chunks %v", sizes)
		}
		mustContain(t, "progress", strings.Join(r.shown, "\n"), "0 of 250 sent", "100 of 250 sent", "200 of 250 sent")
		if st := r.p.Status(); st != "" {
			t.Errorf("progress still shown after the end: %q", st)
		}
		mustContain(t, "notice", r.last(), "250 sent")
		if r.stack.Len() != 0 {
			t.Errorf("a report with nothing to report: %T", r.stack.Top())
		}
	})
	t.Run("stops", func(t *testing.T) {
		r := newRig(t, false)
		r.p.client = &failAfter{Operator: r.f, n: 1}
		r.askFile("orders", path)
		r.press("y")
		rep := r.stack.Top().(*dialog.Note)
		mustContain(t, "notice", r.last(), "100 sent, 150 failed")
		mustContain(t, "the report", rep.View(), "lines 101–200 (100): failed: throttled",
			"lines 201–250 (50): failed: not tried: the send stopped (throttled)")
	})
}

// failAfter lets n calls through, then fails every call whole.
type failAfter struct {
	awsclient.Operator
	n int
}

func (f *failAfter) Send(ctx context.Context, url string, msgs []model.Outgoing) (awsclient.SendReport, error) {
	if f.n == 0 {
		return awsclient.SendReport{}, errors.New("throttled")
	}
	f.n--
	return f.Operator.Send(ctx, url, msgs)
}

// A path may start with ~/, as in a shell; a path that cannot be read
// brings the prompt back, as typed, with the reason.
func TestSendFromFilePaths(t *testing.T) {
	r := newRig(t, false)
	home := t.TempDir()
	t.Setenv("HOME", home)
	if err := os.WriteFile(filepath.Join(home, "x.jsonl"), []byte(`{"Body": "h"}`+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	r.askFile("orders", "~/nope.jsonl")
	p, ok := r.stack.Top().(*dialog.Prompt)
	if !ok || p.Value() != "~/nope.jsonl" || !strings.Contains(p.View(), "no such file") {
		t.Fatalf("top %T; said %q", r.stack.Top(), r.said)
	}
	r.press("ctrl+u")
	r.paste("~/x.jsonl")
	r.press("enter")
	if got := r.confirm(); got != "Send 1 message from x.jsonl to orders?" {
		t.Errorf("asked %q", got)
	}
}

// An audit log is a file to send too: a delete's line stands for the
// messages it kept in full, a line that kept none for nothing.
func TestSendFromAnAuditLog(t *testing.T) {
	r := newRig(t, false)
	path := writeFile(t,
		`{"time":"2026-11-27T02:00:00Z","op":"send","queue":"orders","outcome":"ok"}`,
		`{"time":"2026-11-27T02:01:00Z","op":"delete","queue":"orders","outcome":"ok","messages":[`+
			`{"MessageId":"m-1","Body":"first","MessageAttributes":{"k":{"DataType":"String","StringValue":"v"}}},`+
			`{"MessageId":"m-2","Body":"second"}]}`,
		`{"Body": "exported"}`,
	)
	r.askFile("orders", path)
	if got := r.confirm(); got != "Send 3 messages from sends.jsonl to orders?" {
		t.Fatalf("asked %q; said %q", got, r.said)
	}
	r.press("y")
	want := []model.Outgoing{
		{Body: "first", Attributes: map[string]model.MessageAttribute{"k": {DataType: "String", StringValue: "v"}}},
		{Body: "second"},
		{Body: "exported"},
	}
	if s := r.sends(); len(s) != 1 || !reflect.DeepEqual(s[0].Outgoing, want) {
		t.Errorf("sent %+v, want %+v", s, want)
	}
}

// Lines sent by a request that was retried after a lost answer are sent,
// and the report names each as possibly there twice.
func TestSendFromFileNamesPossibleDuplicates(t *testing.T) {
	r := newRig(t, false)
	r.p.client = twice{}
	r.askFile("orders", writeFile(t, `{"Body": "a"}`, `{"Body": "b"}`, `{"Body": "c"}`))
	r.press("y")
	mustContain(t, "notice", r.last(), "3 sent, 2 of them possibly twice")
	n, ok := r.stack.Top().(*dialog.Note)
	if !ok {
		t.Fatalf("no report: %T", r.stack.Top())
	}
	mustContain(t, "the report", n.View(), "line 1: sent, possibly twice", "line 3: sent, possibly twice")
}
