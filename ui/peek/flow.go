package peek

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/sqscope/sqscope/awsclient"
	"github.com/sqscope/sqscope/model"
	"github.com/sqscope/sqscope/ui/common"
	"github.com/sqscope/sqscope/ui/dialog"
)

// The peek lifecycle. A session is opened when the pane opens and released
// (every held message made visible again) when the pane closes, when a
// page fails, when the queue is read to its end, and on quit; the root
// calls ReleaseAll after the program ends for the exits that bypass Update
// (SIGTERM, SIGHUP). Nothing re-receives on a timer: only the user's
// "load more" reads again.

// OpenedMsg tells the root the pane opened on Queue: it takes the body
// and the keyboard.
type OpenedMsg struct{ Queue model.Queue }

// ClosedMsg tells the root the pane closed (esc): the queue list gets the
// body and the keyboard back.
type ClosedMsg struct{}

// PageReadMsg tells the root a page arrived: the list of messages changed.
type PageReadMsg struct{}

// confirmedMsg is the answer to the dialog asked before peeking q.
type confirmedMsg struct {
	q   model.Queue
	yes bool
}

// moreConfirmedMsg is the answer to the dialog asked before n receives
// already-read messages again.
type moreConfirmedMsg struct{ yes bool }

// OpenQueue peeks q, asking first when the peek could dead-letter. In
// read-only mode such a peek is refused, saying why: read-only changes
// nothing, and a receive can move a message to the DLQ.
func (p *Pane) OpenQueue(q model.Queue) tea.Cmd {
	if p.c.Keys.ReadOnly {
		if err := awsclient.ReadOnlyPeekRisk(q); err != nil {
			p.Say(common.ErrText(err))
			return nil
		}
	}
	if q.Redrive == nil || q.Redrive.MaxReceiveCount < 1 {
		return p.start(q)
	}
	lines := peekWarning(q, p.cat.Graph, model.PeekCostOf(q.Redrive, p.s.seen[q.URL]))
	p.Send(dialog.OpenMsg{Dialog: dialog.NewConfirm(p.c, "Peek "+common.OneLine(q.Name)+"?", "peek", lines,
		func(r dialog.Result) tea.Msg { return confirmedMsg{q: q, yes: r.Outcome == dialog.Confirmed} })})
	return nil
}

// start opens a session on q and reads the first page.
func (p *Pane) start(q model.Queue) tea.Cmd {
	cmd := p.close()
	p.s.begin(p.client.OpenPeek(q.URL, awsclient.PeekOptions{Hold: peekHold}))
	p.reset(q)
	if q.Type == model.FIFO {
		p.Say("FIFO: messages read block their group until released (on esc or quit)")
	}
	p.Send(OpenedMsg{Queue: q})
	return tea.Batch(cmd, p.more())
}

// more asks the session for the next page, unless one is on its way.
func (p *Pane) more() tea.Cmd {
	cmd := p.s.next(p.ctx())
	if cmd != nil {
		p.loading = true
	}
	return cmd
}

// ctx is the program's context: a page in flight stops when it quits.
func (p *Pane) ctx() context.Context { return p.c.Ctx }

// loadMore is n: read the next page, asking first when it would receive
// already-read messages again on a queue that dead-letters.
func (p *Pane) loadMore() tea.Cmd {
	if !p.s.open() {
		return nil
	}
	if d := p.moreDialog(); d != nil {
		p.Send(dialog.OpenMsg{Dialog: d})
		return nil
	}
	return p.more()
}

// close cancels a load in flight and releases the session; nil when the
// pane was not open. The root hears of it with ClosedMsg.
func (p *Pane) close() tea.Cmd {
	cmd := p.s.close()
	if cmd == nil {
		return nil
	}
	p.Send(ClosedMsg{})
	return cmd
}

