package awsclient

import (
	"errors"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/sqscope/sqscope/audit"
	"github.com/sqscope/sqscope/model"
)

// AuditLog is where the adapter writes one line per change. *audit.Log is
// the one the app uses; nil (Config.Audit unset) writes nothing.
type AuditLog interface {
	Append(audit.Entry) error
}

// AuditError is the error of Purge, SetAttributes and DeleteQueue when
// the change was made (or attempted: Cause is its own error, nil when it
// succeeded) but its line could not be written to the audit log. Calls
// with a report put that failure in the report's AuditErr instead, so
// their error keeps meaning "nothing could be tried".
type AuditError struct {
	Err   error // why the line could not be written
	Cause error // the change's own error, if it failed too
}

func (e *AuditError) Error() string {
	msg := "the audit log could not be written: " + e.Err.Error()
	if e.Cause != nil {
		return e.Cause.Error() + "; " + msg
	}
	return msg
}

// Unwrap gives both, so errors.Is still finds the change's own error.
func (e *AuditError) Unwrap() []error {
	if e.Cause == nil {
		return []error{e.Err}
	}
	return []error{e.Cause, e.Err}
}

// Audit outcomes, as audit.Entry.Outcome has them.
const (
	auditOK      = "ok"
	auditPartial = "partial"
	auditFailed  = "failed"
	auditUnknown = "unknown"
)

// maxAuditIDs bounds the message ids one line lists: a move of 100,000
// messages would otherwise write a line of megabytes. The count is whole.
const maxAuditIDs = 1000

// entry is an audit line for op on queue (a URL, or a name for a queue
// not yet created), with where sqscope is connected.
func (s *SQS) entry(op, queue string) audit.Entry {
	return audit.Entry{
		Time: time.Now().UTC(), Endpoint: s.ep.URL, Region: s.ep.Region, Profile: s.ep.Profile,
		Account: accountOf(queue), Op: op, Queue: queue,
	}
}

// record appends e and returns err, the change's own error, or an
// *AuditError when the line could not be written.
func (s *SQS) record(e audit.Entry, err error) error {
	if aerr := s.appendAudit(e); aerr != nil {
		return &AuditError{Err: aerr, Cause: err}
	}
	return err
}

// appendAudit appends e; the error is the log's.
func (s *SQS) appendAudit(e audit.Entry) error {
	if s.cfg.Audit == nil {
		return nil
	}
	if len(e.MessageIDs) > maxAuditIDs {
		if e.Details == nil {
			e.Details = map[string]string{}
		}
		e.Details["messageIdsOmitted"] = strconv.Itoa(len(e.MessageIDs) - maxAuditIDs)
		e.MessageIDs = e.MessageIDs[:maxAuditIDs]
	}
	return s.cfg.Audit.Append(e)
}

// outcomeOf is a failed single call's outcome: unknown when an attempt
// may have been carried out (lost answers the SDK retried, a 5xx, no
// answer at all), else failed.
func outcomeOf(err error, lost int) string {
	if lost > 0 || throttled(err) || mayHaveReached(err) && !settled(err) && !isLocal(err) {
		return auditUnknown
	}
	return auditFailed
}

// isLocal reports an error that never left the process.
func isLocal(err error) bool {
	var ro *ReadOnlyError
	return errors.As(err, &ro)
}

// accountOf reads the account id from a queue URL
// (https://sqs.REGION.amazonaws.com/ACCOUNT/NAME) or ARN.
func accountOf(queue string) string {
	if strings.HasPrefix(queue, "arn:") {
		if parts := strings.Split(queue, ":"); len(parts) == 6 {
			return parts[4]
		}
		return ""
	}
	u, err := url.Parse(queue)
	if err != nil {
		return ""
	}
	parts := strings.Split(strings.Trim(u.Path, "/"), "/")
	if len(parts) == 2 && parts[0] != "" && strings.Trim(parts[0], "0123456789") == "" {
		return parts[0]
	}
	return ""
}

// tally is a change's outcome from its counts.
func tally(done, failed, unknown int) string {
	switch {
	case failed == 0 && unknown == 0:
		return auditOK
	case done == 0 && unknown == 0:
		return auditFailed
	case done == 0 && failed == 0:
		return auditUnknown
	}
	return auditPartial
}

// firstErr is the first error of a report, for the line's error field.
func firstErr(errs ...error) string {
	for _, err := range errs {
		if err != nil {
			return Describe(err)
		}
	}
	return ""
}

// auditSend writes Send's line: the ids SQS gave, the counts.
func (s *SQS) auditSend(queueURL string, rep SendReport) error {
	c := rep.count()
	e := s.entry("send", queueURL)
	e.Count = c.sent
	var errs []error
	for _, r := range rep.Results {
		if r.Err == nil {
			e.MessageIDs = append(e.MessageIDs, r.MessageID)
		}
		errs = append(errs, r.Err)
	}
	e.Outcome = tally(c.sent, c.failed, c.unknown)
	e.Error = firstErr(errs...)
	e.Details = map[string]string{"sent": strconv.Itoa(c.sent), "failed": strconv.Itoa(c.failed),
		"unknown": strconv.Itoa(c.unknown), "possiblyDuplicated": strconv.Itoa(c.duplicates)}
	return s.appendAudit(e)
}

// auditDelete writes DeleteMessages' line. Every message that is or may
// be gone is kept in full, so it can be sent back.
func (s *SQS) auditDelete(queueURL string, msgs []model.Message, rep DeleteReport) error {
	e := s.entry("delete", queueURL)
	e.Count = len(rep.Deleted)
	e.MessageIDs = append(append([]string(nil), rep.Deleted...), rep.Unknown...)
	gone := map[string]bool{}
	for _, id := range e.MessageIDs {
		gone[id] = true
	}
	for _, m := range msgs {
		if gone[m.ID] {
			e.Messages = append(e.Messages, model.RecordOf(m, queueURL))
			delete(gone, m.ID) // once, even if given twice
		}
	}
	var errs []error
	for _, err := range rep.Failed {
		errs = append(errs, err)
	}
	e.Outcome = tally(len(rep.Deleted), len(rep.Failed), len(rep.Unknown))
	e.Error = firstErr(errs...)
	e.Details = map[string]string{"deleted": strconv.Itoa(len(rep.Deleted)), "failed": strconv.Itoa(len(rep.Failed)),
		"unknown": strconv.Itoa(len(rep.Unknown))}
	return s.appendAudit(e)
}
