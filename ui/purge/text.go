package purge

import (
	"fmt"
	"time"

	"github.com/sqscope/sqscope/ui/common"
	"github.com/sqscope/sqscope/ui/sanitize"
)

// questionLines explain the purge: what the queue holds and how old that
// count is, what a purge does, and what can be kept of it first.
func questionLines(t Target, confined bool) []string {
	lines := []string{depthLine(t),
		"PurgeQueue deletes every message in the queue, in flight ones too, within 60 s, and cannot be undone. " +
			"The audit log records the purge, not the messages: only what was exported is kept."}
	if confined {
		return append(lines, "A served session cannot export to a file: run sqscope purge --export-first on the host to keep a copy.")
	}
	return append(lines, exportLine(t))
}

// depthLine is the queue's depth from the latest refresh, and its age.
func depthLine(t Target) string {
	q := t.Queue
	if q.Err != nil || !t.AgeKnown {
		return "Its depth is unknown: no refresh has read it yet."
	}
	s := q.Stats
	return fmt.Sprintf("It holds about %s: %s visible, %s in flight, %s delayed (the latest refresh, %s ago; "+
		"SQS's counts are approximate).", common.Plural(int(s.Total()), "message"), common.Commas(s.Visible),
		common.Commas(s.InFlight), common.Commas(s.Delayed), ago(t.Age))
}

// exportLine is what ctrl+e does here, or how the export went.
func exportLine(t Target) string {
	depth := t.Queue.Stats.Total()
	of := ""
	if t.Queue.Err == nil && t.AgeKnown {
		of = fmt.Sprintf(" of about %s", common.Commas(depth))
	}
	switch e := t.exported; {
	case e != nil && e.err != nil:
		return "The export failed, nothing was written: " + common.ErrText(e.err) + ". ctrl+e tries again."
	case e != nil && e.n == 0:
		return "The peek lists no message of this queue any more: nothing was exported."
	case e != nil:
		rest := "Messages sent since the count are not in it."
		if of != "" && int64(e.n) < depth {
			rest = fmt.Sprintf("The other %s or so were not read and are not kept.", common.Commas(depth-int64(e.n)))
		}
		return fmt.Sprintf("Exported %d%s messages (everything this peek read) to %s. %s", e.n, of, sanitize.Line(e.path), rest)
	case t.Read < 0:
		return "To keep a copy first, ctrl+e opens a peek of the queue: read what you want to keep (n reads more), " +
			"then P there asks again, and its ctrl+e exports what the peek read."
	case t.Read == 0:
		return "The peek has read none of its messages: nothing to export (n in the peek reads them)."
	}
	return fmt.Sprintf("ctrl+e first exports the %d%s messages this peek has read to a JSONL file (the export "+
		"format), then asks again.", t.Read, of)
}

// ago is a count's age: to the second within the hour (a purge question
// shown a minute after the count should say so), else as common.Age.
func ago(d time.Duration) string {
	if d < time.Minute || d >= time.Hour {
		return common.Age(d)
	}
	return fmt.Sprintf("%dm%02ds", int(d.Minutes()), int(d.Seconds())%60)
}
