package queueform

import (
	"slices"
	"strconv"

	tea "charm.land/bubbletea/v2"

	"github.com/sqscope/sqscope/model"
	"github.com/sqscope/sqscope/ui/common"
	"github.com/sqscope/sqscope/ui/dialog"
)

// editFormMsg is the edit form's answer: submitted (still open), the DLQ
// field's picker asked for, or cancelled.
type editFormMsg struct {
	id uint64
	r  dialog.Result
}

// numField is one numeric attribute of the edit form.
type numField struct {
	fl  *dialog.Field
	l   limit
	had bool // the queue's attributes hold it: empty is then an error, not "keep"
}

// editing is the edit form while it is open: the queue as it was read,
// and the values chosen.
type editing struct {
	id   uint64
	q    model.Queue
	form *dialog.Form

	nums                []numField
	dlq, maxRecv, allow *dialog.Field
	dlqARN              string   // the DLQ chosen; "" for none
	sources             []string // the ARNs byQueue names
	oldAllow            allowPolicy
}

// openEdit opens q's attributes as they were last read. A queue whose
// attributes could not be read is refused: its old values are unknown, so
// no diff could be shown.
func (f *Forms) openEdit(q model.Queue) {
	if q.Err != nil {
		f.Say("✗ cannot edit " + common.OneLine(q.Name) + ": its attributes could not be read (" + common.ErrText(q.Err) + ")")
		return
	}
	e := &editing{id: f.next(), q: q}
	id := e.id
	form := dialog.NewForm(f.c, "Edit attributes of "+common.OneLine(q.Name), "review changes", func(r dialog.Result) tea.Msg {
		return editFormMsg{id: id, r: r}
	})
	e.form = form
	for _, n := range []struct {
		label string
		l     limit
	}{{"Visibility timeout", visibility}, {"Retention", retention}, {"Delivery delay", delay},
		{"Receive wait", receiveWait}, {"Max message size", maxSize}} {
		raw, had := q.Attrs[n.l.attr]
		v := ""
		if had {
			v = n.l.formatAttr(raw)
		}
		fl := form.Add(dialog.Field{Label: n.label, Kind: dialog.TextField}, v)
		e.nums = append(e.nums, numField{fl: fl, l: n.l, had: had})
	}
	mr := defaultMaxReceives
	if q.Redrive != nil {
		e.dlqARN, mr = q.Redrive.DeadLetterTargetARN, q.Redrive.MaxReceiveCount
	}
	e.dlq = form.Add(dialog.Field{Label: "Dead-letter queue", Kind: dialog.ActionField}, "")
	e.maxRecv = form.Add(dialog.Field{Label: "Max receives", Kind: dialog.TextField}, strconv.Itoa(mr))
	e.oldAllow, _ = parseAllow(q.Attrs["RedriveAllowPolicy"])
	e.sources = e.oldAllow.Sources
	if e.oldAllow.Permission != "byQueue" {
		e.sources = slices.Clone(f.cat.Graph.SourcesOf(q.ARN))
	}
	e.allow = form.Add(dialog.Field{Label: "Redrive allow", Kind: dialog.ChoiceField, Choices: permissions,
		Choice: slices.Index(permissions, e.oldAllow.Permission)}, "")
	form.OnChange(func() { e.check(f) })
	f.edit = e
	f.Send(dialog.OpenMsg{Dialog: form})
}

