// Package auditlog is the audit log viewer (L): the recent entries of the
// log every change sqscope makes is written to, newest first, and one
// entry in full. It is an overlay on the dialog stack, like help, so it
// works over any pane and in read-only mode; reading the file is a
// tea.Cmd, whose answer the root hands here like any pane's message.
package auditlog

import (
	tea "charm.land/bubbletea/v2"

	"github.com/sqscope/sqscope/audit"
	"github.com/sqscope/sqscope/ui/common"
	"github.com/sqscope/sqscope/ui/dialog"
)

// recentN is how many entries the viewer reads: the tail of a long log
// costs no more than this many lines.
const recentN = 200

// Log opens the viewer and takes the answers of its reads.
type Log struct {
	common.Outbox
	c    *common.Common
	path string // "" is audit.DefaultPath, found when reading
	seq  uint64 // the latest read's number
	v    *viewer
}

// New is the viewer of the log at path; "" means audit.DefaultPath.
func New(c *common.Common, path string) *Log { return &Log{c: c, path: path} }

// loadedMsg is a read of the log, tagged with its request's number.
type loadedMsg struct {
	seq     uint64
	path    string
	entries []audit.Entry
	bad     int // lines that are not entries (a torn last line)
	err     error
}

// Open puts the viewer on the overlay stack, saying it is reading, and
// returns the read.
func (l *Log) Open(then dialog.Then) tea.Cmd {
	l.seq++
	l.v = newViewer(l.c, l.path, then)
	l.Send(dialog.OpenMsg{Dialog: l.v})
	return readCmd(l.seq, l.path)
}

// Update takes the answer of the latest read; an older one, or one that
// comes after the viewer closed and opened again, is dropped.
func (l *Log) Update(msg tea.Msg) tea.Cmd {
	if m, ok := msg.(loadedMsg); ok && m.seq == l.seq && l.v != nil {
		l.v.loaded(m)
	}
	return nil
}

// readCmd reads the newest entries of the log.
func readCmd(seq uint64, path string) tea.Cmd {
	return func() tea.Msg {
		if path == "" {
			p, err := audit.DefaultPath()
			if err != nil {
				return loadedMsg{seq: seq, err: err}
			}
			path = p
		}
		entries, bad, err := audit.Recent(path, recentN)
		return loadedMsg{seq: seq, path: path, entries: entries, bad: bad, err: err}
	}
}