// loaded stores a page; a failed page, and the page that reads the queue
// to its end, release what the session holds: once nothing more can be
// read, holding the messages only keeps them from their consumers (and,
// on a FIFO queue, blocks their groups).
func (p *Pane) loaded(msg pageMsg) tea.Cmd {
	if !p.s.accept(msg) {
		return nil // stale: an older request, or a closed session
	}
	pg := msg.page
	p.receivedAgain(pg.Again)
	p.addPage(pg.Messages, pg.Received, pg.Duplicates, msg.held, p.c.Now().Add(peekHold), pg.Exhausted)
	p.lost, p.lostUntil = pg.LostReceives, pg.LostHoldUntil
	p.follow()
	counts := make([]int, len(p.msgs))
	for i, m := range p.msgs {
		counts[i] = m.ReceiveCount
	}
	p.s.seen[p.q.URL] = counts
	p.Send(PageReadMsg{})
	if msg.err != nil {
		p.s.err = msg.err
		return p.s.release(nil)
	}
	p.s.err = nil
	if pg.Exhausted && msg.held > 0 && !p.keep {
		return p.s.release(nil)
	}
	return nil
}

// released records a release of one of the sessions, says how many
// messages it made visible again, and returns what follows it (see
// sessions.answered).
func (p *Pane) released(msg releasedMsg) tea.Cmd {
	n := p.settle(msg)
	text := ""
	if n > 0 {
		text = common.Plural(n, "peeked message") + " visible again"
	}
	if rep := msg.rep; rep.LostReceives > 0 && msg.err == nil {
		// No receipt handle came back for what those receives took: no
		// release can reach it, only the end of its hold.
		text = strings.TrimPrefix(text+"; ", "; ") + lostText(rep.LostReceives, rep.LostHoldUntil)
	}
	if text != "" {
		p.Say(text)
	}
	return p.s.answered(msg.sess, msg.err)
}

// settle records a release and returns how many messages it made visible
// again. A failed release keeps the session live, so quit and ReleaseAll
// try again.
func (p *Pane) settle(msg releasedMsg) (visible int) {
	ok, current := p.s.released(msg)
	if !ok {
		return 0
	}
	if current {
		// Not simply 0: a page read while the release was on its way
		// holds messages it did not release.
		p.held = p.s.sess.Held()
	}
	return msg.rep.Released + msg.rep.Expired
}

// Release releases what the pane's session holds now (a move of this
// queue can only take visible messages); the list keeps showing them.
// then, when not nil, is told once the release answered, with its error:
// the move starts then.
func (p *Pane) Release(then func(error) tea.Msg) tea.Cmd { return p.s.release(then) }

// lostText says what receives whose answer was lost may have hidden.
func lostText(n int, until time.Time) string {
	return fmt.Sprintf("%s lost: messages may be hidden until %s", common.Plural(n, "receive"), until.Format("15:04:05"))
}

// Close closes the pane (a session switch), releasing what its session
// holds with the client that read it; nil when it was not open.
func (p *Pane) Close() tea.Cmd { return p.close() }

// SetClient makes the next sessions read through client (a profile or
// region switch, after Close): the sessions still live keep the client
// that opened them, so their release reaches the account they hold in.
func (p *Pane) SetClient(client awsclient.Peeker) { p.client = client }

// StopForQuit stops loading and returns every session that may still hold
// messages, for the root to release before it quits.
func (p *Pane) StopForQuit() []awsclient.Peek {
	if len(p.s.live) == 0 {
		return nil
	}
	p.s.stop() // a page still on its way is stale: only quitting is left
	return slices.Clone(p.s.live)
}

// ReleaseAll makes every message still held by the pane's sessions visible
// again. Call it after the program has returned, with a bounded context.
func (p *Pane) ReleaseAll(ctx context.Context) error { return p.s.releaseAll(ctx) }

// exposed are the listed messages the session no longer holds: the next
// receive can return them. Held counts only the session's live holds, in
// memory.
func (p *Pane) exposed() []model.Message {
	var out []model.Message
	for _, m := range p.msgs {
		if !p.s.sess.Holds(m.ID) {
			out = append(out, m)
		}
	}
	return out
}

// LiveSessions is how many sessions may still hold messages: the pane's,
// and any whose release has not succeeded yet.
func (p *Pane) LiveSessions() int { return len(p.s.live) }
