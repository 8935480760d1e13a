package awsclient

import (
	"context"
	"errors"

	"github.com/sqscope/sqscope/model"
)

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
	for _, r := range resume {
		held = append(held, r.msg)
	}
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

	var sent, definite []*outgoing
	for _, o := range toSend {
		switch {
		case o.err == nil:
			sent = append(sent, o)
		case o.prior+o.unknown == 0:
			definite = append(definite, o)
		}
	}
	// Not fsync'd: a killed process leaves the write in the page cache,
	// and after a power loss the "sending" lines make the next move
	// re-send these and count them as possible duplicates. Only the
	// "sending" lines must reach the disk before the copies go out.
	if err := m.j.record("sent", items(sent), false); err != nil {
		m.addErr(err) // the copies are out: deleting is still right
	}
	var toDelete []model.Message
	for _, r := range resume {
		toDelete = append(toDelete, r.msg)
	}
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
	// Only a message no attempt may have stored is recorded as unsent; the
	// others stay "sending", so a later move counts their copies too.
	_ = m.j.record("unsent", items(definite), false)
	m.release(ctx, giveBack)
	m.account(outs, resume, delFailed)
	m.done(held)
}

// resumed is a DLQ copy of a message already sent, to delete only.
type resumed struct {
	msg model.Message
	rec jRecord
	// prior: an earlier move's record, seen for the first time: its
	// copies are this move's to count.
	prior bool
}

// triage sorts a received batch into messages to send and DLQ copies of
// messages already sent (to delete only); the rest is parked. Messages
// whose destination cannot be resolved come back with err set.
func (m *moveRun) triage(ctx context.Context, msgs []model.Message) (outs []*outgoing, resume []resumed) {
	var candidates []model.Message
	fresh := map[string]bool{}
	m.mu.Lock()
	for _, msg := range msgs {
		id := msg.ID
		if m.firstSight(id) {
			fresh[id] = true
		}
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
			resume = append(resume, resumed{msg: msg, rec: rec, prior: fresh[msg.ID]})
			continue
		}
		o := &outgoing{msg: msg}
		if rec.state == jSending {
			o.prior, o.first, o.last = rec.attempts, rec.first, rec.last
		}
		o.dest, o.err = m.plan.dests.resolve(ctx, msg)
		outs = append(outs, o)
	}
	return outs, resume
}

// account adds a finished batch to the report.
func (m *moveRun) account(outs []*outgoing, resume []resumed, delFailed map[string]error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, r := range resume {
		err := delFailed[r.msg.ID]
		switch {
		case r.prior:
			m.rep.PossiblyDuplicated += m.priorFacts(r.rec, err != nil).extra()
		case err != nil:
			m.rep.PossiblyDuplicated++ // back in view with its copy out
		}
		if err != nil {
			m.addErrLocked(err)
			continue
		}
		m.rep.Moved++
		m.rep.Resumed++
		m.rep.MovedIDs = append(m.rep.MovedIDs, r.msg.ID)
	}
	for _, o := range outs {
		if o.prior > 0 {
			m.rep.Resent++
		}
		delErr := delFailed[o.msg.ID]
		m.rep.PossiblyDuplicated += m.facts(o, delErr).extra()
		switch {
		case o.err == nil && delErr == nil:
			m.rep.Moved++
			m.rep.MovedIDs = append(m.rep.MovedIDs, o.msg.ID)
		case o.err == nil:
			// In both queues now; the journal lets a later move delete
			// the DLQ copy instead of sending it again.
			m.addErrLocked(delErr)
		case errors.Is(o.err, errMoveCancelled):
			// Released unmoved: the move stopped, nothing failed.
			m.cutShort = true
		default:
			m.failed[o.msg.ID] = true
			m.rep.Failed++
			m.addErrLocked(o.err)
		}
	}
}

// facts is what this move knows about one message's copies.
func (m *moveRun) facts(o *outgoing, delErr error) copyFacts {
	return copyFacts{
		unknown:  o.prior + o.unknown,
		accepted: o.err == nil,
		dlqKept:  o.err != nil || delErr != nil,
		fifo:     o.dest.fifo,
		span:     o.last.Sub(o.first) + m.s.cfg.CallTimeout,
	}
}

func items(outs []*outgoing) []jItem {
	it := make([]jItem, len(outs))
	for i, o := range outs {
		// dup matters on "sent" lines only: the attempts besides the
		// accepted one that may have stored a copy.
		it[i] = jItem{id: o.msg.ID, dest: o.dest.url, dup: o.prior + o.unknown}
	}
	return it
}
