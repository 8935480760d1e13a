package redrive

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

// A move killed mid-way leaves a journal of what it half-moved: messages
// whose copies were accepted while their DLQ copies remain (R deletes
// them without sending again), and messages whose send never answered
// (R sends them again, each a possible duplicate). At start-up each
// journal is checked against its DLQ: an empty DLQ means nothing is left
// to finish, and the journal goes. The user may also forget one.

// reconcileTimeout bounds one journal's check: it reads the DLQ twice.
const reconcileTimeout = 30 * time.Second

// journals are the interrupted moves' journals, by awsclient.JournalKey.
type journals struct {
	read    bool // the journals have been read once
	byKey   map[string]awsclient.JournalInfo
	checked map[string]bool // asked ReconcileJournal about, this run
	told    bool            // the start-up notice was given
}

// journalsMsg is what the journals hold.
type journalsMsg struct{ infos []awsclient.JournalInfo }

// reconciledMsg is ReconcileJournal's answer for the journal of queue.
type reconciledMsg struct {
	queue string
	key   string
	check awsclient.JournalCheck
	err   error
}

// forgetMsg is the answer to "forget the journal of dlq?".
type forgetMsg struct {
	dlq, key, path string
	yes            bool
}

// forgottenMsg is DismissJournal's answer.
type forgottenMsg struct {
	dlq, key, backup string
	err              error
}

// journalsCmd reads every move journal, so that R on a DLQ with an
// interrupted move finishes it client-side (only the journal knows which
// messages were already sent) instead of starting a native task.
func journalsCmd() tea.Cmd {
	return func() tea.Msg { return journalsMsg{infos: awsclient.Journals()} }
}

// of is the journal of the DLQ arn with something half-moved.
func (j *journals) of(arn string) (awsclient.JournalInfo, bool) {
	info, ok := j.byKey[awsclient.JournalKey(arn)]
	return info, ok && info.Pending() > 0
}

// set records the journals as read.
func (j *journals) set(infos []awsclient.JournalInfo) {
	j.read = true
	j.byKey = map[string]awsclient.JournalInfo{}
	for _, info := range infos {
		if info.Pending() > 0 {
			j.byKey[info.Key] = info
		}
	}
}

// reconcile returns the checks of the journals not checked yet whose DLQ
// cat lists, or whose URL a listed queue of the same account and region
// gives (a deleted DLQ is never listed, and only SQS's "no such queue"
// settles its journal); nil when there is none (or the journals are not
// read yet).
func (j *journals) reconcile(ctx context.Context, c awsclient.Reconciler, cat *model.Catalog) tea.Cmd {
	if !j.read || j.allChecked() {
		return nil
	}
	if j.checked == nil {
		j.checked = map[string]bool{}
	}
	var cmds []tea.Cmd
	check := func(key, name, url string) {
		info := j.byKey[key]
		j.checked[key] = true
		cmds = append(cmds, func() tea.Msg {
			ctx, cancel := context.WithTimeout(ctx, reconcileTimeout)
			defer cancel()
			check, err := c.ReconcileJournal(ctx, url, info.Path)
			return reconciledMsg{queue: name, key: key, check: check, err: err}
		})
	}
	for _, q := range cat.Queues {
		key := awsclient.JournalKey(q.ARN)
		if _, ok := j.byKey[key]; ok && !j.checked[key] && q.ARN != "" {
			check(key, q.Name, q.URL)
		}
	}
	for key := range j.byKey {
		if j.checked[key] {
			continue
		}
		if url, ok := siblingURL(key, cat); ok {
			check(key, awsclient.JournalName(key), url)
		}
	}
	return tea.Batch(cmds...)
}

// allChecked reports whether every journal left was checked this run: the
// root asks after every refresh, and the catalog may hold 10,000 queues.
func (j *journals) allChecked() bool {
	for key := range j.byKey {
		if !j.checked[key] {
			return false
		}
	}
	return true
}

// siblingURL is the URL of the queue a JournalKey names, made from a
// listed queue of the same account and region ("…/account/name"); false
// when none is listed or its URL has another shape.
func siblingURL(key string, cat *model.Catalog) (string, bool) {
	parts := strings.SplitN(key, ".", 3)
	if len(parts) != 3 {
		return "", false
	}
	prefix := parts[0] + "." + parts[1] + "."
	for _, q := range cat.Queues {
		if !strings.HasPrefix(awsclient.JournalKey(q.ARN), prefix) {
			continue
		}
		if base, ok := strings.CutSuffix(q.URL, "/"+parts[0]+"/"+q.Name); ok {
			return base + "/" + parts[0] + "/" + parts[2], true
		}
	}
	return "", false
}

