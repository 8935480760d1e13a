package awsclient

import (
	"context"
	"errors"
	"time"

	"github.com/sqscope/sqscope/model"
)

// fifoDedupWindow is how long SQS drops a FIFO send whose deduplication
// id it has seen: a re-send inside it cannot duplicate.
const fifoDedupWindow = 5 * time.Minute

// process moves one received batch: sort out what not to move, send the
// rest, delete from the DLQ exactly what the destinations accepted, give
// back what could not be sent. The journal is written before the sends
// (what may be sent, fsync'd) and after them (what was), and only then
// are the DLQ copies deleted.
func (m *moveRun) process(ctx context.Context, msgs []model.Message) {
	outs, resume := m.triage(ctx, msgs)
	if len(outs) == 0 && len(resume) == 0 {
		return
	}
	held := make([]model.Message, 0, len(outs)+len(resume))
	held = append(held, resume...)
	for _, o := range outs {
		held = append(held, o.msg)
	}
	hb := m.startHeartbeat(ctx, held)

	var toSend []*outgoing
	for _, o := range outs {
		if o.err == nil {
			toSend = append(toSend, o)
		}
	}
	if err := m.j.record("sending", items(toSend), true); err != nil {
		// Without the journal a crash could duplicate silently: stop
		// before sending anything more.
		hb.end()
		m.fail(err)
		m.release(ctx, held)
		m.done(held)
		return
	}
	m.sendAll(ctx, toSend)

	var sent, unsent []*outgoing
	for _, o := range toSend {
		if o.err == nil {
			sent = append(sent, o)
		} else {
			unsent = append(unsent, o)
		}
	}
	// Not fsync'd: a killed process leaves the write in the page cache,
	// and after a power loss the "sending" line makes the next move
	// re-send these and report them as possible duplicates. Only the
	// "sending" line must reach the disk before the copies go out.
	if err := m.j.record("sent", items(sent), false); err != nil {
		m.addErr(err) // the copies are out: deleting is still right
	}
	toDelete := append([]model.Message(nil), resume...)
	for _, o := range sent {
		toDelete = append(toDelete, o.msg)
	}
	var delFailed map[string]error
	if len(toDelete) > 0 {
		delFailed = m.deleteFromDLQ(ctx, toDelete)
	}
	var deleted []jItem
	for _, msg := range toDelete {
		if delFailed[msg.ID] == nil {
			deleted = append(deleted, jItem{id: msg.ID})
		}
	}
	_ = m.j.record("deleted", deleted, false) // losing it costs one redundant delete later
	hb.end()

	var giveBack []model.Message
	for _, o := range outs {
		if o.err != nil {
			giveBack = append(giveBack, o.msg)
		}
	}
	_ = m.j.record("unsent", items(unsent), false)
	m.release(ctx, giveBack)
	m.account(outs, sent, resume, delFailed)
	m.done(held)
}

// triage sorts a received batch into messages to send and DLQ copies of
// messages already sent (to delete only); the rest is parked. Messages
// whose destination cannot be resolved come back with err set.
func (m *moveRun) triage(ctx context.Context, msgs []model.Message) (outs []*outgoing, resume []model.Message) {
	var candidates []model.Message
	m.mu.Lock()
	for _, msg := range msgs {
		id := msg.ID
		switch {
		case m.inflight[id] || m.failed[id] || m.skipped[id]:
			// Back while another batch has it, after failing, or not
			// selected: keep it hidden until the end, don't retry it.
			m.parked[id] = msg.ReceiptHandle
		case m.req.Select != nil && !m.req.Select(msg):
			m.skipped[id] = true
			m.rep.Skipped++
			m.parked[id] = msg.ReceiptHandle
		default:
			m.inflight[id] = true
			m.taken++
			candidates = append(candidates, msg)
		}
	}
	m.mu.Unlock()
	for _, msg := range candidates {
		rec := m.j.state(msg.ID)
		if rec.state == jSent || rec.state == jDeleted {
			resume = append(resume, msg)
			continue
		}
		o := &outgoing{msg: msg}
		if rec.state == jSending {
			o.resend, o.resendSince = true, rec.first
		}
		o.dest, o.err = m.plan.dests.resolve(ctx, msg)
		outs = append(outs, o)
	}
	return outs, resume
}

// account adds a finished batch to the report.
func (m *moveRun) account(outs, sent []*outgoing, resume []model.Message, delFailed map[string]error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, msg := range resume {
		if err := delFailed[msg.ID]; err != nil {
			m.rep.PossiblyDuplicated++
			m.addErrLocked(err)
			continue
		}
		m.rep.Moved++
		m.rep.Resumed++
		m.rep.MovedIDs = append(m.rep.MovedIDs, msg.ID)
	}
	for _, o := range sent {
		if err := delFailed[o.msg.ID]; err != nil {
			// In both queues now; the journal lets a later move delete
			// the DLQ copy instead of sending it again.
			m.rep.PossiblyDuplicated++
			m.addErrLocked(err)
			continue
		}
		m.rep.Moved++
		m.rep.MovedIDs = append(m.rep.MovedIDs, o.msg.ID)
		if m.mayDuplicate(o) {
			m.rep.PossiblyDuplicated++
		}
	}
	for _, o := range outs {
		if o.err == nil {
			continue
		}
		// Left in the DLQ; a copy may exist all the same.
		if o.resend || (o.uncertain && !o.dest.fifo) {
			m.rep.PossiblyDuplicated++
		}
		if errors.Is(o.err, errMoveCancelled) {
			continue // released unmoved: the move stopped, nothing failed
		}
		m.failed[o.msg.ID] = true
		m.rep.Failed++
		m.addErrLocked(o.err)
	}
}

// mayDuplicate: an accepted send that may not be the only copy.
func (m *moveRun) mayDuplicate(o *outgoing) bool {
	if o.dest.fifo {
		// Same dedup id on every attempt: SQS drops repeats for 5 minutes.
		if !o.resend {
			return false
		}
		return time.Since(o.resendSince) >= fifoDedupWindow
	}
	return o.resend || o.uncertain
}

func items(outs []*outgoing) []jItem {
	it := make([]jItem, len(outs))
	for i, o := range outs {
		it[i] = jItem{id: o.msg.ID, dest: o.dest.url}
	}
	return it
}
