package compose

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/sqscope/sqscope/model"
	"github.com/sqscope/sqscope/ui/common"
	"github.com/sqscope/sqscope/ui/dialog"
	"github.com/sqscope/sqscope/ui/sanitize"
)

// confirm asks before d's checked message goes out, naming the queue and
// what it sends; enter is No.
func (p *Pane) confirm(d *draft) {
	o := d.out
	title := fmt.Sprintf("Send 1 message (%s) to %s?", common.Plural(o.Size(), "byte"), common.OneLine(d.to.Name))
	lines := summary(o)
	if d.to.IsFIFO() && o.DedupID != "" {
		lines = append(lines, "SQS takes a FIFO message whose dedup id it saw in the last 5 minutes as sent, and drops it.")
	}
	if d.resend {
		lines = append(lines, "A copy of message "+common.OneLine(d.orig.ID)+" of "+common.OneLine(d.from.Name)+
			": the original stays there; you are asked next whether to delete it.")
	}
	p.Send(dialog.OpenMsg{Dialog: dialog.NewConfirm(p.c, title, "send", lines,
		func(r dialog.Result) tea.Msg { return sendAnswerMsg{d: d, yes: r.Outcome == dialog.Confirmed} })})
}

// summary is what a confirmation says of o: the start of its body, its
// attributes, its FIFO ids and delay.
func summary(o model.Outgoing) []string {
	lines := []string{"Body: " + sanitize.Cut(o.Body, 60)}
	if n := len(o.Attributes); n > 0 {
		var parts []string
		for _, k := range slices.Sorted(maps.Keys(o.Attributes)) {
			parts = append(parts, common.OneLine(k)+" ("+common.OneLine(o.Attributes[k].DataType)+")")
		}
		lines = append(lines, common.Plural(n, "attribute")+": "+strings.Join(parts, ", "))
	}
	var ids []string
	if o.GroupID != "" {
		ids = append(ids, "group "+sanitize.Cut(o.GroupID, 40))
	}
	if o.DedupID != "" {
		ids = append(ids, "dedup id "+sanitize.Cut(o.DedupID, 48))
	}
	if o.DelaySeconds > 0 {
		ids = append(ids, fmt.Sprintf("delayed %d s", o.DelaySeconds))
	}
	if len(ids) > 0 {
		lines = append(lines, strings.Join(ids, " · "))
	}
	return lines
}

// sendAnswered sends on yes; on no the draft is kept.
func (p *Pane) sendAnswered(msg sendAnswerMsg) tea.Cmd {
	d := msg.d
	if d != p.cur {
		return nil
	}
	if !msg.yes {
		p.stop(d, d.text, "not sent")
		return nil
	}
	d.sending = true
	p.Say("sending to " + common.OneLine(d.to.Name) + "…")
	return sendCmd(p.c.Ctx, p.client, d, d.to.URL, d.out)
}

// sent says how the send went. A refusal, a failure and a lost answer
// keep the draft; a sent resend asks about its original next.
func (p *Pane) sent(msg sentMsg) tea.Cmd {
	d := msg.d
	if d != p.cur {
		return nil
	}
	d.sending = false
	to := common.OneLine(d.to.Name)
	res := outcomeOf(msg)
	p.Send(SentMsg{})
	switch {
	case res.unknown:
		why := "its answer was lost"
		if res.err != nil {
			why = common.ErrText(res.err)
		}
		p.stop(d, d.text, "may have been sent to "+to+" ("+why+"): look before sending it again")
	case res.err != nil:
		p.stop(d, d.text, "✗ not sent to "+to+": "+common.ErrText(res.err))
	case d.resend:
		delete(p.kept, d.key)
		p.offerDelete(d, res.id)
	default:
		delete(p.kept, d.key)
		p.cur = nil
		text := "sent to " + to + ": message id " + common.OneLine(res.id)
		if res.dup {
			text += "; possibly twice (a request whose answer was lost was retried): look for a duplicate"
		}
		p.Say(text)
	}
	return nil
}

// outcome is what became of one sent draft.
type outcome struct {
	id      string
	err     error
	unknown bool // it may have been sent
	dup     bool // sent, and perhaps twice
}

// outcomeOf reads a send's answer: a call that failed whole sent
// nothing; a report without the message's result is an answer lost.
func outcomeOf(msg sentMsg) outcome {
	switch {
	case msg.err != nil:
		return outcome{err: msg.err}
	case len(msg.rep.Results) == 0:
		return outcome{unknown: true}
	}
	r := msg.rep.Results[0]
	return outcome{id: r.MessageID, err: r.Err, unknown: r.Unknown, dup: r.PossibleDuplicate}
}
