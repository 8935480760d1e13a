package localsqs

import (
	"strconv"
	"time"
)

// fifoState is a FIFO queue's ordering and deduplication state.
//
// Each message group keeps its messages in send order. A group is "ready"
// when nothing of it is in flight and its first message is visible; ready
// groups wait in a queue, so a receive pops a group and takes from its head
// without looking at blocked groups or deep backlogs.
type fifoState struct {
	groups    map[string]*group
	ready     []*group
	readyHead int
	seq       uint64

	dedup      map[string]dedupRecord
	dedupOrder []dedupKey
	dedupHead  int
}

type group struct {
	id       string
	msgs     []*message
	head     int
	inflight int
	queued   bool // in fifoState.ready (possibly stale)
}

type dedupRecord struct {
	at    time.Time
	msgID string
	seq   string
}

type dedupKey struct {
	key string
	at  time.Time
}

// dedupWindow is SQS's fixed FIFO deduplication interval.
const dedupWindow = 5 * time.Minute

// seqBase makes sequence numbers 20 digits long like SQS's.
const seqBase uint64 = 10_000_000_000_000_000_000

func newFIFOState() *fifoState {
	return &fifoState{groups: map[string]*group{}, dedup: map[string]dedupRecord{}}
}

func (f *fifoState) reset() {
	f.groups = map[string]*group{}
	f.ready, f.readyHead = nil, 0
}

func (f *fifoState) nextSeq() string {
	f.seq++
	return strconv.FormatUint(seqBase+f.seq, 10)
}

func (f *fifoState) enqueue(m *message) {
	g := f.groups[m.groupID]
	if g == nil {
		g = &group{id: m.groupID}
		f.groups[m.groupID] = g
	}
	g.msgs = append(g.msgs, m)
}

func (f *fifoState) inflightStart(m *message) {
	if g := f.groups[m.groupID]; g != nil {
		g.inflight++
	}
}

func (f *fifoState) inflightDone(m *message) {
	if g := f.groups[m.groupID]; g != nil {
		g.inflight--
	}
}

func (f *fifoState) becameVisible(m *message) { f.evaluate(f.groups[m.groupID]) }
func (f *fifoState) gone(m *message)          { f.evaluate(f.groups[m.groupID]) }

// evaluate trims finished messages off g's head, forgets an empty group and
// queues g when it has become ready.
func (f *fifoState) evaluate(g *group) {
	if g == nil {
		return
	}
	for g.head < len(g.msgs) && g.msgs[g.head].state == stGone {
		g.msgs[g.head] = nil
		g.head++
	}
	g.msgs, g.head = reclaimPrefix(g.msgs, g.head, 64)
	if g.head == len(g.msgs) && g.inflight == 0 {
		delete(f.groups, g.id)
		return
	}
	if !g.queued && f.isReady(g) {
		g.queued = true
		f.ready = append(f.ready, g)
	}
}

func (f *fifoState) isReady(g *group) bool {
	return f.groups[g.id] == g && g.inflight == 0 && g.head < len(g.msgs) && g.msgs[g.head].state == stVisible
}

// popReady returns the next ready group, or nil.
func (f *fifoState) popReady() *group {
	for f.readyHead < len(f.ready) {
		g := f.ready[f.readyHead]
		f.ready[f.readyHead] = nil
		f.ready, f.readyHead = reclaimPrefix(f.ready, f.readyHead+1, 1024)
		g.queued = false
		if f.isReady(g) {
			return g
		}
	}
	return nil
}

// dedupLookup reports a send with the same key inside the window.
func (f *fifoState) dedupLookup(key string, now time.Time) (dedupRecord, bool) {
	f.expireDedup(now)
	r, ok := f.dedup[key]
	return r, ok
}

func (f *fifoState) dedupRecord(key string, r dedupRecord) {
	f.dedup[key] = r
	f.dedupOrder = append(f.dedupOrder, dedupKey{key, r.at})
}

func (f *fifoState) expireDedup(now time.Time) {
	for f.dedupHead < len(f.dedupOrder) {
		k := f.dedupOrder[f.dedupHead]
		if k.at.Add(dedupWindow).After(now) {
			break
		}
		if r, ok := f.dedup[k.key]; ok && r.at.Equal(k.at) {
			delete(f.dedup, k.key)
		}
		f.dedupOrder[f.dedupHead] = dedupKey{}
		f.dedupHead++
	}
	f.dedupOrder, f.dedupHead = reclaimPrefix(f.dedupOrder, f.dedupHead, 1024)
}
