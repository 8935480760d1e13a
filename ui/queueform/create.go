package queueform

import (
	"strconv"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/sqscope/sqscope/awsclient"
	"github.com/sqscope/sqscope/ui/dialog"
)

// The create form's defaults: SQS's own, but for the DLQ, which keeps its
// messages as long as SQS allows, and a maxReceiveCount that tolerates a
// few transient failures before setting a message aside.
const (
	defaultVisibility  = 30
	defaultRetention   = 4 * 86400
	defaultDLQ         = 14 * 86400
	defaultMaxReceives = 5
)

// createFormMsg is the create form's answer: submitted (valid, still
// open) or cancelled.
type createFormMsg struct {
	id uint64
	r  dialog.Result
}

// creating is the create form while it is open.
type creating struct {
	id   uint64
	form *dialog.Form

	name, kind, vis, ret, delay, wait, dedup *dialog.Field
	withDLQ, dlq, dlqRet, maxRecv            *dialog.Field

	// dlqDefault is the DLQ name the form last filled in: while the field
	// still holds it, it follows the queue's name and type.
	dlqDefault string
}

// openCreate opens an empty create form with SQS's defaults filled in.
func (f *Forms) openCreate() {
	c := &creating{id: f.next()}
	id := c.id
	form := dialog.NewForm(f.c, "Create queue", "review and create", func(r dialog.Result) tea.Msg {
		return createFormMsg{id: id, r: r}
	})
	c.form = form
	text := dialog.TextField
	c.name = form.Add(dialog.Field{Label: "Name", Kind: text}, "")
	c.kind = form.Add(dialog.Field{Label: "Type", Kind: dialog.ChoiceField, Choices: []string{"standard", "FIFO"}}, "")
	c.vis = form.Add(dialog.Field{Label: "Visibility timeout", Kind: text, Note: visibility.rangeNote()}, visibility.format(defaultVisibility))
	c.ret = form.Add(dialog.Field{Label: "Retention", Kind: text, Note: retention.rangeNote()}, retention.format(defaultRetention))
	c.delay = form.Add(dialog.Field{Label: "Delivery delay", Kind: text, Note: delay.rangeNote()}, delay.format(0))
	c.wait = form.Add(dialog.Field{Label: "Receive wait", Kind: text, Note: receiveWait.rangeNote()}, receiveWait.format(0))
	c.dedup = form.Add(dialog.Field{Label: "Content dedup", Kind: dialog.ChoiceField, Choices: []string{"off", "on"},
		Note: "dedup id: the body's SHA-256"}, "")
	c.withDLQ = form.Add(dialog.Field{Label: "Dead-letter queue", Kind: dialog.ChoiceField, Choices: []string{"create one", "none"}}, "")
	c.dlq = form.Add(dialog.Field{Label: "DLQ name", Kind: text}, "")
	c.dlqRet = form.Add(dialog.Field{Label: "DLQ retention", Kind: text, Note: retention.rangeNote()}, retention.format(defaultDLQ))
	c.maxRecv = form.Add(dialog.Field{Label: "Max receives", Kind: text, Note: "then to the DLQ; " + maxReceives.rangeNote()},
		strconv.Itoa(defaultMaxReceives))
	form.OnChange(func() { c.check(f) })
	f.create = c
	f.Send(dialog.OpenMsg{Dialog: form})
}

func (c *creating) fifo() bool       { return c.kind.Choice == 1 }
func (c *creating) hasDLQ() bool     { return c.withDLQ.Choice == 0 }
func (c *creating) final() string    { return queueName(c.name.Value(), c.fifo()) }
func (c *creating) dlqFinal() string { return queueName(c.dlq.Value(), c.fifo()) }

// check runs after every change: the fields FIFO and the DLQ ask for,
// the DLQ's default name, and every value's error, shown beside it.
func (c *creating) check(f *Forms) {
	fifo := c.fifo()
	c.dedup.Hidden = !fifo
	for _, fl := range []*dialog.Field{c.dlq, c.dlqRet, c.maxRecv} {
		fl.Hidden = !c.hasDLQ()
	}
	if def := dlqName(c.name.Value(), fifo); c.dlq.Value() == c.dlqDefault {
		c.dlq.SetValue(def)
		c.dlqDefault = def
	}
	// The adapter refuses an existing queue too (it never reports an old
	// queue as created); the catalog says so before any call.
	taken := func(n string) bool { return listed(f.cat, n) }

	name := c.final()
	c.name.Err = checkName(name, fifo, taken)
	c.name.Note = "letters, digits, - and _"
	if name != c.name.Value() {
		c.name.Note = "will be " + name
	}
	c.dlq.Err = checkName(c.dlqFinal(), fifo, taken)
	c.dlq.Note = ""
	following := c.dlq.Value() == c.dlqDefault
	switch {
	case following && c.name.Err != "" && c.dlq.Err != errTaken:
		// The DLQ's name is the queue's with -dlq: fixing the queue's
		// fixes both, so the error is said once.
		c.dlq.Err = ""
	case c.dlq.Err == "" && c.dlqFinal() == name:
		c.dlq.Err = "the queue's own name"
	case c.dlqFinal() != c.dlq.Value():
		c.dlq.Note = "will be " + c.dlqFinal()
	}
	for _, v := range []struct {
		fl *dialog.Field
		l  limit
	}{{c.vis, visibility}, {c.ret, retention}, {c.delay, delay}, {c.wait, receiveWait}, {c.dlqRet, retention}, {c.maxRecv, maxReceives}} {
		v.fl.Err = ""
		if _, err := v.l.parse(v.fl.Value()); err != nil {
			v.fl.Err = err.Error()
		}
	}
}

// spec is the CreateSpec of a form that checked fine.
func (c *creating) spec() awsclient.CreateSpec {
	n := func(fl *dialog.Field, l limit) int {
		v, _ := l.parse(fl.Value())
		return v
	}
	attrs := map[string]string{
		visibility.attr:  strconv.Itoa(n(c.vis, visibility)),
		retention.attr:   strconv.Itoa(n(c.ret, retention)),
		delay.attr:       strconv.Itoa(n(c.delay, delay)),
		receiveWait.attr: strconv.Itoa(n(c.wait, receiveWait)),
	}
	s := awsclient.CreateSpec{Name: c.final(), FIFO: c.fifo(), Attributes: attrs}
	if s.FIFO {
		attrs["ContentBasedDeduplication"] = strconv.FormatBool(c.dedup.Choice == 1)
	}
	if c.hasDLQ() {
		s.DLQ = &awsclient.CreateDLQ{Name: c.dlqFinal(), Retention: time.Duration(n(c.dlqRet, retention)) * time.Second}
		s.MaxReceiveCount = n(c.maxRecv, maxReceives)
	}
	return s
}
