// Package redrive is the DLQ pane and the moves it starts: beside the peek
// pane of a dead-letter queue, where its messages came from and what they
// have in common; R to send them back (a native move task, or a lossless
// client-side move), m to move them to a queue you pick, c to cancel, with
// the progress and the final report.
package redrive

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/sqscope/sqscope/awsclient"
	"github.com/sqscope/sqscope/keymap"
	"github.com/sqscope/sqscope/model"
	"github.com/sqscope/sqscope/ui/common"
	"github.com/sqscope/sqscope/ui/dialog"
)

// Peek is what the pane knows of the peek pane, handed in by the root
// before every message: a move of a peeked DLQ must first have the peek
// release what it holds, and a finished one tells the peek what moved
// away.
type Peek struct {
	Open  bool
	Queue model.Queue
	Held  int // messages the peek's session holds
}

// on reports whether the peek is open on the queue url.
func (p Peek) on(url string) bool { return p.Open && p.Queue.URL == url }

// Target is what R and m act on: the peeked queue, else the one under the
// list cursor; with a peek open, what it chose.
type Target struct {
	Queue    model.Queue
	OK       bool            // there is a queue to act on
	Selected []model.Message // marked with space, in the peek
	Shown    []model.Message // passing the peek's filter
	Filter   string          // the peek's filter text
}

// KeyMsg is a key the pane Handles, with what it acts on.
type KeyMsg struct {
	Key    tea.KeyPressMsg
	Target Target
}

// Pane is the DLQ pane and the moves: the root routes it the DLQ keys and
// every message, and hears back through its Outbox.
type Pane struct {
	common.Outbox
	c      *common.Common
	client Client
	cat    *model.Catalog
	peek   Peek

	dlq      dlqView
	attached bool // a peek pane is open on dlq.q

	moves   moves
	pending plan             // what the redrive dialog is about
	asking  *dialog.Confirm  // the redrive dialog while it is open
	choices []func() tea.Cmd // what the dialog's extra keys do, by index
	// noNative: the endpoint said it has no native move API; it is asked
	// once, not on every R.
	noNative bool
	// failure is the last move's failure, on the status line until c
	// clears it.
	failure string
	// journals are the interrupted moves' journals, by
	// awsclient.JournalKey: what they left half-moved (journals.go).
	journals journals
}

// Client is what the pane calls: the moves, and the journals' checks.
type Client interface {
	awsclient.Mover
	awsclient.Reconciler
}

var _ common.Pane = (*Pane)(nil)

// New is the pane with no move yet; Init reads the journals.
func New(c *common.Common, client Client) *Pane {
	return &Pane{c: c, client: client, cat: model.NewCatalog(1), dlq: dlqView{c: c}}
}

// Init reads the journals of interrupted moves.
func (p *Pane) Init() tea.Cmd { return journalsCmd() }

// SetCatalog gives the pane the queues of the latest refresh: the DLQ
// pane's counts and sources follow.
func (p *Pane) SetCatalog(cat *model.Catalog) {
	p.cat = cat
	if p.attached {
		p.dlq.setQueue(p.dlq.q, cat)
	}
}

// Reconcile checks, once, each journal whose DLQ the catalog lists
// against that DLQ: a journal whose DLQ is empty is settled and goes.
// The root calls it after each refresh; it returns nil once done.
func (p *Pane) Reconcile() tea.Cmd { return p.journals.reconcile(p.c.Ctx, p.client, p.cat) }

// SetClient makes the next move go through client (a session switch; the
// root stopped a client-side move first). A native move task runs on in
// SQS, in the account it was started in: the pane stops following it,
// since its polls would now ask the wrong account.
func (p *Pane) SetClient(client Client) tea.Cmd {
	p.client = client
	p.attached, p.noNative = false, false
	if p.moves.running() && !p.moves.clientRunning() {
		p.moves.seq++ // its answers and timer are stale now
		p.moves.cur = nil
		p.Say("the native redrive goes on in SQS, in the account it was started in")
	}
	p.journals = journals{told: p.journals.told}
	return journalsCmd() // checked again against the new account's DLQs
}

// SetPeek tells the pane where the peek pane stands.
func (p *Pane) SetPeek(pk Peek) { p.peek = pk }

// SetSize sets the DLQ pane's size; wide says it stands beside the peek
// pane and may use one row per item. 0×0 hides it.
func (p *Pane) SetSize(w, h int) { p.dlq.width, p.dlq.height = w, h }

