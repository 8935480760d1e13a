package redrive

import (
	"fmt"
	"strings"

	"github.com/sqscope/sqscope/model"
	"github.com/sqscope/sqscope/ui/common"
)

// progressLines show a move: a progress bar with counts, its state, and any
// note or error. They fit in w cells (the caller clips anyway).
func progressLines(mv *move, st *common.Styles, w int) []string {
	frac, counts, state := moveFigures(mv)
	barW := max(min(w-len(counts)-3, 40), 5)
	bar := progressBar(frac, barW)
	lines := []string{st.SparkVisible.Render(bar) + " " + counts}
	lines = append(lines, common.Wrap(state, w)...)
	if mv.note != "" {
		lines = append(lines, common.Wrap(st.Note.Render(common.OneLine(mv.note)), w)...)
	}
	if mv.err != nil {
		lines = append(lines, common.Wrap(st.StatusErr.Render("✗ "+common.ErrText(mv.err)), w)...)
	}
	if mv.report != nil {
		lines = append(lines, reportErrLines(mv.report.Errs, st, w)...)
	}
	return lines
}

// maxShownMoveErrs bounds the report's distinct failures shown under a
// finished move; the pane has room for little else.
const maxShownMoveErrs = 3

// reportErrLines say why messages failed, were held or lost their order.
func reportErrLines(errs []error, st *common.Styles, w int) []string {
	var lines []string
	for i, err := range errs {
		if i == maxShownMoveErrs {
			lines = append(lines, st.Note.Render(fmt.Sprintf("  … and %d more", len(errs)-i)))
			break
		}
		lines = append(lines, common.Wrap(st.StatusErr.Render("✗ "+common.ErrText(err)), w)...)
	}
	return lines
}

// moveFigures are the bar's fill, "12/40", and a line on the state.
func moveFigures(mv *move) (frac float64, counts, state string) {
	if mv.cancel == nil { // native
		t := mv.task
		counts = common.Commas(t.Moved) + "/" + common.Commas(t.ToMove)
		status := common.OneLine(string(t.Status)) // the server's word
		switch {
		case status == "" && mv.searching:
			counts, status = "…", "looking for the task (the start's answer was lost)"
		case status == "":
			counts, status = "…", "STARTING" // no figures yet: "0/0" would be a lie
		}
		state = "native move task " + status
		if t.Rate > 0 || mv.plan.rate > 0 {
			state += fmt.Sprintf(" · %d msg/s", max(t.Rate, mv.plan.rate))
		}
		switch {
		case mv.cancelling && !t.Done():
			state += " · cancelling…"
		case t.Status == model.TaskRunning:
			state += " · c cancels"
		case t.FailureReason != "":
			state += " · " + common.OneLine(t.FailureReason)
		}
		return t.Fraction(), counts, state
	}
	p := mv.prog
	if r := mv.report; r != nil {
		p.Moved, p.Failed, p.PossiblyDuplicated, p.Skipped = r.Moved, r.Failed, r.PossiblyDuplicated, r.Skipped
	}
	// Messages arriving in the DLQ during a drain move too: past the
	// count the move began with, the total grows with them.
	total := max(p.Total, mv.plan.count(), p.Moved)
	if r := mv.report; r != nil {
		total = max(total, r.Moved+r.Failed+r.HeldBack) // what it could not reach counts too
	}
	counts = common.Commas(int64(p.Moved)) + "/" + common.Commas(int64(total))
	switch {
	case mv.report != nil:
		state = reportLine(mv)
		if mv.report.Cancelled {
			state += " · every unmoved message is visible again"
		}
	case mv.cancelling:
		state = "client-side move · stopping…"
	case p.Waiting > 0:
		// Receives nobody can release (an interrupted move's, or one of
		// this move whose answer was lost) hide messages until their hold
		// ends: the move waits for them rather than call itself done.
		state = fmt.Sprintf("waiting for %s still hidden by an earlier receive, until %s at most · c stops",
			common.Plural(p.Waiting, "message"), p.WaitUntil.Format("15:04:05"))
	default:
		state = fmt.Sprintf("client-side move · %d failed · %d possibly duplicated · c stops",
			p.Failed, p.PossiblyDuplicated)
	}
	switch {
	case mv.report != nil && !mv.report.Cancelled && mv.report.Failed == 0 && mv.report.HeldBack == 0:
		frac = 1
	case total > 0:
		frac = min(float64(p.Moved)/float64(total), 1)
	}
	return frac, counts, state
}

// progressBar is a bar w cells wide filled to frac, in eighths.
func progressBar(frac float64, w int) string {
	frac = min(max(frac, 0), 1)
	eighths := int(frac * float64(w*8))
	full, part := eighths/8, eighths%8
	s := strings.Repeat("█", full)
	if part > 0 && full < w {
		s += string([]rune("▏▎▍▌▋▊▉")[part-1])
		full++
	}
	return s + strings.Repeat("░", w-full)
}

// moveStatus is a running move in one short line for the status bar.
func moveStatus(mv *move) string {
	_, counts, _ := moveFigures(mv)
	if mv.cancel != nil {
		s := "moving " + common.OneLine(mv.plan.dlq.Name) + " " + counts
		if mv.prog.Failed > 0 {
			s += fmt.Sprintf(" · %d failed", mv.prog.Failed)
		}
		return s + " · c stops"
	}
	if mv.task.Status == "" {
		if mv.searching {
			return "redrive " + common.OneLine(mv.plan.dlq.Name) + " · looking for the task (the start's answer was lost)…"
		}
		return "redrive " + common.OneLine(mv.plan.dlq.Name) + " · starting…"
	}
	s := "redrive " + common.OneLine(mv.plan.dlq.Name) + " " + counts + " " + common.OneLine(string(mv.task.Status))
	if mv.task.Status == model.TaskRunning {
		s += " · c cancels"
	}
	return s
}
