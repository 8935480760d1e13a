package queueform

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/sqscope/sqscope/model"
	"github.com/sqscope/sqscope/ui/common"
	"github.com/sqscope/sqscope/ui/dialog"
)

// dlqPickedMsg is the DLQ picker's choice for edit form id: arn, or ""
// for none.
type dlqPickedMsg struct {
	id  uint64
	arn string
}

// editAnswerMsg is the answer to "Change … of q?" for edit form id.
type editAnswerMsg struct {
	id      uint64
	q       model.Queue
	changes []change
	yes     bool
}

// editedMsg is SetAttributes' answer for edit form id.
type editedMsg struct {
	id      uint64
	q       model.Queue
	changes []change
	err     error
}

// editForm acts on the form's answer: the DLQ field opens the picker over
// the form; a submit with changes asks first, showing each change old →
// new; one without says so and stays.
func (f *Forms) editForm(msg editFormMsg) {
	e := f.edit
	if e == nil || e.id != msg.id {
		return
	}
	switch msg.r.Outcome {
	case dialog.Cancelled:
		f.edit = nil
	case dialog.Chose:
		f.Send(dialog.OpenMsg{Dialog: f.dlqPicker(e)})
	case dialog.Confirmed:
		cs := e.changes(f.cat.Graph.Name)
		if len(cs) == 0 {
			e.form.SetBanner("Nothing changed: every value is the one " + common.OneLine(e.q.Name) + " has.")
			return
		}
		e.form.SetBanner("")
		q := e.q
		title := "Change " + common.Plural(len(cs), "attribute") + " of " + common.OneLine(q.Name) + "?"
		lines := append(diffLines(cs), retentionWarning(q, cs)...)
		if out := e.shutOut(f.cat.Graph); len(out) > 0 && !e.newAllow().same(e.oldAllow) {
			lines = append(lines, "Mind: "+common.OneLine(joinNames(out))+" "+common.OneOr(len(out), "names", "name")+" "+
				common.OneLine(q.Name)+" as "+common.OneOr(len(out), "its", "their")+" DLQ now, and the new redrive allow policy leaves "+
				common.OneOr(len(out), "it", "them")+" out.")
		}
		f.Send(dialog.OpenMsg{Dialog: dialog.NewConfirm(f.c, title, "apply", lines,
			func(r dialog.Result) tea.Msg {
				return editAnswerMsg{id: msg.id, q: q, changes: cs, yes: r.Outcome == dialog.Confirmed}
			})})
	}
}

// diffLines are the changes, one a paragraph, old → new.
func diffLines(cs []change) []string {
	lines := make([]string, len(cs))
	for i, c := range cs {
		lines[i] = strings.ToUpper(c.label[:1]) + c.label[1:] + ": " + common.OneLine(c.from) + " → " + common.OneLine(c.to)
	}
	return lines
}

// retentionWarning is a line when the retention gets shorter on a queue
// that holds messages: SQS applies it to the messages already there.
func retentionWarning(q model.Queue, cs []change) []string {
	for _, c := range cs {
		if c.attr != retention.attr {
			continue
		}
		old, err1 := strconv.Atoi(c.before)
		n, err2 := strconv.Atoi(c.after)
		if err1 != nil || err2 != nil || n >= old || q.Stats.Total() == 0 || q.Err != nil {
			return nil
		}
		return []string{fmt.Sprintf("%s holds %s: those older than %s may be deleted once the shorter retention applies (up to 15 minutes).",
			common.OneLine(q.Name), common.Plural(int(q.Stats.Total()), "message"), c.to)}
	}
	return nil
}

// dlqPicked puts the picked DLQ in the form.
func (f *Forms) dlqPicked(msg dlqPickedMsg) {
	if e := f.edit; e != nil && e.id == msg.id {
		e.dlqARN = msg.arn
		e.form.Recheck()
	}
}

// editAnswer applies the changes once the user said yes.
func (f *Forms) editAnswer(msg editAnswerMsg) tea.Cmd {
	e := f.edit
	if !msg.yes || e == nil || e.id != msg.id {
		return nil
	}
	e.form.SetBusy("changing " + msg.q.Name + "…")
	before, attrs := attrMaps(msg.changes)
	id, client, ctx := msg.id, f.client, f.c.Ctx
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(ctx, callTimeout)
		defer cancel()
		err := client.SetAttributes(ctx, msg.q.URL, before, attrs)
		return editedMsg{id: id, q: msg.q, changes: msg.changes, err: err}
	}
}

// edited reports the answer: success closes the form and reads the queue
// again; a failure keeps the form and its values.
func (f *Forms) edited(msg editedMsg) {
	e := f.edit
	if e != nil && e.id != msg.id {
		e = nil
	}
	err, note := common.SplitAudit(msg.err)
	if err == nil {
		if e != nil {
			f.Send(dialog.CloseMsg{Dialog: e.form})
			f.edit = nil
		}
		f.Say("Changed " + msg.q.Name + ": " + changeWords(msg.changes) + "." + note)
		f.Send(ChangedMsg{Select: msg.q.URL})
		return
	}
	text := "✗ Changing " + msg.q.Name + " failed: " + common.ErrText(err) + "." + note
	f.Say(text)
	if e != nil {
		e.form.SetBusy("")
		e.form.SetBanner(text)
		e.form.FocusButton()
	}
}

// changeWords is the changes in one line: "visibility timeout 30s → 5m, …".
func changeWords(cs []change) string {
	parts := make([]string, len(cs))
	for i, c := range cs {
		parts[i] = c.label + " " + c.from + " → " + c.to
	}
	return strings.Join(parts, ", ")
}
