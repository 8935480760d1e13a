package redrive

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/sqscope/sqscope/model"
	"github.com/sqscope/sqscope/ui/common"
	"github.com/sqscope/sqscope/ui/dialog"
	"github.com/sqscope/sqscope/ui/sanitize"
)

// The DLQ breakdown's field: a and A step through the fields seen, f picks
// one from a list. With a alone, a DLQ of rich envelopes put the telling
// field a dozen presses away, and one press too many meant going round.

// fieldPickedMsg is the field picker's answer.
type fieldPickedMsg struct {
	queueURL string      // the DLQ the picker was opened on
	field    model.Field // the field picked
	ok       bool        // false: cancelled
}

// groupKey handles a, A and f, which the root routes here only while the
// DLQ pane is on screen.
func (p *Pane) groupKey(k tea.KeyPressMsg) {
	keys := p.c.Keys.DLQ
	switch {
	case key.Matches(k, keys.GroupBy):
		p.dlq.stepField(1)
	case key.Matches(k, keys.GroupPrev):
		p.dlq.stepField(-1)
	case len(p.dlq.fields) == 0:
		p.Say("nothing to group by yet: no peeked message has an attribute or a JSON field")
	default:
		p.Send(dialog.OpenMsg{Dialog: p.fieldPicker()})
	}
}

// fieldPicker lists the fields seen, in the order a steps through them,
// each with how many values it takes and how many messages carry it; the
// cursor starts on the field shown.
func (p *Pane) fieldPicker() *dialog.Picker {
	fields, total, url := p.dlq.fields, len(p.dlq.peeked), p.dlq.q.URL
	valW, msgW := 0, 0
	for _, f := range fields {
		valW = max(valW, common.Width(common.Plural(f.Values, "value")))
		msgW = max(msgW, common.Width(common.Commas(int64(f.Messages))))
	}
	of := " of " + common.Commas(int64(total))
	items := make([]dialog.Item, len(fields))
	for i, f := range fields {
		// Field names come from messages: shown as the DLQ pane shows
		// them, escapes visible, not blanked by the picker's one-lining.
		items[i] = dialog.Item{Name: sanitize.Line(f.String()), Detail: common.PadLeft(common.Plural(f.Values, "value"), valW) +
			" · in " + common.PadLeft(common.Commas(int64(f.Messages)), msgW) + of}
	}
	pk := dialog.NewPicker(p.c, "Group the "+common.Plural(total, "peeked message")+" by…", items,
		func(r dialog.Result) tea.Msg {
			if r.Outcome != dialog.Picked {
				return fieldPickedMsg{queueURL: url}
			}
			return fieldPickedMsg{queueURL: url, field: fields[r.Index].Field, ok: true}
		})
	pk.Select(p.dlq.field)
	return pk
}

// fieldPicked groups by the field picked, unless the peek has moved on to
// another queue meanwhile.
func (p *Pane) fieldPicked(msg fieldPickedMsg) {
	if !msg.ok || !p.attached || msg.queueURL != p.dlq.q.URL {
		return
	}
	if !p.dlq.setField(msg.field) {
		p.Say(sanitize.Line(msg.field.String()) + " is on no peeked message any more")
	}
}

// groupHint is how the breakdown's title says to change the field, from
// the bindings: "a/A step · f pick", or just "a/A/f" where the field's
// name needs the room.
func (d *dlqView) groupHint(long bool) string {
	keys := d.c.Keys.DLQ
	if !long {
		return keys.Grouping().Help().Key
	}
	return strings.Join([]string{keys.GroupBy.Help().Key + "/" + keys.GroupPrev.Help().Key + " step",
		keys.GroupPick.Help().Key + " pick"}, " · ")
}
