package peek

import (
	"errors"
	"strings"
	"testing"

	"github.com/sqscope/sqscope/awsclient"
	"github.com/sqscope/sqscope/model"
)

// A lost answer is said as "may have been deleted", never as deleted or
// failed; refusals carry SQS's reason; messages not sent are counted.
func TestDeleteReportWords(t *testing.T) {
	msg := deletedMsg{q: model.Queue{Name: "orders-dlq"}, asked: 4, stale: 1, rep: awsclient.DeleteReport{
		Deleted: []string{"m1"},
		Failed:  map[string]error{"m2": errors.New("ReceiptHandleIsInvalid: the handle has expired")},
		Unknown: []string{"m3", "m4"},
	}}
	line := deleteReport(msg)
	for _, w := range []string{"deleted 1 of 5 messages from orders-dlq", "1 refused by SQS: ReceiptHandleIsInvalid",
		"2 may have been deleted", "1 not held by the peek: not deleted"} {
		if !strings.Contains(line, w) {
			t.Errorf("%q not in %q", w, line)
		}
	}
	if title := deleteTitle(msg); title != "Deleted 1 of 5 messages from orders-dlq" {
		t.Errorf("title %q", title)
	}
	note := strings.Join(deleteNote(msg), "\n")
	for _, w := range []string{"m2: ReceiptHandleIsInvalid", "2 may have been deleted", "m3, m4", "1 not sent"} {
		if !strings.Contains(note, w) {
			t.Errorf("%q not in the report:\n%s", w, note)
		}
	}
	all := deletedMsg{q: model.Queue{Name: "q"}, asked: 2, rep: awsclient.DeleteReport{Deleted: []string{"a", "b"}}}
	if line := deleteReport(all); line != "deleted 2 messages from q · a copy is in the audit log" {
		t.Errorf("all deleted: %q", line)
	}
}
