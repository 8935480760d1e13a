// Package compose sends messages: S composes one to the selected queue, E
// edits a peeked message and sends the copy (then offers to delete the
// original), F sends a JSONL file of records. A draft is a JSON record in
// export's shape, edited in $VISUAL or $EDITOR when set, else in the
// in-app editor; it is checked as SQS would check it, and a draft that
// fails stays a draft, with the reason, never lost. Every send asks
// first, naming the queue and the count, with No as the default.
//
// The package has no view of its own: its editor, questions and reports
// go on the overlay stack, its progress and results on the status line,
// all through its Outbox.
package compose

import (
	"os/exec"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/sqscope/sqscope/awsclient"
	"github.com/sqscope/sqscope/model"
	"github.com/sqscope/sqscope/ui/common"
)

// Target is what the keys act on, as the root sees it when one is
// pressed: the selected (or peeked) queue and, in a peek, the message
// under the cursor.
type Target struct {
	Queue      model.Queue
	OK         bool // there is a queue
	Message    model.Message
	HasMessage bool // a peek is open with a message under its cursor
}

// KeyMsg is a key the pane Handles, with what it acts on.
type KeyMsg struct {
	Key    tea.KeyPressMsg
	Target Target
}

// Peek is what the pane may know of the peek pane, handed in by the root:
// deleting an original is only safe while that peek's receive still holds
// it (its receipt handle is then the current one).
type Peek struct {
	Open     bool
	QueueURL string
	Holds    func(id string) bool // reads the peek as it is when called
}

func (p Peek) holds(url, id string) bool {
	return p.Open && p.QueueURL == url && p.Holds != nil && p.Holds(id)
}

// Pane is the sending: the drafts in flight and kept, and the file sends.
type Pane struct {
	common.Outbox
	c      *common.Common
	client awsclient.Operator
	cat    *model.Catalog
	peek   Peek

	cur  *draft            // the draft being edited, asked about or sent; nil when none
	kept map[string]string // drafts whose send stopped short, by draft key: S or E reopens them
	file *fileRun          // the file send asked about or running; nil when none
	path string            // the last file path given, offered again

	// exec runs the external editor; tests replace it, since Bubble Tea's
	// own needs a running program.
	exec func(*exec.Cmd, tea.ExecCallback) tea.Cmd
}

// New is the pane, sending through client.
func New(c *common.Common, client awsclient.Operator) *Pane {
	return &Pane{c: c, client: client, cat: model.NewCatalog(1), kept: map[string]string{}, exec: tea.ExecProcess}
}

// SetClient makes the next send go through client (a session switch). A
// file send already running keeps the client it started with: its lines
// go on to the queue (and account) they were meant for.
func (p *Pane) SetClient(client awsclient.Operator) { p.client = client }

// SetCatalog gives the pane the queues of the latest refresh: the
// destinations a resend can pick, and the DLQ sources.
func (p *Pane) SetCatalog(cat *model.Catalog) { p.cat = cat }

// SetPeek tells the pane where the peek pane stands.
func (p *Pane) SetPeek(pk Peek) { p.peek = pk }

// Handles reports whether k is the pane's: S and F over the queue list,
// E in a peek. In read-only mode they are disabled bindings, recognised
// only to say why nothing happens.
func (p *Pane) Handles(k tea.KeyPressMsg, peeking bool) bool {
	bs := p.bindings(peeking)
	if key.Matches(k, bs...) {
		return true
	}
	return p.c.Keys.ReadOnly && matchesDisabled(k, bs...)
}

func (p *Pane) bindings(peeking bool) []key.Binding {
	keys := p.c.Keys
	if peeking {
		return []key.Binding{keys.Peek.Resend}
	}
	return []key.Binding{keys.List.Send, keys.List.SendFile}
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

// busy reports whether a send is on its way (a draft's or a file's): the
// keys wait for it.
func (p *Pane) busy() bool {
	return (p.cur != nil && p.cur.sending) || (p.file != nil && p.file.running)
}

// key starts what k asks for on t.
func (p *Pane) key(msg KeyMsg) tea.Cmd {
	k, t, keys := msg.Key, msg.Target, p.c.Keys
	if p.c.Keys.ReadOnly {
		p.Say("read-only mode: sending is disabled (restart without --read-only)")
		return nil
	}
	if !t.OK {
		return nil
	}
	if p.busy() {
		p.Say("a send is on its way: wait for its result")
		return nil
	}
	switch {
	case key.Matches(k, keys.List.Send):
		return p.edit(p.newSend(t.Queue))
	case key.Matches(k, keys.List.SendFile):
		p.askPath(t.Queue, p.path, "")
	case key.Matches(k, keys.Peek.Resend):
		if !t.HasMessage {
			p.Say("no message under the cursor to edit and resend")
			return nil
		}
		return p.edit(p.newResend(t.Message, t.Queue))
	}
	return nil
}

// Update takes the keys the root routes here (as KeyMsg) and every
// message: the pane's own results and its dialogs' answers.
func (p *Pane) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case KeyMsg:
		return p.key(msg)
	case editorReadyMsg:
		return p.editorReady(msg)
	case editedMsg:
		return readBackCmd(msg)
	case draftReadMsg:
		return p.readBack(msg)
	case editorAnswerMsg:
		return p.editorAnswered(msg)
	case destMsg:
		return p.destPicked(msg)
	case sendAnswerMsg:
		return p.sendAnswered(msg)
	case sentMsg:
		return p.sent(msg)
	case deleteAnswerMsg:
		return p.deleteAnswered(msg)
	case deletedMsg:
		p.deleted(msg)
	case pathMsg:
		return p.pathAnswered(msg)
	case fileReadMsg:
		p.fileRead(msg)
	case fileAnswerMsg:
		return p.fileAnswered(msg)
	case chunkMsg:
		return p.chunkSent(msg)
	}
	return nil
}
