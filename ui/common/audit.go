package common

import (
	"errors"

	"github.com/sqscope/sqscope/awsclient"
)

// SplitAudit tells a change's own error from a failure to write its
// audit line (an *awsclient.AuditError, whose Cause is nil when the
// change was made): the change is reported as it went, and the audit
// failure said after it, since what it changed is then recorded nowhere.
func SplitAudit(err error) (error, string) {
	var ae *awsclient.AuditError
	if errors.As(err, &ae) {
		return ae.Cause, AuditNote(ae.Err)
	}
	return err, ""
}

// AuditNote is the sentence added when the audit line could not be
// written; "" for nil.
func AuditNote(err error) string {
	if err == nil {
		return ""
	}
	return " ⚠ The audit log could not be written: " + ErrText(err) + "."
}
