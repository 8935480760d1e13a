package serve

import (
	"time"

	"github.com/sqscope/sqscope/audit"
	"github.com/sqscope/sqscope/awsclient"
)

// userAudit is the shared audit log as one session writes it: every line
// names the session's user, so a change made over SSH is told apart from
// another's (and from the host's own sqscope).
type userAudit struct {
	log  awsclient.AuditLog
	user string
}

func (u userAudit) Append(e audit.Entry) error {
	e.User = u.user
	return u.log.Append(e)
}

// forUser wraps log for user; nil stays nil, so the client writes nothing.
func forUser(log awsclient.AuditLog, user string) awsclient.AuditLog {
	if log == nil {
		return nil
	}
	return userAudit{log: log, user: user}
}

// Session lines in the audit log, beside the changes. They are not about a
// queue; Details say who and from where.
const (
	opConnect    = "connect"
	opDisconnect = "disconnect"
	// opRefused is a key offered that the file does not list.
	opRefused = "refused"
)

// refusedEntry is the line for an unknown key offered from remote. The user
// is the fingerprint: the key has no name, and the login the client sent
// is anyone's to choose.
func refusedEntry(fingerprint, remote string) audit.Entry {
	return audit.Entry{Time: time.Now().UTC(), User: "(unknown) " + fingerprint, Op: opRefused, Outcome: "failed", Error: "not an authorized key",
		Details: map[string]string{"fingerprint": fingerprint, "remote": remote}}
}

// sessionEntry is a connect or disconnect line for s.
func sessionEntry(op string, s *session, outcome string, err error) audit.Entry {
	e := audit.Entry{Time: time.Now().UTC(), User: s.user, Op: op, Outcome: outcome,
		Details: map[string]string{
			"role":        string(s.role),
			"fingerprint": s.fingerprint,
			"login":       s.login, // what the client sent: anyone may type any name
			"remote":      s.remote,
		}}
	if err != nil {
		e.Error = err.Error()
	}
	return e
}
