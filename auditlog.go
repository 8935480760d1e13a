package main

import (
	"io"

	"github.com/sqscope/sqscope/audit"
)

// openAuditLog opens the log every change is recorded in. A log that
// cannot be opened is a warning, not a reason to refuse to start: an
// on-call engineer at 3 a.m. still needs to look at the queues. The
// warning says what is at stake. In read-only mode nothing can change, so
// nothing is opened (nor created).
func openAuditLog(f *tuiFlags, stderr io.Writer) *audit.Log {
	if f.readOnly {
		return nil
	}
	path := f.auditLog
	if path == "" {
		var err error
		if path, err = audit.DefaultPath(); err != nil {
			f.warnings = append(f.warnings, warn(stderr, "changes will not be recorded: %v", err))
			return nil
		}
	}
	log, err := audit.Open(path)
	if err != nil {
		f.warnings = append(f.warnings, warn(stderr, "changes will not be recorded: %v", err))
		return nil
	}
	f.auditLog = path
	return log
}
