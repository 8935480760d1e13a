package compose

import (
	"slices"

	tea "charm.land/bubbletea/v2"

	"github.com/sqscope/sqscope/model"
	"github.com/sqscope/sqscope/ui/common"
	"github.com/sqscope/sqscope/ui/dialog"
)

// pickDest asks where an edited message goes, the cursor on the
// destination it most likely has: the one picked last time, else, for a
// dead-letter queue, the queue the message failed in, else its own queue.
func (p *Pane) pickDest(d *draft) {
	qs := slices.Clone(p.cat.Queues)
	if !slices.ContainsFunc(qs, func(q model.Queue) bool { return q.URL == d.from.URL }) {
		qs = append(qs, d.from) // the peeked queue, even if the list has lost it
	}
	model.SortQueues(qs, model.SortByName)
	want := d.from.URL
	if src, ok := p.cat.ByARN[d.orig.DLQSourceARN]; ok && d.orig.DLQSourceARN != "" {
		want = src.URL
	}
	if d.to.URL != "" {
		want = d.to.URL
	}
	items := make([]dialog.Item, len(qs))
	at := 0
	for i, q := range qs {
		detail := common.PadRight(q.Type.String(), 8)
		switch {
		case q.URL == d.from.URL:
			detail = "its queue  " + detail
		case q.ARN != "" && q.ARN == d.orig.DLQSourceARN:
			detail = "failed in  " + detail
		default:
			detail = "           " + detail
		}
		items[i] = dialog.Item{Name: q.Name, Detail: detail}
		if q.URL == want {
			at = i
		}
	}
	pk := dialog.NewPicker(p.c, "Send the edited message to…", items, func(r dialog.Result) tea.Msg {
		if r.Outcome != dialog.Picked {
			return destMsg{d: d}
		}
		return destMsg{d: d, dest: &qs[r.Index]}
	})
	pk.Select(at)
	p.Send(dialog.OpenMsg{Dialog: pk})
}

// destPicked checks the draft against the queue picked.
func (p *Pane) destPicked(msg destMsg) tea.Cmd {
	d := msg.d
	if d != p.cur {
		return nil
	}
	if msg.dest == nil {
		p.stop(d, d.text, "no queue picked: nothing sent")
		return nil
	}
	d.to = *msg.dest
	return p.checkFor(d)
}

// offerDelete asks, once the copy is sent, whether the original goes;
// only while the peek that read it still holds it, since then its receipt
// handle is the current one. Otherwise it says why it stays.
func (p *Pane) offerDelete(d *draft, newID string) {
	sent := "sent to " + common.OneLine(d.to.Name) + " as " + common.OneLine(newID)
	if why := p.cannotDelete(d); why != "" {
		p.cur = nil
		// The id last: a narrow status line cuts from the right, and the
		// reason matters more.
		p.Say("sent to " + common.OneLine(d.to.Name) + "; the original stays in " + common.OneLine(d.from.Name) +
			": " + why + "; the copy's id is " + common.OneLine(newID))
		return
	}
	lines := []string{
		"The edited copy was " + sent + ".",
		"Deleting message " + common.OneLine(d.orig.ID) + " removes it from " + common.OneLine(d.from.Name) +
			" for good; the audit log keeps its content.",
	}
	p.Send(dialog.OpenMsg{Dialog: dialog.NewConfirm(p.c, "Delete the original from "+common.OneLine(d.from.Name)+"?",
		"delete", lines, func(r dialog.Result) tea.Msg { return deleteAnswerMsg{d: d, yes: r.Outcome == dialog.Confirmed} })})
	p.Say(sent)
}

// cannotDelete is why d's original cannot be deleted safely now; "" when
// it can.
func (p *Pane) cannotDelete(d *draft) string {
	switch {
	case !p.peek.Open || p.peek.QueueURL != d.from.URL:
		return "its peek was closed, and a delete needs the receipt of a receive that holds it (peek again and press X on it)"
	case !p.peek.holds(d.from.URL, d.orig.ID):
		return "the peek no longer holds it (its hold ran out, or the end of the queue released it), so another " +
			"consumer may have it; X on it in the peek reads it again and deletes it"
	}
	return ""
}

// deleteAnswered deletes the original on yes, if the peek still holds it:
// the question may have stayed open past the hold.
func (p *Pane) deleteAnswered(msg deleteAnswerMsg) tea.Cmd {
	d := msg.d
	if d != p.cur {
		return nil
	}
	if !msg.yes {
		p.cur = nil
		p.Say("the original stays in " + common.OneLine(d.from.Name))
		return nil
	}
	if why := p.cannotDelete(d); why != "" {
		p.cur = nil
		p.Say("the original was not deleted: " + why)
		return nil
	}
	d.sending = true
	return deleteCmd(p.c.Ctx, p.client, d, d.from.URL, d.orig)
}

// deleted says how the delete went; a deleted original leaves the peek's
// list, through the root.
func (p *Pane) deleted(msg deletedMsg) {
	d := msg.d
	if d != p.cur {
		return
	}
	p.cur = nil
	from, id := common.OneLine(d.from.Name), d.orig.ID
	switch {
	case msg.err != nil:
		p.Say("✗ the original was not deleted from " + from + ": " + common.ErrText(msg.err))
	case msg.rep.Failed[id] != nil:
		p.Say("✗ the original was not deleted from " + from + ": " + common.ErrText(msg.rep.Failed[id]))
	case slices.Contains(msg.rep.Deleted, id):
		p.Send(OriginalDeletedMsg{QueueURL: d.from.URL, ID: id})
		p.Send(SentMsg{})
		p.Say("the original was deleted from " + from + "; its copy is in " + common.OneLine(d.to.Name))
	default:
		p.Say("the original may or may not be deleted from " + from + " (the answer was lost): peek again to see")
	}
}
