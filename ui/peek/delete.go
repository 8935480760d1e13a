package peek

import (
	"context"
	"fmt"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/sqscope/sqscope/awsclient"
	"github.com/sqscope/sqscope/model"
	"github.com/sqscope/sqscope/ui/common"
	"github.com/sqscope/sqscope/ui/dialog"
)

// Delete (X) deletes with the receipt handles of this peek's receives,
// and only those the session still holds: once a hold has ended another
// consumer may have received the message, and SQS answers a delete with a
// stale handle with success without deleting, so a stale handle would be
// a guess. Those are reported, never sent.

// deleteTimeout bounds one delete: DeleteMessageBatch of 10 at a time.
const deleteTimeout = 60 * time.Second

// DeletedMsg tells the root which messages a delete removed from the
// queue QueueURL: the DLQ pane's breakdown and the counts follow.
type DeletedMsg struct {
	QueueURL string
	IDs      []string
}

// deleteAnswerMsg is the answer to "delete these messages?".
type deleteAnswerMsg struct {
	q     model.Queue
	msgs  []model.Message // the held ones, the only ones sent
	stale int             // chosen but no longer held: not sent
	yes   bool
}

// holdAgainMsg is the answer to "none is held: read again and hold?".
type holdAgainMsg struct{ yes bool }

// deletedMsg is DeleteMessages' answer.
type deletedMsg struct {
	q     model.Queue
	asked int // messages sent
	stale int
	rep   awsclient.DeleteReport
	err   error
}

// targets is what X acts on: the selected messages, else the one under
// the cursor.
func (p *Pane) targets() []model.Message {
	if sel := p.Selection(); len(sel) > 0 {
		return sel
	}
	if m, ok := p.Current(); ok {
		return []model.Message{m}
	}
	return nil
}

// askDelete is X: it splits the targets into those the session holds and
// those it does not, and asks, naming the count and the queue.
func (p *Pane) askDelete() {
	all := p.targets()
	if len(all) == 0 {
		p.Say("no message to delete")
		return
	}
	var held []model.Message
	for _, m := range all {
		if p.s.sess.Holds(m.ID) {
			held = append(held, m)
		}
	}
	stale := len(all) - len(held)
	name := common.OneLine(p.q.Name)
	if len(held) == 0 {
		lines := []string{staleText(stale, len(all), false),
			fmt.Sprintf("y receives from %s again, as n does (one more receive each), and keeps what comes back "+
				"held for %s, even at the end of the queue; X then deletes what is held. SQS decides what comes "+
				"back: on a queue larger than a page the chosen messages may not be among it.", name, peekHold)}
		d := dialog.NewConfirm(p.c, "Nothing to delete: "+common.Plural(stale, "message")+" not held", "read again and hold", lines,
			func(r dialog.Result) tea.Msg { return holdAgainMsg{yes: r.Outcome == dialog.Confirmed} })
		p.Send(dialog.OpenMsg{Dialog: d})
		return
	}
	lines := []string{"This cannot be undone; the audit log keeps a full copy of each message (body and attributes), " +
		"which send from file can put back."}
	if stale > 0 {
		lines = append(lines, staleText(stale, len(all), true))
	}
	lines = append(lines, idsText(held))
	title := fmt.Sprintf("Delete %s from %s?", common.Plural(len(held), "message"), name)
	q := p.q
	d := dialog.NewConfirm(p.c, title, "delete", lines, func(r dialog.Result) tea.Msg {
		return deleteAnswerMsg{q: q, msgs: held, stale: stale, yes: r.Outcome == dialog.Confirmed}
	})
	p.Send(dialog.OpenMsg{Dialog: d})
}

// staleText says what happens to the chosen messages the peek no longer
// holds, and why; again adds how to delete them after all.
func staleText(stale, of int, again bool) string {
	it, is := common.OneOr(stale, "it", "they"), isAre(stale)
	what := common.Plural(stale, "message") + " chosen " + is
	if stale < of {
		what = fmt.Sprintf("%d of the %d messages chosen %s", stale, of, is)
	}
	text := what + " no longer held by this peek (the hold ran out, or the peek released " +
		common.OneOr(stale, "it", "them") + " at the end of the queue): another consumer may hold " +
		common.OneOr(stale, "it", "them") + " now, so " + it + " " + common.OneOr(stale, "is", "are") + " not deleted."
	if again {
		text += " Peek again and press X within the hold to delete " + common.OneOr(stale, "it", "them") + "."
	}
	return text
}

func isAre(n int) string {
	if n == 1 {
		return "is"
	}
	return "are"
}

// idsText names the messages to delete, the first few in full.
func idsText(msgs []model.Message) string {
	const show = 4
	ids := make([]string, 0, show)
	for i, m := range msgs {
		if i == show {
			ids = append(ids, fmt.Sprintf("and %d more", len(msgs)-show))
			break
		}
		ids = append(ids, common.OneLine(m.ID))
	}
	return "Message ids: " + strings.Join(ids, ", ")
}

// deleteAnswered sends the delete once the user said yes.
func (p *Pane) deleteAnswered(msg deleteAnswerMsg) tea.Cmd {
	if !msg.yes {
		p.Say("delete cancelled: nothing was deleted")
		return nil
	}
	op, ok := p.client.(awsclient.Operator)
	if !ok {
		p.Say("delete: this client cannot delete messages")
		return nil
	}
	return deleteCmd(p.ctx(), op, msg)
}

// deleteCmd deletes msg's held messages with the handles their receives
// gave.
func deleteCmd(ctx context.Context, op awsclient.Operator, msg deleteAnswerMsg) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(ctx, deleteTimeout)
		defer cancel()
		rep, err := op.DeleteMessages(ctx, msg.q.URL, msg.msgs)
		return deletedMsg{q: msg.q, asked: len(msg.msgs), stale: msg.stale, rep: rep, err: err}
	}
}

// holdAgain is the answer to "read again and hold?": the next pages keep
// their holds at the end of the queue, so X finds them held.
func (p *Pane) holdAgain(msg holdAgainMsg) tea.Cmd {
	if !msg.yes || !p.s.open() {
		p.Say("nothing was read or deleted")
		return nil
	}
	p.keep = true
	if p.q.Redrive == nil || p.q.Redrive.MaxReceiveCount < 1 {
		p.Say(fmt.Sprintf("reading %s again, holding what it reads for %s: X deletes", common.OneLine(p.q.Name), peekHold))
		return p.more()
	}
	return p.loadMore() // asks first what receiving again costs here
}