// check runs after every change: each value's error, the DLQ's name, and
// what the redrive allow policy would let use this queue.
func (e *editing) check(f *Forms) {
	for _, n := range e.nums {
		n.fl.Err, n.fl.Note = "", n.l.rangeNote()
		if !n.had {
			n.fl.Note = "not read; empty keeps it"
			if n.fl.Value() == "" {
				continue
			}
		}
		if _, err := n.l.parse(n.fl.Value()); err != nil {
			n.fl.Err = err.Error()
		}
	}
	name := f.cat.Graph.Name
	e.dlq.SetValue("none")
	e.dlq.Note = "enter: pick a queue, or none"
	if e.dlqARN != "" {
		e.dlq.SetValue(name(e.dlqARN))
	}
	if e.q.RedriveErr != nil && e.dlqARN == "" {
		e.dlq.Note = "the policy could not be read: " + common.ErrText(e.q.RedriveErr)
	}
	e.dlq.Err = ""
	if dlq, ok := f.cat.ByARN[e.dlqARN]; ok && e.dlqARN != e.oldDLQ() {
		// SQS refuses a DLQ whose redrive allow policy leaves this queue out.
		if p, err := parseAllow(dlq.Attrs["RedriveAllowPolicy"]); err == nil && !p.allows(e.q.ARN) {
			e.dlq.Err = "its redrive allow policy (" + p.describe(name) + ") leaves " + common.OneLine(e.q.Name) + " out"
		}
	}
	e.maxRecv.Hidden = e.dlqARN == ""
	e.maxRecv.Err, e.maxRecv.Note = "", "then to the DLQ; "+maxReceives.rangeNote()
	if _, err := maxReceives.parse(e.maxRecv.Value()); err != nil {
		e.maxRecv.Err = err.Error()
	}
	e.allow.Err = ""
	switch p := e.newAllow(); p.Permission {
	case "allowAll":
		e.allow.Note = "any queue may use it as its DLQ"
	case "denyAll":
		e.allow.Note = "no queue may use it as its DLQ"
	default:
		e.allow.Note = p.describe(name)
		switch n := len(p.Sources); {
		case n == 0:
			e.allow.Err = "no queue uses it as its DLQ, so byQueue would name none"
		case n > 10:
			e.allow.Err = strconv.Itoa(n) + " queues use it; byQueue names at most 10"
		}
	}
}

// oldDLQ is the ARN of the DLQ the queue had; "" for none.
func (e *editing) oldDLQ() string {
	if e.q.Redrive == nil {
		return ""
	}
	return e.q.Redrive.DeadLetterTargetARN
}

// shutOut are the names of the queues that use this one as their DLQ now
// and that the redrive allow policy chosen leaves out.
func (e *editing) shutOut(g model.DLQGraph) []string {
	var out []string
	p := e.newAllow()
	for _, arn := range g.SourcesOf(e.q.ARN) {
		if !p.allows(arn) {
			out = append(out, g.Name(arn))
		}
	}
	return out
}

// newAllow is the redrive allow policy chosen.
func (e *editing) newAllow() allowPolicy {
	p := allowPolicy{Permission: e.allow.Value()}
	if p.Permission == "byQueue" {
		p.Sources = e.sources
	}
	return p
}

// newRedrive is the redrive policy chosen; nil for none.
func (e *editing) newRedrive() *model.RedrivePolicy {
	if e.dlqARN == "" {
		return nil
	}
	n, _ := maxReceives.parse(e.maxRecv.Value())
	return &model.RedrivePolicy{DeadLetterTargetARN: e.dlqARN, MaxReceiveCount: n}
}

// dlqPicker offers the queues that may be q's DLQ — the app's queues of
// its type but itself — after "none", the cursor on the DLQ in force.
func (f *Forms) dlqPicker(e *editing) *dialog.Picker {
	var qs []model.Queue
	for _, q := range f.cat.Queues {
		if q.URL != e.q.URL && q.ARN != "" && q.IsFIFO() == e.q.IsFIFO() {
			qs = append(qs, q)
		}
	}
	model.SortQueues(qs, model.SortByName)
	items := []dialog.Item{{Name: "none", Detail: common.PadRight("no redrive policy", 20)}}
	at := 0
	for i, q := range qs {
		items = append(items, dialog.Item{Name: q.Name,
			Detail: common.PadLeft(common.Commas(q.Stats.Total()), 10) + "  " + common.PadRight(q.Type.String(), 8)})
		if q.ARN == e.dlqARN {
			at = i + 1
		}
	}
	id := e.id
	p := dialog.NewPicker(f.c, "Dead-letter queue of "+common.OneLine(e.q.Name), items, func(r dialog.Result) tea.Msg {
		switch {
		case r.Outcome != dialog.Picked:
			return nil
		case r.Index == 0:
			return dlqPickedMsg{id: id}
		}
		return dlqPickedMsg{id: id, arn: qs[r.Index-1].ARN}
	})
	p.Select(at)
	return p
}
