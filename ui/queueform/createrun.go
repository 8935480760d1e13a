package queueform

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

// callTimeout bounds one flow's calls (a create makes up to four).
const callTimeout = time.Minute

// createAnswerMsg is the answer to "Create …?" for form id.
type createAnswerMsg struct {
	id   uint64
	spec awsclient.CreateSpec
	yes  bool
}

// createdMsg is CreateQueue's answer for form id.
type createdMsg struct {
	id   uint64
	spec awsclient.CreateSpec
	rep  awsclient.CreateReport
	err  error
}

// createForm acts on the form's answer: a valid form is confirmed first,
// naming every queue and policy the call will create.
func (f *Forms) createForm(msg createFormMsg) {
	c := f.create
	if c == nil || c.id != msg.id {
		return
	}
	switch msg.r.Outcome {
	case dialog.Cancelled:
		f.create = nil
	case dialog.Confirmed:
		spec := c.spec()
		title := "Create queue " + common.OneLine(spec.Name) + "?"
		if spec.DLQ != nil {
			title = "Create " + common.OneLine(spec.Name) + " and its DLQ?"
		}
		f.Send(dialog.OpenMsg{Dialog: dialog.NewConfirm(f.c, title, "create", createLines(spec),
			func(r dialog.Result) tea.Msg {
				return createAnswerMsg{id: msg.id, spec: spec, yes: r.Outcome == dialog.Confirmed}
			})})
	}
}

// createLines say what the call creates, in the order it does.
func createLines(s awsclient.CreateSpec) []string {
	a := s.Attributes
	kind := "standard"
	if s.FIFO {
		kind = "FIFO"
		if a["ContentBasedDeduplication"] == "true" {
			kind += ", content-based deduplication"
		}
	}
	var lines []string
	if s.DLQ != nil {
		lines = append(lines, fmt.Sprintf("1. The DLQ %s (%s), keeping messages %s; its redrive allow policy lets only %s use it.",
			common.OneLine(s.DLQ.Name), strings.Fields(kind)[0], retention.format(int(s.DLQ.Retention/time.Second)), common.OneLine(s.Name)))
	}
	q := fmt.Sprintf("The queue %s (%s): visibility timeout %s, retention %s, delivery delay %s, receive wait %s.",
		common.OneLine(s.Name), kind, visibility.formatAttr(a[visibility.attr]), retention.formatAttr(a[retention.attr]),
		delay.formatAttr(a[delay.attr]), receiveWait.formatAttr(a[receiveWait.attr]))
	if s.DLQ != nil {
		q = "2. " + q + fmt.Sprintf(" A message received %s without being deleted moves to %s.",
			common.Plural(s.MaxReceiveCount, "time"), common.OneLine(s.DLQ.Name))
	}
	return append(lines, q)
}

// createAnswer makes the call once the user said yes; the form stays,
// busy, until it answers.
func (f *Forms) createAnswer(msg createAnswerMsg) tea.Cmd {
	c := f.create
	if !msg.yes || c == nil || c.id != msg.id {
		return nil
	}
	c.form.SetBusy("creating " + msg.spec.Name + "…")
	return createCmd(f.c.Ctx, f.client, msg.id, msg.spec)
}

func createCmd(ctx context.Context, client awsclient.Operator, id uint64, spec awsclient.CreateSpec) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(ctx, callTimeout)
		defer cancel()
		rep, err := client.CreateQueue(ctx, spec)
		return createdMsg{id: id, spec: spec, rep: rep, err: err}
	}
}

// created reports the answer on the status line. Success closes the form
// and has the list select the new queue; a failure keeps the form and its
// values, and says exactly what was created before it.
func (f *Forms) created(msg createdMsg) {
	c := f.create
	if c != nil && c.id != msg.id {
		c = nil // the form of another flow: the answer only goes on the status line
	}
	if msg.err == nil {
		if c != nil {
			f.Send(dialog.CloseMsg{Dialog: c.form})
			f.create = nil
		}
		sel := ""
		if n := len(msg.rep.Created); n > 0 {
			sel = msg.rep.Created[n-1]
		}
		f.Say(createdSentence(msg.spec) + common.AuditNote(msg.rep.AuditErr))
		f.Send(ChangedMsg{Select: sel})
		return
	}
	text := failedSentence(msg) + common.AuditNote(msg.rep.AuditErr)
	f.Send(common.NoticeMsg{Text: "✗ " + text})
	if c != nil {
		c.form.SetBusy("")
		c.form.SetBanner("✗ " + text)
		c.form.FocusButton()
	}
	if len(msg.rep.Created) > 0 {
		f.Send(ChangedMsg{})
	}
}

func createdSentence(s awsclient.CreateSpec) string {
	if s.DLQ == nil {
		return "Created queue " + s.Name + "."
	}
	return fmt.Sprintf("Created %s and its DLQ %s (after %s).", s.Name, s.DLQ.Name, common.Plural(s.MaxReceiveCount, "receive"))
}

// failedSentence says which step failed, why, and what exists now, and
// how to go on from there: a DLQ that was created stays, and a second
// try of the same names would find it taken.
func failedSentence(msg createdMsg) string {
	text := "Creating " + msg.spec.Name + " failed"
	if msg.rep.Step != "" {
		text += " at the step \"" + msg.rep.Step + "\""
	}
	text += ": " + common.ErrText(msg.err) + "."
	var names []string
	for _, u := range msg.rep.Created {
		names = append(names, model.NameFromURL(u))
	}
	switch {
	case len(names) == 0:
		return text + " Nothing was created."
	case msg.spec.DLQ != nil && len(names) == 1:
		return text + " Created before it: " + names[0] + ", which stays; delete it with X, or create the queue without a DLQ and pick " +
			names[0] + " with E."
	}
	return text + " Created before it: " + strings.Join(names, " and ") + ", which stay."
}
