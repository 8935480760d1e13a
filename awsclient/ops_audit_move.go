package awsclient

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"strconv"

	"github.com/sqscope/sqscope/audit"
	"github.com/sqscope/sqscope/model"
)

// Moves are audited here, around the move code rather than inside it: a
// move's report already says everything the line needs.

// Move is the client-side move; see Mover. It appends one audit line when
// the move ran (or tried to); a failure to write it joins the report's
// Errs, since the move's own error must keep meaning what it says.
func (s *SQS) Move(ctx context.Context, req MoveRequest, progress chan<- MoveProgress) (MoveReport, error) {
	rep, err := s.move(ctx, req, progress)
	if isLocal(err) || (err != nil && rep.Moved+rep.Failed+rep.PossiblyDuplicated+rep.Skipped+rep.Resumed == 0) {
		return rep, err // refused, or stopped before it changed anything
	}
	e := s.entry("move", req.SourceURL)
	e.Count = rep.Moved
	e.MessageIDs = rep.MovedIDs
	e.Details = map[string]string{
		"kind": "client-side", "destination": destinationOf(req.DestURL),
		"moved": strconv.Itoa(rep.Moved), "failed": strconv.Itoa(rep.Failed),
		"possiblyDuplicated": strconv.Itoa(rep.PossiblyDuplicated), "skipped": strconv.Itoa(rep.Skipped),
	}
	if rep.Resumed > 0 || rep.Resent > 0 {
		e.Details["resumed"], e.Details["resent"] = strconv.Itoa(rep.Resumed), strconv.Itoa(rep.Resent)
	}
	if rep.HeldBack > 0 {
		e.Details["heldBack"] = strconv.Itoa(rep.HeldBack)
	}
	if rep.Cancelled {
		e.Details["cancelled"] = "true"
	}
	failed := rep.Failed
	if err != nil {
		failed++
	}
	e.Outcome = tally(rep.Moved, failed, 0)
	e.Error = firstErr(append([]error{err}, rep.Errs...)...)
	if aerr := s.record(e, nil); aerr != nil && len(rep.Errs) < maxReportErrs {
		rep.Errs = append(rep.Errs, aerr) // an *AuditError
	}
	return rep, err
}

// StartRedrive starts a native move task; see Mover. It appends one audit
// line for every start it tried (a refusal in read-only mode or of a bad
// rate tried nothing).
func (s *SQS) StartRedrive(ctx context.Context, dlqARN string, rate int) (model.MoveTask, error) {
	task, err := s.startRedrive(ctx, dlqARN, rate)
	if isLocal(err) || (err != nil && (rate < 0 || rate > maxMoveRate)) {
		return task, err
	}
	e := s.entry("move", dlqARN)
	e.Count = int(task.ToMove)
	e.Details = map[string]string{"kind": "native move task", "destination": destinationOf(task.DestinationARN)}
	if task.Handle != "" {
		e.Details["taskHandle"] = task.Handle
	}
	if rate > 0 {
		e.Details["rate"] = strconv.Itoa(rate)
	}
	var unknown *StartUnknownError
	switch {
	case err == nil:
		e.Outcome = auditOK
	case errors.As(err, &unknown) && !unknown.Checked:
		e.Outcome, e.Error = auditUnknown, Describe(err)
	default:
		e.Outcome, e.Error = auditFailed, Describe(err)
	}
	s.recordQuietly(e)
	return task, err
}

// auditCancel writes CancelRedrive's line: the task's source, when its
// handle names it, and what it had moved.
func (s *SQS) auditCancel(handle string, moved int64, err error) {
	if isLocal(err) {
		return
	}
	e := s.entry("move", taskSource(handle))
	e.Count = int(moved)
	e.Details = map[string]string{"kind": "native move task", "cancel": "true", "taskHandle": handle}
	e.Outcome = auditOK
	if err != nil {
		e.Outcome, e.Error = auditFailed, Describe(err)
	}
	s.recordQuietly(e)
}

// recordQuietly appends e where no error can be returned without changing
// what the call's error means (a started task reported as failed would
// be started again); the failure is kept for AuditFailure.
func (s *SQS) recordQuietly(e audit.Entry) {
	if err := s.record(e, nil); err != nil {
		s.auditFailure.Store(&err)
	}
}

// AuditFailure is the last audit line of a move task's start or cancel
// that could not be written, or nil.
func (s *SQS) AuditFailure() error {
	if p := s.auditFailure.Load(); p != nil {
		return *p
	}
	return nil
}

func destinationOf(urlOrARN string) string {
	if urlOrARN == "" {
		return "each message's source queue"
	}
	return urlOrARN
}

// taskSource reads the DLQ's ARN from a task handle, which SQS makes the
// base64 of a JSON object naming it; "" when it does not.
func taskSource(handle string) string {
	b, err := base64.StdEncoding.DecodeString(handle)
	if err != nil {
		return ""
	}
	var h struct {
		SourceArn string `json:"sourceArn"`
	}
	if json.Unmarshal(b, &h) != nil {
		return ""
	}
	return h.SourceArn
}
