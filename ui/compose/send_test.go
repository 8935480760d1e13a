package compose

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/sqscope/sqscope/awsclient"
	"github.com/sqscope/sqscope/model"
	"github.com/sqscope/sqscope/ui/internal/uitest"
)

// A draft typed into the template is checked, asked about (naming the
// queue and the size) and sent exactly as written.
func TestSendTypedIntoTheTemplate(t *testing.T) {
	r := newRig(t, false)
	r.keyOn("S", sendTarget("orders"))
	mustContain(t, "template", r.editor().Value(), `"Body": ""`, `"MessageAttributes": {}`, `"DelaySeconds": 0`)
	r.paste("order 42 shipped") // the cursor starts inside the Body's quotes
	r.press("ctrl+s")
	if got, want := r.confirm(), "Send 1 message (16 bytes) to orders?"; got != want {
		t.Fatalf("asked %q, want %q", got, want)
	}
	if len(r.sends()) != 0 {
		t.Fatal("sent before the answer")
	}
	r.press("y")
	s := r.sends()
	if len(s) != 1 || s[0].Queue != q("orders").URL {
		t.Fatalf("sends %+v", s)
	}
	if want := []model.Outgoing{{Body: "order 42 shipped"}}; !reflect.DeepEqual(s[0].Outgoing, want) {
		t.Errorf("sent %+v, want %+v", s[0].Outgoing, want)
	}
	if got := r.last(); got != "sent to orders: message id sent-0" {
		t.Errorf("said %q", got)
	}
	if r.p.kept["send "+q("orders").URL] != "" {
		t.Error("a sent draft is still kept")
	}
}

// Every field of the record reaches Send: attributes of every type (a
// Binary one from its base64), delay; a FIFO draft its group and dedup id.
func TestSendCarriesEveryField(t *testing.T) {
	for _, tc := range []struct {
		queue, draft string
		want         model.Outgoing
	}{
		{"orders", `{"Body": "b", "DelaySeconds": 7, "MessageAttributes": {
			"who": {"DataType": "String", "StringValue": "ops"},
			"n": {"DataType": "Number", "StringValue": "3.5"},
			"blob": {"DataType": "Binary", "BinaryValue": "AAEbmw=="}}}`,
			model.Outgoing{Body: "b", DelaySeconds: 7, Attributes: map[string]model.MessageAttribute{
				"who":  {DataType: "String", StringValue: "ops"},
				"n":    {DataType: "Number", StringValue: "3.5"},
				"blob": {DataType: "Binary", BinaryValue: []byte{0, 1, 0x1b, 0x9b}},
			}}},
		{"payments.fifo", `{"Body": "p", "MessageGroupId": "customer-7", "MessageDeduplicationId": "d-1"}`,
			model.Outgoing{Body: "p", GroupID: "customer-7", DedupID: "d-1"}},
	} {
		t.Run(tc.queue, func(t *testing.T) {
			r := newRig(t, false)
			r.p.kept["send "+q(tc.queue).URL] = tc.draft
			r.keyOn("S", sendTarget(tc.queue))
			r.press("ctrl+s")
			if tc.want.DedupID != "" {
				mustContain(t, "the question", ansi.Strip(r.stack.Top().View()), "group customer-7 · dedup id d-1",
					"dedup id it saw in the last 5 minutes")
			}
			r.press("y")
			s := r.sends()
			if len(s) != 1 || !reflect.DeepEqual(s[0].Outgoing, []model.Outgoing{tc.want}) {
				t.Errorf("sent %+v, want %+v; said %q", s, tc.want, r.said)
			}
		})
	}
}

// A draft that fails a check is sent nowhere: the editor opens again on
// the very text, with the reason and where it is.
func TestInvalidDraftKeepsItsTextAndSendsNothing(t *testing.T) {
	for _, tc := range []struct {
		name, queue, draft, reason string
	}{
		{"typo", "orders", "{\n  \"Bdy\": \"hello\"\n}", `line 2, column 3: unknown field "Bdy"`},
		{"syntax", "orders", "{\n  \"Body\": \"x\",\n}", "line 3, column 1: not JSON: invalid character '}'"},
		{"attribute type", "orders", `{"Body": "x", "MessageAttributes": {"a": {"DataType": "Strin", "StringValue": "v"}}}`,
			`line 1: MessageAttributes.a: DataType "Strin" is not String, Number or Binary`},
		{"fifo group", "payments.fifo", "{\n\"Body\": \"x\"\n}", "MessageGroupId: a FIFO queue needs one"},
		{"two messages", "orders", `{"Body": "a"} {"Body": "b"}`, "more text after the closing }"},
		{"base64", "orders", `{"Body": "a", "MessageAttributes": {"b": {"DataType": "Binary", "BinaryValue": "%%"}}}`,
			"not valid base64"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := newRig(t, false)
			r.p.kept["send "+q(tc.queue).URL] = tc.draft
			r.keyOn("S", sendTarget(tc.queue))
			r.press("ctrl+s")
			e := r.editor()
			if e.Value() != tc.draft {
				t.Errorf("the editor holds %q, want the draft %q", e.Value(), tc.draft)
			}
			mustContain(t, "the reason", e.Err(), tc.reason)
			r.press("esc")
			if got := r.p.kept["send "+q(tc.queue).URL]; got != tc.draft {
				t.Errorf("kept %q after esc", got)
			}
			if len(r.f.OpCalls()) != 0 {
				t.Errorf("calls %+v", r.f.OpCalls())
			}
		})
	}
}

