package scripting

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/sqscope/sqscope/awsclient"
	"github.com/sqscope/sqscope/model"
	"github.com/sqscope/sqscope/ui/sanitize"
)

// sendChunk is how many messages one Send call takes: the TUI's F sends
// 100 to a step too. Between chunks a signal stops the send cleanly: no
// request is cut off mid-way (which would leave its messages unknown), and
// each chunk is one audit line.
const sendChunk = 100

// sendReport is what send did, line by line.
type sendReport struct {
	queue    string
	items    []sendItem
	results  []awsclient.SendResult
	skipped  []lineProblem // invalid lines left out with --skip-invalid
	auditErr error
}

// sendInChunks sends items in chunks of sendChunk. A FIFO group with a
// message not sent keeps its later messages back across chunks too, as
// Send does within one, so what arrives of a group arrives in order. The
// error is set only when nothing could be tried.
func sendInChunks(ctx context.Context, c awsclient.Operator, q model.Queue, items []sendItem) (sendReport, error) {
	rep := sendReport{items: items, results: make([]awsclient.SendResult, len(items))}
	broken := map[string]bool{}
	tried := false
	for start := 0; start < len(items); start += sendChunk {
		chunk := items[start:min(start+sendChunk, len(items))]
		if ctx.Err() != nil {
			for i := range chunk {
				rep.results[start+i].Err = &awsclient.NotTriedError{Cause: errInterrupted}
			}
			continue
		}
		var msgs []model.Outgoing
		var at []int
		for i, it := range chunk {
			if q.IsFIFO() && broken[it.o.GroupID] {
				rep.results[start+i].Err = &awsclient.NotTriedError{Cause: fmt.Errorf("an earlier message of FIFO group %q was not sent, and this one would have overtaken it", it.o.GroupID)}
				continue
			}
			msgs, at = append(msgs, it.o), append(at, start+i)
		}
		// Not ctx: a signal must not cut a request off mid-way.
		r, err := c.Send(context.WithoutCancel(ctx), q.URL, msgs)
		if err != nil && !tried && r.Results == nil {
			return sendReport{}, err
		}
		tried = true
		if r.AuditErr != nil {
			rep.auditErr = r.AuditErr
		}
		for k, res := range r.Results {
			if err != nil && res.Err == nil && res.MessageID == "" {
				res.Err = err
			}
			rep.results[at[k]] = res
			if res.Err != nil {
				broken[items[at[k]].o.GroupID] = true
			}
		}
	}
	return rep, nil
}

// errInterrupted marks the messages a signal kept from being tried: not
// failed, not sent — the tail of the file to send again.
var errInterrupted = errors.New("interrupted before its turn")

// sendLine is one message's outcome, as a JSON line.
type sendLine struct {
	Line              int    `json:"line,omitempty"`
	Status            string `json:"status"` // sent, failed, unknown, invalid, not-sent
	MessageID         string `json:"messageId,omitempty"`
	PossibleDuplicate bool   `json:"possibleDuplicate,omitempty"`
	Error             string `json:"error,omitempty"`
}

// sendSummary is the last JSON line.
type sendSummary struct {
	Queue              string `json:"queue"`
	Sent               int    `json:"sent"`
	Failed             int    `json:"failed"`
	Unknown            int    `json:"unknown"`
	Invalid            int    `json:"invalid"`
	PossiblyDuplicated int    `json:"possiblyDuplicated"`
	// NotSent were never tried: a signal stopped the send first.
	NotSent     int  `json:"notSent,omitempty"`
	Interrupted bool `json:"interrupted,omitempty"`
}

func (r sendReport) lines() ([]sendLine, sendSummary) {
	sum := sendSummary{Queue: r.queue, Invalid: len(r.skipped)}
	var out []sendLine
	for _, p := range r.skipped {
		out = append(out, sendLine{Line: p.line, Status: "invalid", Error: p.why})
	}
	for i, res := range r.results {
		l := sendLine{Line: r.items[i].line, MessageID: res.MessageID, PossibleDuplicate: res.PossibleDuplicate}
		switch {
		case res.Err == nil:
			l.Status = "sent"
			sum.Sent++
			if res.PossibleDuplicate {
				sum.PossiblyDuplicated++
			}
		case res.Unknown:
			l.Status, l.Error = "unknown", awsclient.Describe(res.Err)
			sum.Unknown++
		case errors.Is(res.Err, errInterrupted):
			l.Status = "not-sent"
			sum.NotSent++
			sum.Interrupted = true
		default:
			l.Status, l.Error = "failed", awsclient.Describe(res.Err)
			sum.Failed++
		}
		out = append(out, l)
	}
	sortSendLines(out)
	return out, sum
}

