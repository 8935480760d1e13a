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

// redriveReport is how a redrive ended: a native task's last state, or a
// client-side move's report.
type redriveReport struct {
	plan redrivePlan
	path string // "native" or "client-side"
	task model.MoveTask
	move *awsclient.MoveReport
	err  error
	// nothing: it stopped, safely, before anything moved (the start
	// was not made, or is known not to have started): run it again.
	nothing   bool
	cancelled bool
}

// planJSON is a redrive's plan as JSON (the line of --dry-run), and
// reportJSON the report after it; the README's Scripting section
// documents every field.
type planJSON struct {
	DLQ            string   `json:"dlq"`
	DryRun         bool     `json:"dryRun,omitempty"`
	Path           string   `json:"path"`          // native, client-side
	Why            string   `json:"why,omitempty"` // why client-side
	Destinations   []string `json:"destinations"`  // queue names
	Filter         string   `json:"filter,omitempty"`
	Rate           int      `json:"rate,omitempty"`
	Visible        int64    `json:"visible"` // the DLQ's visible depth when planned
	JournalPending int      `json:"journalPending,omitempty"`
}

type reportJSON struct {
	planJSON
	Status             string `json:"status,omitempty"` // a native task's final status
	Moved              int    `json:"moved"`
	Failed             int    `json:"failed"`
	PossiblyDuplicated int    `json:"possiblyDuplicated"`
	Skipped            int    `json:"skipped,omitempty"`
	Resumed            int    `json:"resumed,omitempty"`
	Resent             int    `json:"resent,omitempty"`
	HeldBack           int    `json:"heldBack,omitempty"`
	OutOfOrder         int    `json:"outOfOrder,omitempty"`
	Cancelled          bool   `json:"cancelled,omitempty"`
	// Failures name the messages left in the DLQ because their send
	// failed (at most awsclient.MaxReportFailures).
	Failures []failureJSON `json:"failures,omitempty"`
	Errors   []string      `json:"errors,omitempty"`
	Outcome  string        `json:"outcome"` // all-moved, some-failed, nothing-done, interrupted
}

// failureJSON is one message a client-side move could not send.
type failureJSON struct {
	MessageID string `json:"messageId"`
	Error     string `json:"error"`
}

func planOf(p redrivePlan) planJSON {
	j := planJSON{DLQ: p.dlq.Name, Path: "native", Why: p.why, Filter: p.filter, Rate: p.rate,
		Visible: p.dlq.Stats.Visible, JournalPending: p.journal.Pending(), Destinations: []string{}}
	if !p.native() {
		j.Path, j.Rate = "client-side", 0
	}
	if p.dest != nil {
		j.Destinations = []string{p.dest.Name}
	} else {
		for _, s := range p.sources {
			j.Destinations = append(j.Destinations, s.Name)
		}
	}
	return j
}

// writeDryRun says what would happen, and changes nothing.
func writeDryRun(o *Output, p redrivePlan) int {
	if o.JSON() {
		j := planOf(p)
		j.DryRun = true
		if err := o.Line(j); err != nil {
			return ExitFailed
		}
		return ExitOK
	}
	w := o.Text()
	fmt.Fprintf(w, "dry run, nothing changed: %s\n", p.question())
	for _, l := range p.lines() {
		fmt.Fprintln(w, "  "+l)
	}
	return ExitOK
}

func (r redriveReport) json() reportJSON {
	j := reportJSON{planJSON: planOf(r.plan)}
	j.Path = r.path
	if r.path == "client-side" {
		j.Why, j.Rate = r.plan.why, 0
	}
	j.Cancelled = r.cancelled
	if r.task.Status != "" {
		j.Status, j.Moved = string(r.task.Status), int(r.task.Moved)
		if r.task.FailureReason != "" {
			j.Errors = append(j.Errors, r.task.FailureReason)
		}
		// A failed task leaves in the DLQ what it did not move: that is
		// "failed" as the README defines it (SQS's count is approximate).
		if r.task.Status == model.TaskFailed && r.task.ToMove > r.task.Moved {
			j.Failed = int(r.task.ToMove - r.task.Moved)
		}
	}
	if m := r.move; m != nil {
		j.Moved, j.Failed, j.PossiblyDuplicated, j.Skipped = m.Moved, m.Failed, m.PossiblyDuplicated, m.Skipped
		j.Resumed, j.Resent, j.HeldBack, j.OutOfOrder = m.Resumed, m.Resent, m.HeldBack, m.OutOfOrder
		for _, f := range m.Failures {
			j.Failures = append(j.Failures, failureJSON{MessageID: f.ID, Error: oneLine(awsclient.Describe(f.Err))})
		}
		for _, e := range m.Errs {
			j.Errors = append(j.Errors, oneLine(awsclient.Describe(e)))
		}
	}
	if r.err != nil {
		j.Errors = append(j.Errors, oneLine(awsclient.Describe(r.err)))
	}
	return j
}

