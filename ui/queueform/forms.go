// Package queueform is the changes made to queues themselves, from the
// queue list: C creates a queue (and a DLQ with it), E edits the selected
// queue's attributes, X deletes it. Each is a dialog on the overlay stack
// — a form, then a confirmation that names the queue and what changes —
// and one call of awsclient.Operator, which refuses in read-only mode and
// writes the audit log. The package has no pane of its own: the root
// routes it the three keys with the selected queue, and every message.
package queueform

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/sqscope/sqscope/awsclient"
	"github.com/sqscope/sqscope/model"
	"github.com/sqscope/sqscope/ui/common"
)

// KeyMsg is a key Handles took, with the queue under the list's cursor.
type KeyMsg struct {
	Key   tea.KeyPressMsg
	Queue model.Queue
	OK    bool // there is a selected queue
}

// ChangedMsg tells the root the queues changed (created, edited, deleted):
// it reads them again, and puts the list's cursor on Select (a queue URL)
// once it is listed.
type ChangedMsg struct{ Select string }

// Forms is the three flows; at most one is open at a time, since its
// dialog has the keyboard.
type Forms struct {
	common.Outbox
	c      *common.Common
	client awsclient.Operator
	cat    *model.Catalog

	seq    uint64    // numbers each flow, so a late answer finds its own
	create *creating // the create form while it is open
	edit   *editing  // the edit form while it is open
}

// New is the flows with no form open.
func New(c *common.Common, client awsclient.Operator) *Forms {
	return &Forms{c: c, client: client, cat: model.NewCatalog(1)}
}

// SetClient makes the next change go through client (a session switch).
func (f *Forms) SetClient(client awsclient.Operator) { f.client = client }

// SetCatalog gives the flows the queues the app knows: the DLQs to pick,
// the names taken, the sources of a DLQ.
func (f *Forms) SetCatalog(cat *model.Catalog) { f.cat = cat }

// Handles reports whether k is C, E or X of the queue list. In read-only
// mode those are disabled and never match; they are still taken, to say
// why nothing opens.
func (f *Forms) Handles(k tea.KeyPressMsg) bool {
	keys := f.c.Keys.List
	if key.Matches(k, keys.Create, keys.Edit, keys.DropQueue) {
		return true
	}
	return f.c.Keys.ReadOnly && matchesDisabled(k, keys.Create, keys.Edit, keys.DropQueue)
}

// matchesDisabled reports whether k would match one of bs if enabled.
func matchesDisabled(k tea.KeyPressMsg, bs ...key.Binding) bool {
	for _, b := range bs {
		b.SetEnabled(true)
		if key.Matches(k, b) {
			return true
		}
	}
	return false
}

// Update takes the keys Handles took and the flows' own messages; it
// ignores everything else.
func (f *Forms) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case KeyMsg:
		return f.key(msg)
	case dropSourcesMsg:
		f.dropSources(msg)
	case createFormMsg:
		f.createForm(msg)
	case createAnswerMsg:
		return f.createAnswer(msg)
	case createdMsg:
		f.created(msg)
	case editFormMsg:
		f.editForm(msg)
	case dlqPickedMsg:
		f.dlqPicked(msg)
	case editAnswerMsg:
		return f.editAnswer(msg)
	case editedMsg:
		f.edited(msg)
	case dropAnswerMsg:
		return f.dropAnswer(msg)
	case droppedMsg:
		f.dropped(msg)
	}
	return nil
}

// key opens the flow of the key pressed.
func (f *Forms) key(msg KeyMsg) tea.Cmd {
	keys := f.c.Keys.List
	if f.c.Keys.ReadOnly {
		f.Say("read-only mode: creating, editing and deleting queues are off")
		return nil
	}
	switch {
	case key.Matches(msg.Key, keys.Create):
		f.openCreate()
	case !msg.OK:
		f.Say("no queue selected")
	case key.Matches(msg.Key, keys.Edit):
		f.openEdit(msg.Queue)
	case key.Matches(msg.Key, keys.DropQueue):
		return f.openDrop(msg.Queue)
	}
	return nil
}

// next numbers a new flow.
func (f *Forms) next() uint64 {
	f.seq++
	return f.seq
}