// SetWide says whether the DLQ pane stands beside the peek pane (tall) or
// above it (a short strip).
func (p *Pane) SetWide(wide bool) { p.dlq.wide = wide }

// The pane never has the keyboard: the peek pane keeps it, and the root
// routes the DLQ keys here wherever they are pressed.
func (p *Pane) Focus()       {}
func (p *Pane) Blur()        {}
func (p *Pane) Typing() bool { return false }

// shown reports whether the DLQ pane is on screen: a peek of a DLQ is
// open and the root gave it room.
func (p *Pane) shown() bool {
	return p.attached && p.cat.Graph.IsDLQ(p.dlq.q.ARN) && p.dlq.width > 0 && p.dlq.height > 0
}

// Attach points the DLQ pane at q, which a peek pane just opened on, and
// asks SQS for a move task already running there, so that it is shown,
// not duplicated.
func (p *Pane) Attach(q model.Queue) tea.Cmd {
	p.attached = true
	p.dlq.setQueue(q, p.cat)
	p.dlq.setMessages(nil, p.cat.Graph.Name)
	p.dlq.movedAway = 0
	if !p.cat.Graph.IsDLQ(q.ARN) || p.moves.running() || p.noNative {
		return nil // no task to find: none runs here, or the endpoint has none
	}
	return tasksCmd(p.c.Ctx, p.client, 0, 0, q.ARN)
}

// Detach forgets the peeked queue: the peek pane closed.
func (p *Pane) Detach() { p.attached = false }

// SetPeeked gives the pane a copy of the peeked messages, and how many a
// move took away since the peek opened. Grouping reads every body, which
// is wasted on any other queue and must not be repeated per refresh.
func (p *Pane) SetPeeked(msgs []model.Message, movedAway int) {
	p.dlq.movedAway = movedAway
	if p.attached && p.cat.Graph.IsDLQ(p.dlq.q.ARN) && len(p.dlq.peeked) != len(msgs) {
		p.dlq.setMessages(msgs, p.cat.Graph.Name)
	}
}

// Handles reports whether k is one of the pane's keys here: R, m and c
// anywhere (also disabled, in read-only mode, to say why nothing
// happens), the grouping keys while the DLQ pane is on screen.
func (p *Pane) Handles(k tea.KeyPressMsg) bool {
	keys := p.c.Keys.DLQ
	switch {
	case key.Matches(k, keys.Redrive, keys.MoveTo, keys.CancelMove):
		return true
	case key.Matches(k, keys.GroupBy, keys.GroupPrev, keys.GroupPick):
		return p.shown()
	}
	return p.c.Keys.ReadOnly && matchesDisabled(k, keys.Redrive, keys.MoveTo, keys.CancelMove)
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

// Hints: the pane has no hints of its own; KeyHints go in the focused
// pane's DLQ slot.
func (p *Pane) Hints() []key.Binding { return nil }

// KeyHints are the DLQ keys that apply: c while a move runs; R on a DLQ,
// and a while peeking it. The hint line leaves out what read-only mode
// disabled.
func (p *Pane) KeyHints(onDLQ, peeking bool) []key.Binding {
	keys := p.c.Keys.DLQ
	var hs []key.Binding
	switch {
	case p.moves.running():
		hs = append(hs, keymap.Short(keys.CancelMove, "cancel move"))
	case p.failure != "":
		hs = append(hs, keymap.Short(keys.CancelMove, "clear failure"))
	}
	if onDLQ {
		hs = append(hs, keymap.Short(keys.Redrive, "redrive"))
		if peeking {
			// a alone: the hint line is full at 80 columns, and the DLQ
			// pane says how to step back and pick.
			hs = append(hs, keymap.Short(keys.GroupBy, "group"))
		}
	}
	return hs
}

// View is the DLQ pane, with the move it shows or what R would do.
func (p *Pane) View() string { return p.dlq.view(p.moveBlock) }

// moveBlock is the move's progress and outcome, or what R would do.
func (p *Pane) moveBlock(w int) []string {
	st := &p.c.Styles
	mv := p.moves.cur
	if mv == nil || mv.plan.dlq.URL != p.dlq.q.URL {
		if p.c.Keys.ReadOnly {
			return []string{st.Muted.Render("read-only: redrive and move are disabled")}
		}
		return []string{st.Muted.Render("R redrive to sources · m move to a queue…")}
	}
	return progressLines(mv, st, w)
}