// The question defaults to No: enter sends nothing, and the draft waits
// for the next S.
func TestSendAsksWithNoAsTheDefault(t *testing.T) {
	r := newRig(t, false)
	r.keyOn("S", sendTarget("orders"))
	r.paste("x")
	r.press("ctrl+s", "enter")
	if len(r.f.OpCalls()) != 0 {
		t.Fatal("enter sent the message")
	}
	mustContain(t, "notice", r.last(), "not sent", "S opens it again")
	r.keyOn("S", sendTarget("orders"))
	mustContain(t, "reopened draft", r.editor().Value(), `"Body": "x"`)
}

// SQS's refusal, a failed call and a lost answer each say so in one line
// and keep the draft; a lost answer says the message may have been sent,
// a retried one that it may be there twice.
func TestSendOutcomes(t *testing.T) {
	for _, tc := range []struct {
		name string
		set  func(*uitest.Client)
		op   awsclient.Operator
		want string
	}{
		{"refused", func(f *uitest.Client) {
			f.Ops.SendFail = map[int]error{0: errors.New("InvalidParameterValue: bad attribute")}
		}, nil, "✗ not sent to orders: InvalidParameterValue: bad attribute"},
		{"call failed", func(f *uitest.Client) { f.Ops.SendErr = errors.New("queue gone") }, nil, "✗ not sent to orders: queue gone"},
		{"unknown", nil, lostAnswer{}, "may have been sent to orders (connection reset): look before sending it again"},
		{"twice", nil, twice{}, "sent to orders: message id m-0; possibly twice"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := newRig(t, false)
			if tc.set != nil {
				tc.set(r.f)
			}
			if tc.op != nil {
				r.p.client = tc.op
			}
			r.p.kept["send "+q("orders").URL] = `{"Body": "b"}`
			r.keyOn("S", sendTarget("orders"))
			r.press("ctrl+s", "y")
			mustContain(t, "notice", r.last(), tc.want)
			if kept := r.p.kept["send "+q("orders").URL] != ""; kept != (tc.name != "twice") {
				t.Errorf("kept %v", kept)
			}
		})
	}
}

// twice is an Operator whose every send was retried after a lost answer.
type twice struct{ awsclient.Operator }

func (twice) Send(_ context.Context, _ string, msgs []model.Outgoing) (awsclient.SendReport, error) {
	rep := awsclient.SendReport{}
	for i := range msgs {
		rep.Results = append(rep.Results, awsclient.SendResult{MessageID: fmt.Sprintf("m-%d", i), PossibleDuplicate: i%2 == 0})
	}
	return rep, nil
}

// lostAnswer is an Operator whose every send's answer was lost.
type lostAnswer struct{ awsclient.Operator }

func (lostAnswer) Send(_ context.Context, _ string, msgs []model.Outgoing) (awsclient.SendReport, error) {
	rep := awsclient.SendReport{}
	for range msgs {
		rep.Results = append(rep.Results, awsclient.SendResult{Unknown: true, Err: errors.New("connection reset")})
	}
	return rep, nil
}

// In read-only mode the keys are recognised only to say why nothing
// happens: no editor, no prompt, no call.
func TestReadOnlySendsNothing(t *testing.T) {
	r := newRig(t, true)
	m := uitest.DLQMessages(t)[0]
	for _, tc := range []struct {
		key string
		t   Target
	}{{"S", sendTarget("orders")}, {"F", sendTarget("orders")}, {"E", peekTarget("orders-dlq", m)}} {
		r.keyOn(tc.key, tc.t)
		if r.stack.Len() != 0 {
			t.Errorf("%s opened %T", tc.key, r.stack.Top())
		}
		if !strings.Contains(r.last(), "read-only") {
			t.Errorf("%s said %q", tc.key, r.last())
		}
	}
	if len(r.f.OpCalls()) != 0 {
		t.Errorf("calls %+v", r.f.OpCalls())
	}
}

// A refused draft reopens with the cursor on what to fix: the bad
// character, or the value of the field the reason names.
func TestRefusalPutsTheCursorOnTheMistake(t *testing.T) {
	for _, tc := range []struct {
		queue, draft string
		line, col    int
	}{
		{"orders", "{\n  \"Body\": \"x\",\n}", 3, 1},
		{"payments.fifo", "{\n  \"Body\": \"x\",\n  \"MessageGroupId\": \"\"\n}", 3, 22},
		{"orders", "{\n  \"Body\": \"x\",\n  \"DelaySeconds\": 9000\n}", 3, 19},
	} {
		r := newRig(t, false)
		r.p.kept["send "+q(tc.queue).URL] = tc.draft
		r.keyOn("S", sendTarget(tc.queue))
		r.press("ctrl+s")
		if line, col := r.editor().Cursor(); line != tc.line || col != tc.col {
			t.Errorf("%q: cursor at %d:%d, want %d:%d (%s)", tc.draft, line, col, tc.line, tc.col, r.editor().Err())
		}
	}
}
