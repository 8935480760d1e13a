package scripting

import (
	"bytes"
	"strings"
	"testing"

	"github.com/sqscope/sqscope/awsclient"
)

// A signal that stopped a send leaves the untried messages "not-sent",
// not "failed": one line names their line numbers for a re-run, and the
// JSON summary says the send was interrupted.
func TestSendReportAfterASignal(t *testing.T) {
	rep := sendReport{queue: "orders"}
	for i := range 6 {
		rep.items = append(rep.items, sendItem{line: i + 1})
		res := awsclient.SendResult{MessageID: "m"}
		if i >= 2 {
			res = awsclient.SendResult{Err: &awsclient.NotTriedError{Cause: errInterrupted}}
		}
		rep.results = append(rep.results, res)
	}
	lines, sum := rep.lines()
	if lines[2].Status != "not-sent" || sum.Failed != 0 || sum.NotSent != 4 || !sum.Interrupted {
		t.Errorf("line 3 %q, summary %+v; want not-sent, 0 failed, 4 not sent, interrupted", lines[2].Status, sum)
	}
	var out bytes.Buffer
	o := &Output{env: &Env{Stdout: &out}}
	if err := rep.write(o); err != nil {
		t.Fatal(err)
	}
	text := out.String()
	if !strings.Contains(text, "interrupted: 4 not sent (lines 3–6); send those lines again") ||
		strings.Count(text, "\n") != 2 || !strings.Contains(text, "sent 2 of 6 to orders, 4 not sent (interrupted)") {
		t.Errorf("text report:\n%s", text)
	}
	if got := lineRanges([]int{1, 2, 3, 7, 9, 10}); got != "lines 1–3, 7, 9–10" {
		t.Errorf("lineRanges = %q", got)
	}
}