// write prints the report: every line with --json; for people, the
// lines that need a look (not sent, unknown, possibly twice) and a
// summary.
func (r sendReport) write(o *Output) error {
	lines, sum := r.lines()
	if o.JSON() {
		for _, l := range lines {
			if err := o.Line(l); err != nil {
				return err
			}
		}
		return o.Line(sum)
	}
	w := o.Text()
	var notSent []int
	for _, l := range lines {
		switch {
		case l.Status == "not-sent":
			notSent = append(notSent, l.Line)
			continue
		case l.Status == "sent" && !l.PossibleDuplicate:
			continue
		}
		fmt.Fprintln(w, l.text())
	}
	if len(notSent) > 0 {
		// One line, not one per message: after ^C on a long file they are
		// the whole tail, to send again.
		fmt.Fprintf(w, "interrupted: %d not sent (%s); send those lines again\n", len(notSent), lineRanges(notSent))
	}
	return writeSendSummary(w, sum)
}

func (l sendLine) text() string {
	where := "the message"
	if l.Line > 0 {
		where = fmt.Sprintf("line %d", l.Line)
	}
	switch l.Status {
	case "sent":
		return fmt.Sprintf("%s: sent as %s, possibly twice (a request whose answer was lost was sent again)", where, sanitize.Line(l.MessageID))
	case "unknown":
		return fmt.Sprintf("%s: unknown, it may have been sent (its answer was lost): %s", where, oneLine(l.Error))
	case "invalid":
		return fmt.Sprintf("%s: skipped, SQS would refuse it: %s", where, oneLine(l.Error))
	}
	return fmt.Sprintf("%s: not sent: %s", where, oneLine(l.Error))
}

func writeSendSummary(w io.Writer, s sendSummary) error {
	text := fmt.Sprintf("sent %d of %d to %s", s.Sent, s.Sent+s.Failed+s.Unknown+s.Invalid+s.NotSent, s.Queue)
	for _, part := range []struct {
		n    int
		what string
	}{{s.Failed, "failed"}, {s.Unknown, "unknown (may have been sent)"}, {s.Invalid, "invalid, skipped"},
		{s.NotSent, "not sent (interrupted)"}, {s.PossiblyDuplicated, "possibly duplicated"}} {
		if part.n > 0 {
			text += fmt.Sprintf(", %d %s", part.n, part.what)
		}
	}
	_, err := fmt.Fprintln(w, text)
	return err
}

// exitCode: every message sent is ExitOK; a signal that stopped the send
// is ExitInterrupted; any message failed or unknown is ExitFailed.
func (r sendReport) exitCode(ctx context.Context) int {
	_, sum := r.lines()
	switch {
	case Interrupted(ctx) && sum.Failed+sum.Unknown+sum.NotSent > 0:
		return ExitInterrupted
	case sum.Failed+sum.Unknown+sum.NotSent > 0:
		return ExitFailed
	}
	return ExitOK
}

func sortSendLines(ls []sendLine) {
	for i := 1; i < len(ls); i++ {
		for j := i; j > 0 && ls[j].Line < ls[j-1].Line; j-- {
			ls[j], ls[j-1] = ls[j-1], ls[j]
		}
	}
}

// oneLine keeps an error on one line and makes it safe to print: SQS's
// messages, and a bad line's text quoted in a JSON error, are not ours.
func oneLine(s string) string {
	return sanitize.Line(strings.Join(strings.Fields(s), " "))
}

// lineRanges is "lines 4–9, 12" for sorted line numbers; a message from
// --body (line 0) is "the message".
func lineRanges(ls []int) string {
	if len(ls) == 1 && ls[0] == 0 {
		return "the message"
	}
	var parts []string
	for i := 0; i < len(ls); {
		j := i
		for j+1 < len(ls) && ls[j+1] == ls[j]+1 {
			j++
		}
		if j > i {
			parts = append(parts, fmt.Sprintf("%d–%d", ls[i], ls[j]))
		} else {
			parts = append(parts, fmt.Sprint(ls[i]))
		}
		i = j + 1
	}
	if len(parts) > 6 {
		parts = append(parts[:6], "…")
	}
	return "lines " + strings.Join(parts, ", ")
}
