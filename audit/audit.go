// Package audit is sqscope's record of every change it makes: one JSON
// line per change (send, delete, purge, create, set attributes, delete
// queue, move), appended to a file only the user can read. Messages that
// sqscope deleted or replaced while it held their content are kept in
// full, as model.Records, so `send from file` can put them back.
package audit

import (
	"time"

	"github.com/sqscope/sqscope/model"
)

// Entry is one line of the audit log.
type Entry struct {
	Time     time.Time `json:"time"`
	Endpoint string    `json:"endpoint,omitempty"` // empty: the SDK's regional endpoint
	Region   string    `json:"region,omitempty"`
	Profile  string    `json:"profile,omitempty"`
	Account  string    `json:"account,omitempty"`
	User     string    `json:"user,omitempty"` // who acted, when known (sqscope serve)

	// Op is the change: "send", "delete", "purge", "create-queue",
	// "set-attributes", "delete-queue", "move".
	Op    string `json:"op"`
	Queue string `json:"queue"` // URL (for create-queue: the name asked for)
	// Count is how many messages the change touched (sent, deleted,
	// moved); 0 when it is not about messages.
	Count      int      `json:"count,omitempty"`
	MessageIDs []string `json:"messageIds,omitempty"`
	// Outcome is "ok", "partial" (some entries failed), "failed", or
	// "unknown" (an answer was lost: it may have happened).
	Outcome string `json:"outcome"`
	Error   string `json:"error,omitempty"`
	// Details holds what else the change is about: for set-attributes
	// "old.NAME" and "new.NAME", for a move its destination and report.
	Details map[string]string `json:"details,omitempty"`
	// Messages are the deleted or replaced messages in full, in the
	// export format.
	Messages []model.Record `json:"messages,omitempty"`
}
