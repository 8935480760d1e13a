// Package purge is the purge of a queue (P, in the list and in the peek
// pane): the question, which shows the queue's depth and takes its name
// typed out, the export of what the peek read before it, the PurgeQueue
// call and its report. It has no view of its own: the question is a
// dialog, the report a notice, and what the other panes must know (the
// queue is empty now) goes up to the root.
package purge

import (
	"context"
	"errors"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/sqscope/sqscope/awsclient"
	"github.com/sqscope/sqscope/model"
	"github.com/sqscope/sqscope/ui/common"
	"github.com/sqscope/sqscope/ui/dialog"
)

// purgeTimeout bounds the PurgeQueue call; SQS answers at once and
// deletes in the background.
const purgeTimeout = 30 * time.Second

// Flow asks before a purge, runs it and reports it. It talks to the root
// through its Outbox.
type Flow struct {
	common.Outbox
	c      *common.Common
	client awsclient.Operator
}

// New is the purge flow, calling client.
func New(c *common.Common, client awsclient.Operator) *Flow { return &Flow{c: c, client: client} }

// SetClient makes the next purge go through client (a session switch).
func (f *Flow) SetClient(client awsclient.Operator) { f.client = client }

// Target is the queue to purge, as the root knows it.
type Target struct {
	Queue model.Queue
	// Age is how old Queue's counts are; AgeKnown is false before any
	// refresh has read them.
	Age      time.Duration
	AgeKnown bool
	// Read is how many messages the peek pane lists from this queue, which
	// "export first" writes; -1 when the peek is not open on it.
	Read int

	exported *exported // the export made from this question, if any
}

// exported is how an export before the purge went.
type exported struct {
	n    int
	path string
	err  error
}

// ExportFirstMsg asks the root for an export of what the peek read of
// Target's queue before the purge; the root gives Then to the peek pane,
// whose answer comes back here and asks again.
type ExportFirstMsg struct {
	Target Target
	Then   func(n int, path string, err error) tea.Msg
}

// PeekFirstMsg asks the root to open the peek pane on Queue: the user
// wants a copy of messages before purging a queue the peek has not read.
type PeekFirstMsg struct{ Queue model.Queue }

// PurgedMsg tells the root Queue was purged: the list refreshes it, and
// the peek pane, when open on it, drops what it lists.
type PurgedMsg struct{ QueueURL string }

// answerMsg is the purge question's answer.
type answerMsg struct {
	t   Target
	res dialog.Result
}

// exportedMsg is the export's answer, back to the question.
type exportedMsg struct {
	t Target
	e exported
}

// purgedMsg is PurgeQueue's answer.
type purgedMsg struct {
	q   model.Queue
	err error
}

// exportKey is the question's "export first": a ctrl key, since every
// letter is part of the name typed.
var exportKey = key.NewBinding(key.WithKeys("ctrl+e"), key.WithHelp("ctrl+e", "export first"))

// Handles reports whether k is purge's key (P); in read-only mode too,
// where it is disabled, so that Ask can say why nothing happens.
func (f *Flow) Handles(k tea.KeyPressMsg) bool {
	b := f.c.Keys.List.Purge
	b.SetEnabled(true)
	return key.Matches(k, b)
}

// Ask opens the purge question for t.
func (f *Flow) Ask(t Target) {
	if !f.c.Keys.List.Purge.Enabled() {
		// The adapter would refuse it as well; say so before anything is
		// typed.
		f.Say("read-only mode: purge is disabled (restart without --read-only)")
		return
	}
	name := common.OneLine(t.Queue.Name)
	d := dialog.NewTyped(f.c, "Purge "+name+"?", "purge", t.Queue.Name, questionLines(t, f.c.Confined),
		func(r dialog.Result) tea.Msg { return answerMsg{t: t, res: r} })
	// A served session cannot write the host's files: no export first.
	if t.Read != 0 && !f.c.Confined {
		d.WithChoice(exportKey)
	}
	f.Send(dialog.OpenMsg{Dialog: d})
}

// Update takes the flow's own messages; it ignores every other.
func (f *Flow) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case answerMsg:
		return f.answered(msg)
	case exportedMsg:
		t := msg.t
		t.exported = &msg.e
		f.Ask(t)
	case purgedMsg:
		f.purged(msg)
	}
	return nil
}

// answered purges once the name was typed, or goes for the export.
func (f *Flow) answered(msg answerMsg) tea.Cmd {
	t := msg.t
	switch msg.res.Outcome {
	case dialog.Confirmed:
		if msg.res.Text != t.Queue.Name {
			return nil // Typed confirms only the exact name; never purge another
		}
		return purgeCmd(f.c.Ctx, f.client, t.Queue)
	case dialog.Chose:
		if t.Read < 0 {
			f.Send(PeekFirstMsg{Queue: t.Queue})
			f.Say("read what you want to keep (n for more), then P: its ctrl+e exports what the peek read")
			return nil
		}
		f.Send(ExportFirstMsg{Target: t, Then: func(n int, path string, err error) tea.Msg {
			return exportedMsg{t: t, e: exported{n: n, path: path, err: err}}
		}})
		return nil
	}
	f.Say("purge cancelled: nothing was deleted")
	return nil
}

// purgeCmd calls PurgeQueue.
func purgeCmd(ctx context.Context, op awsclient.Operator, q model.Queue) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(ctx, purgeTimeout)
		defer cancel()
		return purgedMsg{q: q, err: op.Purge(ctx, q.URL)}
	}
}

// purged reports PurgeQueue's answer. A refusal gets a note as well as
// the status line, which a narrow terminal cuts before the reason.
func (f *Flow) purged(msg purgedMsg) {
	name := common.OneLine(msg.q.Name)
	err, note := common.SplitAudit(msg.err)
	switch {
	case errors.Is(err, awsclient.ErrPurgeInProgress):
		f.Say("✗ " + name + " not purged: one purge a minute per queue")
		f.Send(dialog.OpenMsg{Dialog: dialog.NewNote(f.c, name+" was not purged", []string{
			"SQS allows one purge per queue a minute, and this queue was purged in the last 60 seconds " +
				"(from here or elsewhere). This request deleted nothing.",
			"Try again in a minute; the purge that ran may already have emptied it (r refreshes the counts).",
		})})
	case err != nil:
		f.Say("✗ " + name + " not purged: " + common.ErrText(err) + note)
		f.Send(dialog.OpenMsg{Dialog: dialog.NewNote(f.c, name+" was not purged", []string{common.ErrText(err) + note})})
	case note != "":
		// The status line would cut the audit failure off: it gets a note.
		f.Send(PurgedMsg{QueueURL: msg.q.URL})
		f.Say("purged " + name + ": SQS deletes its messages within 60 s." + note)
		f.Send(dialog.OpenMsg{Dialog: dialog.NewNote(f.c, name+" was purged", []string{
			"SQS deletes its messages within 60 s.", strings.TrimSpace(note)})})
	default:
		f.Send(PurgedMsg{QueueURL: msg.q.URL})
		f.Say("purged " + name + ": SQS deletes its messages within 60 s; the audit log records the purge")
	}
}
