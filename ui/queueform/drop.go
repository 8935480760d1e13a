package queueform

import (
	"context"
	"fmt"
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/sqscope/sqscope/model"
	"github.com/sqscope/sqscope/ui/common"
	"github.com/sqscope/sqscope/ui/dialog"
)

// dropAnswerMsg is an answer about deleting q: go on past the refusal
// (sources is the queues it is the DLQ of), or the name typed.
type dropAnswerMsg struct {
	q       model.Queue
	sources []string
	stage   dropStage
	yes     bool
}

// droppedMsg is DeleteQueue's answer.
type droppedMsg struct {
	q   model.Queue
	err error
}

type dropStage int

const (
	refused dropStage = iota // "q is the DLQ of …": go on anyway?
	typed                    // the name was typed: delete
)

// dropSourcesMsg is SQS's answer to which queues name q as their DLQ.
type dropSourcesMsg struct {
	q    model.Queue
	urls []string
	err  error
}

// openDrop asks SQS which queues name q as their DLQ before asking
// anything: the list knows only the queues it has read, and a source
// unread, failing to read or past the listing would be missed.
func (f *Forms) openDrop(q model.Queue) tea.Cmd {
	client, ctx := f.client, f.c.Ctx
	f.Say("checking which queues use " + common.OneLine(q.Name) + " as their DLQ…")
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(ctx, callTimeout)
		defer cancel()
		urls, err := client.DeadLetterSources(ctx, q.URL)
		return dropSourcesMsg{q: q, urls: urls, err: err}
	}
}

// dropSources asks to delete q. A DLQ that live queues still name is
// refused first, naming them; only a second answer goes on to the typed
// confirmation, which names them again. When SQS could not be asked, the
// sources the list knows stand in, and the question says so.
func (f *Forms) dropSources(msg dropSourcesMsg) {
	q := msg.q
	seen := map[string]bool{}
	var sources []string
	add := func(name string) {
		if !seen[name] {
			seen[name] = true
			sources = append(sources, name)
		}
	}
	for _, u := range msg.urls {
		add(model.NameFromURL(u))
	}
	for _, arn := range f.cat.Graph.SourcesOf(q.ARN) {
		add(f.cat.Graph.Name(arn))
	}
	f.Say("")
	if msg.err != nil {
		f.Say("⚠ could not ask SQS which queues use " + common.OneLine(q.Name) + " as their DLQ (" +
			common.ErrText(msg.err) + "): only the listed queues were checked")
	}
	if len(sources) == 0 {
		f.Send(dialog.OpenMsg{Dialog: f.typedDrop(q, nil)})
		return
	}
	n := len(sources)
	lines := []string{
		fmt.Sprintf("%s %s it as %s dead-letter queue. Deleting it leaves %s naming a queue that is gone: messages that keep failing then stay in %s instead of being set aside.",
			common.OneLine(joinNames(sources)), common.OneOr(n, "names", "name"), common.OneOr(n, "its", "their"),
			common.OneOr(n, "that redrive policy", "each redrive policy"), common.OneOr(n, "it", "them")),
		"Point " + common.OneOr(n, "it", "each") + " at another DLQ first (E on " + common.OneOr(n, "it", "each") +
			"), or go on and type the name to delete it anyway.",
	}
	title := "Not deleted: " + common.OneLine(q.Name) + " is the DLQ of " + common.Plural(len(sources), "queue")
	f.Send(dialog.OpenMsg{Dialog: dialog.NewConfirm(f.c, title, "delete anyway…", lines, func(r dialog.Result) tea.Msg {
		return dropAnswerMsg{q: q, sources: sources, stage: refused, yes: r.Outcome == dialog.Confirmed}
	})})
}

// typedDrop is the confirmation that takes q's name typed out: what the
// queue holds, and the sources it leaves without a DLQ.
func (f *Forms) typedDrop(q model.Queue, sources []string) *dialog.Typed {
	name := common.OneLine(q.Name)
	var lines []string
	switch s := q.Stats; {
	case q.Err != nil:
		lines = append(lines, "Its messages could not be counted ("+common.ErrText(q.Err)+"); any it holds are deleted with it.")
	case s.Total() == 0:
		lines = append(lines, "It holds no messages.")
	default:
		lines = append(lines, fmt.Sprintf("Its %s (%s visible, %s in flight, %s delayed) %s deleted with it.",
			common.Plural(int(s.Total()), "message"), common.Commas(s.Visible), common.Commas(s.InFlight),
			common.Commas(s.Delayed), common.OneOr(int(s.Total()), "is", "are")))
	}
	if len(sources) > 0 {
		lines = append(lines, "It is the DLQ of "+common.OneLine(joinNames(sources))+": "+
			common.OneOr(len(sources), "its failing messages will stay in it.", "their failing messages will stay in them."))
	}
	lines = append(lines, "This cannot be undone; SQS may take 60 seconds to forget the queue, and a queue of the same name cannot be created until then.")
	return dialog.NewTyped(f.c, "Delete queue "+name+"?", "delete queue", q.Name, lines, func(r dialog.Result) tea.Msg {
		return dropAnswerMsg{q: q, sources: sources, stage: typed, yes: r.Outcome == dialog.Confirmed}
	})
}

// dropAnswer goes on from the refusal to the typed confirmation, or
// deletes once the name was typed.
func (f *Forms) dropAnswer(msg dropAnswerMsg) tea.Cmd {
	switch {
	case !msg.yes:
		return nil
	case msg.stage == refused:
		f.Send(dialog.OpenMsg{Dialog: f.typedDrop(msg.q, msg.sources)})
		return nil
	}
	q, client, ctx := msg.q, f.client, f.c.Ctx
	f.Say("deleting queue " + q.Name + "…")
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(ctx, callTimeout)
		defer cancel()
		return droppedMsg{q: q, err: client.DeleteQueue(ctx, q.URL)}
	}
}

// dropped reports the answer, and has the list read again.
func (f *Forms) dropped(msg droppedMsg) {
	err, note := common.SplitAudit(msg.err)
	if err != nil {
		f.Say("✗ Deleting queue " + msg.q.Name + " failed: " + common.ErrText(err) + "." + note)
		return
	}
	f.Say("Deleted queue " + msg.q.Name + "." + note)
	f.Send(ChangedMsg{})
}

// joinNames is "a", "a and b", "a, b and c".
func joinNames(names []string) string {
	if len(names) < 2 {
		return strings.Join(names, "")
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}