// exitCode tells "all moved" (ExitOK) from "some failed" (ExitFailed)
// from "nothing done" (ExitNothingDone: nothing to move, or refused before
// anything moved) and from a signal (ExitInterrupted).
func (r redriveReport) exitCode(j reportJSON) (int, string) {
	var ro *awsclient.ReadOnlyError
	switch {
	case r.cancelled:
		return ExitInterrupted, "interrupted"
	case errors.As(r.err, &ro) || r.nothing:
		return ExitNothingDone, "nothing-done"
	case r.task.Status == model.TaskFailed || r.task.Status == model.TaskCancelled:
		return ExitFailed, "some-failed"
	case j.Failed > 0 || j.HeldBack > 0 || r.err != nil:
		return ExitFailed, "some-failed"
	case j.Moved == 0 && r.move != nil:
		return ExitNothingDone, "nothing-done"
	}
	return ExitOK, "all-moved"
}

// finish prints the report (stdout; JSON with --json) and returns the
// exit code. A refusal before anything moved is one line on stderr.
func (r redriveReport) finish(ctx context.Context, env *Env, o *Output) int {
	j := r.json()
	code, outcome := r.exitCode(j)
	j.Outcome = outcome
	var ro *awsclient.ReadOnlyError
	if errors.As(r.err, &ro) {
		return env.Fail(code, "%v: nothing moved", r.err)
	}
	if o.JSON() {
		if err := o.Line(j); err != nil {
			return ExitFailed
		}
		return code
	}
	writeRedriveText(o.Text(), j)
	return code
}

func writeRedriveText(w io.Writer, j reportJSON) {
	how := "native move task"
	if j.Path == "client-side" {
		how = "client-side move, because " + j.Why
	}
	fmt.Fprintf(w, "%s → %s (%s)\n", j.DLQ, sanitize.Line(strings.Join(j.Destinations, ", ")), how)
	switch {
	case j.Status != "":
		fmt.Fprintf(w, "task %s: moved %d\n", j.Status, j.Moved)
	default:
		fmt.Fprintf(w, "moved %d, failed %d, possibly duplicated %d\n", j.Moved, j.Failed, j.PossiblyDuplicated)
	}
	for _, l := range []struct {
		n    int
		text string
	}{
		{j.Skipped, "not matching the filter, made visible again"},
		{j.Resumed, "finished from the journal of an interrupted move (deleted, not sent again)"},
		{j.Resent, "sent again: an interrupted move never learned whether they arrived (each may exist twice)"},
		{j.HeldBack, "still hidden in the DLQ by an earlier receive: run again once their hold ends"},
		{j.OutOfOrder, "reached a FIFO destination ahead of an earlier message of their group"},
	} {
		if l.n > 0 {
			fmt.Fprintf(w, "%d %s\n", l.n, l.text)
		}
	}
	for _, f := range j.Failures {
		fmt.Fprintf(w, "failed: %s: %s\n", sanitize.Line(f.MessageID), f.Error)
	}
	if j.Failed > len(j.Failures) {
		fmt.Fprintf(w, "failed: %d more, not listed\n", j.Failed-len(j.Failures))
	}
	switch {
	case j.Failed > 0 && j.Path == "native":
		fmt.Fprintln(w, "the task left the messages it did not move in the DLQ; its reason is below")
	case j.Failed > 0:
		fmt.Fprintln(w, "failed messages stay in the DLQ, visible; a re-run moves them (the journal keeps it from sending any twice)")
	}
	shown := map[string]bool{}
	for _, f := range j.Failures {
		shown[f.Error] = true
	}
	for _, e := range j.Errors {
		if !shown[e] { // said beside the messages it failed already
			fmt.Fprintln(w, "error: "+e)
		}
	}
	switch {
	case j.Cancelled && j.Path == "native":
		fmt.Fprintln(w, "interrupted: the move task was cancelled; what it moved stays moved, the rest is in the DLQ, and a re-run is safe")
	case j.Cancelled:
		fmt.Fprintln(w, "interrupted: stopped between batches; every unmoved message is visible again, and a re-run is safe")
	}
}
