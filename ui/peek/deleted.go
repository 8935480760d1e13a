package peek

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/sqscope/sqscope/model"
	"github.com/sqscope/sqscope/ui/common"
	"github.com/sqscope/sqscope/ui/dialog"
)

// deleteDone takes DeleteMessages' answer: the deleted messages leave the
// list (if the pane still shows their queue), the root hears of them, and
// the status line says what happened to each message asked about.
func (p *Pane) deleteDone(msg deletedMsg) {
	// What was held for this delete has had its answer: the end of the
	// queue releases again, as it does for any peek.
	p.keep = false
	if msg.err != nil {
		p.Say("✗ nothing deleted: " + common.ErrText(msg.err))
		return
	}
	if n := len(msg.rep.Deleted); n > 0 {
		if p.s.open() && p.q.URL == msg.q.URL {
			p.RemoveDeleted(msg.rep.Deleted)
		}
		p.Send(DeletedMsg{QueueURL: msg.q.URL, IDs: slices.Clone(msg.rep.Deleted)})
	}
	p.Say(deleteReport(msg) + common.AuditNote(msg.rep.AuditErr))
	if len(msg.rep.Failed) > 0 || len(msg.rep.Unknown) > 0 || msg.stale > 0 || msg.rep.AuditErr != nil {
		// The status line is one row: each message that was not deleted
		// gets its own line, with SQS's reason.
		p.Send(dialog.OpenMsg{Dialog: dialog.NewNote(p.c, deleteTitle(msg), deleteNote(msg))})
	}
}

// deleteTitle is the report's title: how many of how many.
func deleteTitle(msg deletedMsg) string {
	return fmt.Sprintf("Deleted %d of %s from %s", len(msg.rep.Deleted),
		common.Plural(msg.asked+msg.stale, "message"), common.OneLine(msg.q.Name))
}

// noteIDs caps the ids a report lists one per line.
const noteIDs = 20

// deleteNote is the report in full: every message not deleted, and why.
func deleteNote(msg deletedMsg) []string {
	r := msg.rep
	var lines []string
	switch n := len(r.Deleted); {
	case n > 0 && r.AuditErr != nil:
		lines = append(lines, common.Plural(n, "message")+" deleted, but the audit log could not be written ("+
			common.ErrText(r.AuditErr)+"): no copy of them was kept.")
	case n > 0:
		lines = append(lines, common.Plural(n, "message")+" deleted; the audit log keeps a full copy of each.")
	}
	if len(r.Failed) > 0 {
		lines = append(lines, fmt.Sprintf("%d refused by SQS, still in the queue and listed:", len(r.Failed)))
		ids := slices.Sorted(maps.Keys(r.Failed))
		for i, id := range ids {
			if i == noteIDs {
				lines = append(lines, fmt.Sprintf("  and %d more", len(ids)-i))
				break
			}
			lines = append(lines, "  "+common.OneLine(id)+": "+common.ErrText(r.Failed[id]))
		}
	}
	if n := len(r.Unknown); n > 0 {
		lines = append(lines, fmt.Sprintf("%d may have been deleted: the answer to the request was lost. They stay "+
			"listed; a new peek shows whether they are still there: %s", n, strings.Join(oneLines(r.Unknown, noteIDs), ", ")))
	}
	if msg.stale > 0 {
		lines = append(lines, fmt.Sprintf("%d not sent: no longer held by this peek, so another consumer may hold "+
			"%s now. Peek again and press X within the hold to delete %s.", msg.stale, common.OneOr(msg.stale, "it", "them"),
			common.OneOr(msg.stale, "it", "them")))
	}
	return lines
}

// oneLines is up to n of ss made safe, and how many more there are.
func oneLines(ss []string, n int) []string {
	out := make([]string, 0, min(len(ss), n)+1)
	for i, s := range ss {
		if i == n {
			out = append(out, fmt.Sprintf("and %d more", len(ss)-n))
			break
		}
		out = append(out, common.OneLine(s))
	}
	return out
}

// deleteReport is a delete in one line: what was deleted, what SQS
// refused and why, what may or may not be gone, what was not sent.
func deleteReport(msg deletedMsg) string {
	r := msg.rep
	// Out of the messages chosen, as the report's title counts them.
	chosen := msg.asked + msg.stale
	parts := []string{fmt.Sprintf("deleted %s from %s", common.Plural(len(r.Deleted), "message"), common.OneLine(msg.q.Name))}
	if len(r.Deleted) < chosen {
		parts[0] = fmt.Sprintf("deleted %d of %s from %s", len(r.Deleted), common.Plural(chosen, "message"), common.OneLine(msg.q.Name))
	}
	if len(r.Failed) > 0 {
		// One reason, the first id's in order: SQS usually gives the same
		// for all (ReceiptHandleIsInvalid).
		ids := slices.Sorted(maps.Keys(r.Failed))
		parts = append(parts, fmt.Sprintf("%d refused by SQS: %s", len(r.Failed), common.ErrText(r.Failed[ids[0]])))
	}
	if n := len(r.Unknown); n > 0 {
		parts = append(parts, fmt.Sprintf("%d may have been deleted (the answer was lost; still listed)", n))
	}
	if msg.stale > 0 {
		parts = append(parts, fmt.Sprintf("%d not held by the peek: not deleted (peek again)", msg.stale))
	}
	if len(r.Deleted) > 0 {
		parts = append(parts, "a copy is in the audit log")
	}
	return strings.Join(parts, " · ")
}

// RemoveDeleted drops messages a delete removed from this queue, the way
// RemoveMoved drops moved ones: the cursor stays on its message when that
// one is still listed, else on the row that took its place, and the body
// follows; selection and the "held" count forget them.
func (p *Pane) RemoveDeleted(ids []string) int {
	n := p.drop(ids)
	p.deleted += n
	p.held = max(p.held-n, 0)
	return n
}

// Deleted is how many messages a delete took out of the list since it
// opened.
func (p *Pane) Deleted() int { return p.deleted }

// readAll is every message the pane has read, for purge's "export first".
func (p *Pane) readAll() []model.Message { return slices.Clone(p.msgs) }