// journalsRead records the journals, and checks those whose DLQ is known.
func (p *Pane) journalsRead(msg journalsMsg) tea.Cmd {
	p.journals.set(msg.infos)
	return p.Reconcile()
}

// reconciled records a check: a settled journal is gone; one left says
// why, once, at start-up.
func (p *Pane) reconciled(msg reconciledMsg) {
	j := &p.journals
	switch {
	case msg.err != nil:
		// The journal stays as it was: R still finishes the move safely.
		p.Send(common.NoticeMsg{Text: "could not check the journal of " + common.OneLine(msg.queue) + ": " + common.ErrText(msg.err), Quiet: true})
		return
	case msg.check.Left.Pending() == 0:
		delete(j.byKey, msg.key)
		what := "it is empty"
		if msg.check.Gone {
			what = "it no longer exists"
		}
		p.Send(common.NoticeMsg{Text: fmt.Sprintf("an interrupted move of %s is settled: %s", common.OneLine(msg.queue), what), Quiet: true})
		return
	}
	j.byKey[msg.key] = msg.check.Left
	if j.told {
		return
	}
	j.told = true
	p.Send(common.NoticeMsg{Text: interruptedText(msg.queue, msg.check.Left, len(j.byKey)), Quiet: true})
}

// interruptedText is the start-up notice of a journal left to finish.
// Messages whose send never answered are never promised unduplicated.
func interruptedText(queue string, info awsclient.JournalInfo, journals int) string {
	s := fmt.Sprintf("an interrupted move left %s of %s half-moved: R on it finishes the move",
		common.Plural(info.Pending(), "message"), common.OneLine(queue))
	if info.Sending > 0 {
		s += fmt.Sprintf(" (%s may arrive twice: %s never answered)",
			common.Plural(info.Sending, "message"), common.OneOr(info.Sending, "its send", "their sends"))
	}
	if journals > 1 {
		s += fmt.Sprintf("; %d more DLQs have one", journals-1)
	}
	return s
}

// askForget asks before forgetting the journal pl finishes: forgotten, a
// redrive sends its half-moved messages again, uncounted.
func (p *Pane) askForget(pl plan) {
	info, _ := p.journals.of(pl.dlq.ARN)
	name := common.OneLine(pl.dlq.Name)
	lines := []string{
		fmt.Sprintf("An interrupted move of %s left %s half-moved: %d accepted by their destination while their "+
			"copies remain in %s, %d whose send never answered.", name, common.Plural(info.Pending(), "message"),
			info.Sent, name, info.Sending),
		"Forgotten, they are moved again like any other message: each may then exist twice, and nothing counts " +
			"those copies. The journal is kept aside as a backup.",
	}
	d := dialog.NewConfirm(p.c, "Forget the journal of "+name+"?", "forget it", lines,
		func(r dialog.Result) tea.Msg {
			return forgetMsg{dlq: pl.dlq.Name, key: info.Key, path: info.Path, yes: r.Outcome == dialog.Confirmed}
		})
	p.Send(dialog.OpenMsg{Dialog: d})
}

// forget dismisses the journal once the user said yes.
func (p *Pane) forget(msg forgetMsg) tea.Cmd {
	if !msg.yes {
		p.Say("the journal is kept: R finishes the interrupted move")
		return nil
	}
	return func() tea.Msg {
		backup, err := awsclient.DismissJournal(msg.path)
		return forgottenMsg{dlq: msg.dlq, key: msg.key, backup: backup, err: err}
	}
}

// forgotten records a dismissed journal.
func (p *Pane) forgotten(msg forgottenMsg) {
	if msg.err != nil {
		p.Say("the journal of " + common.OneLine(msg.dlq) + " was not forgotten: " + common.ErrText(msg.err))
		return
	}
	delete(p.journals.byKey, msg.key)
	p.Say("the journal of " + common.OneLine(msg.dlq) + " is forgotten (kept as " + common.OneLine(msg.backup) + ")")
}
