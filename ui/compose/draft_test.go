package compose

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/sqscope/sqscope/model"
	"github.com/sqscope/sqscope/ui/internal/uitest"
)

// The template fits the queue: a delay on a standard queue; a group id
// on FIFO, and a dedup id unless the queue deduplicates by content.
func TestTemplateFitsTheQueue(t *testing.T) {
	now := time.Date(2026, 11, 27, 3, 0, 0, 123456000, time.UTC)
	fifo := q("payments.fifo")
	dedup := q("payments.fifo")
	dedup.Attrs = map[string]string{"FifoQueue": "true", "ContentBasedDeduplication": "true"}
	for _, tc := range []struct {
		q        model.Queue
		has, not []string
	}{
		{q("orders"), []string{`"DelaySeconds": 0`}, []string{"MessageGroupId", "MessageDeduplicationId"}},
		{fifo, []string{`"MessageGroupId": ""`, `"MessageDeduplicationId": "sqscope-20261127T030000.123456"`}, []string{"DelaySeconds"}},
		{dedup, []string{`"MessageGroupId": ""`}, []string{"DelaySeconds", "MessageDeduplicationId"}},
	} {
		text := sendTemplate(tc.q, now)
		for _, s := range tc.has {
			if !strings.Contains(text, s) {
				t.Errorf("%s: template lacks %s:\n%s", tc.q.Name, s, text)
			}
		}
		for _, s := range tc.not {
			if strings.Contains(text, s) {
				t.Errorf("%s: template has %s:\n%s", tc.q.Name, s, text)
			}
		}
		if _, err := parseDraft(text); err != nil {
			t.Errorf("%s: the template does not parse: %v", tc.q.Name, err)
		}
		if line, col := bodyAt(text); strings.Split(text, "\n")[line-1][col-2:col] != `""` {
			t.Errorf("%s: the cursor starts at line %d, column %d, not inside the Body's quotes", tc.q.Name, line, col)
		}
	}
}

// A resend draft is the message's body and attributes; on FIFO the group
// id moved to the send field, and a dedup id derived from the message.
// Read back, it is the message again.
func TestResendDraftIsTheMessage(t *testing.T) {
	m := uitest.FIFOMessages(t)[0]
	text := resendText(m, q("payments.fifo"))
	r, err := parseDraft(text)
	if err != nil {
		t.Fatalf("%v\n%s", err, text)
	}
	o := r.Outgoing()
	if o.Body != m.Body || o.GroupID != "customer-42" || o.DedupID != "resend-"+m.ID {
		t.Errorf("read back %+v", o)
	}
	if string(o.Attributes["signature"].BinaryValue) != string(m.Attributes["signature"].BinaryValue) {
		t.Error("the Binary attribute did not survive")
	}
	for _, s := range []string{"MessageId", "MD5OfBody", `"Attributes"`, `"Queue"`} {
		if strings.Contains(text, s) {
			t.Errorf("the draft carries %s, which only a received message has", s)
		}
	}
}

// What a terminal acts on never reaches the editor as itself: it is a
// JSON escape, which reads back as the same string.
func TestDraftEscapesWhatTheTerminalActsOn(t *testing.T) {
	body := "a\x1b[2Jb\u009b31mc\u202ed\U000E0041e\x7f"
	m := uitest.Message(0, body, 1)
	text := resendText(m, q("orders"))
	for _, r := range text {
		if r == 0x1b || r == 0x7f || (r >= 0x80 && r <= 0x9f) || r == 0x202e || r == 0xE0041 {
			t.Fatalf("the draft holds U+%04X as itself:\n%q", r, text)
		}
	}
	rec, err := parseDraft(text)
	if err != nil || rec.Body != body {
		t.Errorf("read back %q, %v; want %q", rec.Body, err, body)
	}
}

// The external editor's header goes, the writer's own notes stay and are
// ignored, and errors count the lines the writer sees.
func TestHeaderAndNotes(t *testing.T) {
	d := &draft{to: q("orders"), text: "# mine\n{\n\"Bdy\": 1}\n"}
	_, err := parseDraft(d.text)
	d.err = err.(*draftError)
	file := fileText(d)
	if got := stripHeader(file); got != d.text {
		t.Errorf("stripped to %q, want %q", got, d.text)
	}
	lines := strings.Split(file, "\n")
	var where string
	for i, l := range lines {
		if strings.Contains(l, `"Bdy"`) && !strings.HasPrefix(l, headerMark) {
			where = "line " + strconv.Itoa(i+1) + ", column 1"
		}
	}
	if !strings.Contains(file, headerMark+" ✗ "+where) {
		t.Errorf("the reason does not point at %s:\n%s", where, file)
	}
}

func TestEmptyDraft(t *testing.T) {
	if _, err := parseDraft("# only notes\n\n  \n"); err != errEmpty {
		t.Errorf("got %v, want errEmpty", err)
	}
}
