package awsclient

import (
	"context"
	"errors"

	"github.com/sqscope/sqscope/model"
)

// A received batch goes through a move in three steps. prepareBatch sorts
// out what not to move and writes the "sending" lines of the rest, not
// yet fsync'd. sendBatchOut makes those lines durable, sends, journals
// what was sent and gives back what could not be sent. finishBatch
// deletes from the DLQ exactly what the destinations accepted, and only
// then. On a standard DLQ a worker prepares its next batch before it
// finishes the one it sent, so that the next batch's fsync comes after a
// delete and is shared with the lines the other workers wrote meanwhile
// (see worker); each send still waits for its own lines to be on disk.

// batch is one received batch on its way.
type batch struct {
	outs   []*outgoing
	resume []resumed
	held   []model.Message // every message the batch holds
	toSend []*outgoing
	hb     *heartbeat
	// sending is the journal write of toSend's "sending" lines (0: none),
	// or why it failed.
	sending    uint64
	sendingErr error
	toDelete   []model.Message // DLQ copies whose message is out; set by send
}

// prepareBatch sorts a received batch out and journals what it will send; nil
// when nothing in it is to be moved (all parked).
func (m *moveRun) prepareBatch(ctx context.Context, msgs []model.Message) *batch {
	outs, resume := m.triage(ctx, msgs)
	if len(outs) == 0 && len(resume) == 0 {
		return nil
	}
	b := &batch{outs: outs, resume: resume, held: make([]model.Message, 0, len(outs)+len(resume))}
	for _, r := range resume {
		b.held = append(b.held, r.msg)
	}
	for _, o := range outs {
		b.held = append(b.held, o.msg)
	}
	b.hb = m.startHeartbeat(ctx, b.held)
	for _, o := range outs {
		if o.err == nil {
			b.toSend = append(b.toSend, o)
		}
	}
	b.sending, b.sendingErr = m.j.recordLater("sending", items(b.toSend))
	return b
}

// sendBatchOut sends the batch once its "sending" lines are on disk, journals
// what was sent and gives back what could not be. False when the journal
// failed: nothing was sent, every message is given back, the move stops.
func (m *moveRun) sendBatchOut(ctx context.Context, b *batch) bool {
	err := b.sendingErr
	if err == nil {
		err = m.j.sync(b.sending)
	}
	if err != nil {
		// Without the journal a crash could duplicate silently: stop
		// before sending anything more.
		b.hb.end()
		m.fail(err)
		m.release(ctx, b.held)
		m.done(b.held)
		return false
	}
	m.sendAll(ctx, b.toSend)

	var sent, definite []*outgoing
	for _, o := range b.toSend {
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
	// Only a message no attempt may have stored is recorded as unsent; the
	// others stay "sending", so a later move counts their copies too.
	_ = m.j.record("unsent", items(definite), false)
	for _, r := range b.resume {
		b.toDelete = append(b.toDelete, r.msg)
	}
	for _, o := range sent {
		b.toDelete = append(b.toDelete, o.msg)
	}
	var giveBack []model.Message
	for _, o := range b.outs {
		if o.err != nil {
			giveBack = append(giveBack, o.msg)
		}
	}
	// What could not be sent goes back now: from here on the batch hides
	// only messages that are out, to be deleted.
	b.hb.keep(b.toDelete)
	m.release(ctx, giveBack)
	return true
}

// finishBatch deletes the DLQ copies of what the destinations accepted and
// adds the batch to the report.
func (m *moveRun) finishBatch(ctx context.Context, b *batch) {
	var delFailed map[string]error
	if len(b.toDelete) > 0 {
		delFailed = m.deleteFromDLQ(ctx, b.toDelete)
	}
	var deleted []jItem
	for _, msg := range b.toDelete {
		if delFailed[msg.ID] == nil {
			deleted = append(deleted, jItem{id: msg.ID})
		}
	}
	_ = m.j.record("deleted", deleted, false) // losing it costs one redundant delete later
	b.hb.end()
	m.account(b.outs, b.resume, delFailed)
	m.done(b.held)
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
			if len(m.rep.Failures) < MaxReportFailures {
				m.rep.Failures = append(m.rep.Failures, MoveFailure{ID: o.msg.ID, Err: o.err})
			}
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
