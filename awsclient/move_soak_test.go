package awsclient

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"sync/atomic"
	"testing"
	"time"
)

// The soak: client-side moves of 1,000 messages through ~5% mixed faults
// (every kind the harness has, lies included), killed midway and resumed
// through the same faults, round after round. Whatever happens, nothing
// may be lost and the resumed move's report — the only one the user sees,
// the killed move's died with it — must count at least every duplicate a
// check of the queues finds. Its figures are in RELIABILITY.md.
//
// SQSCOPE_SOAK_ROUNDS sets the rounds (default 5, about 25 s of a 2-core
// machine under -race); SQSCOPE_SOAK_SEED the first seed (default 100).
// Of seeds 100–104, three failed before issue 15 was fixed.

const (
	soakMessages  = 1000
	soakFaultRate = 0.05
	soakHold      = 2 * time.Second
)

var soakFaults = map[string][]fault{
	"SendMessageBatch": {fault500, faultThrottle, faultDropBefore, faultDropAfter, fault500After,
		fault502After, faultStall, faultPartial, faultLie},
	"DeleteMessageBatch":           {fault500, faultThrottle, faultDropBefore, faultDropAfter, faultStall, faultPartial},
	"ReceiveMessage":               {fault500, faultThrottle, faultDropBefore, faultDropAfter, faultStall},
	"ChangeMessageVisibilityBatch": {fault500, faultDropAfter},
	"GetQueueAttributes":           {fault500, faultThrottle},
}

func TestMoveSoak(t *testing.T) {
	t.Parallel() // mostly CPU, but the holds it waits out overlap with other tests
	rounds, seed := envInt(t, "SQSCOPE_SOAK_ROUNDS", 5), envInt(t, "SQSCOPE_SOAK_SEED", 100)
	var total soakFigures
	for r := range rounds {
		fifo := r%3 == 2
		t.Run(fmt.Sprintf("seed%d", seed+r), func(t *testing.T) {
			fig := soakRound(t, uint64(seed+r), fifo)
			total.add(fig)
		})
	}
	t.Logf("SOAK %d runs of %d messages, %.0f%% faults, a kill each: lost %d, duplicated %d, reported duplicated %d (%d faults injected)",
		total.runs, soakMessages, soakFaultRate*100, total.lost, total.dups, total.reported, total.faults)
}

type soakFigures struct{ runs, lost, dups, reported, faults int }

func (s *soakFigures) add(o soakFigures) {
	s.runs += o.runs
	s.lost += o.lost
	s.dups += o.dups
	s.reported += o.reported
	s.faults += o.faults
}

func soakRound(t *testing.T, seed uint64, fifo bool) soakFigures {
	b, _ := localsqsBackend(t)
	f := newDLQFixture(t, serve(t, b.handler), fifo, 1, soakMessages)
	h := newFaultHarness(b.handler, seededPlan(seed, soakFaultRate, soakFaults))
	h.seed = seed
	// The kill comes while sends are on the wire: the 31st send is held
	// (journaled, not yet carried out) until the child is dead.
	var armed atomic.Bool
	armed.Store(true)
	h.pause = func(op string, n int) (bool, bool) {
		return op == "SendMessageBatch" && n == 30 && armed.Load(), false
	}
	ep := serve(t, h)
	journal := filepath.Join(t.TempDir(), "dlq.journal")
	child := startMoveChild(t, ep, f.dlqURL, journal, soakHold, killConcurrency)
	select {
	case <-h.paused:
	case err := <-child.exited:
		t.Fatalf("child ended before the kill: %v\n%s", err, child.out)
	case <-time.After(2 * time.Minute): // a hang guard, not a speed check
		t.Fatal("the child never got to its 31st send")
	}
	child.kill(t)
	armed.Store(false)
	close(h.release)

	rep, err := NewStatic(ep, "us-east-1", testConfig()).Move(context.Background(),
		MoveRequest{SourceURL: f.dlqURL, Concurrency: killConcurrency, Hold: soakHold, JournalPath: journal}, nil)
	if err != nil {
		t.Fatalf("resumed Move: %v (report %+v)", err, rep)
	}
	c := f.tally(t)
	faults := 0
	for _, ks := range soakFaults {
		for _, k := range ks {
			faults += h.count(k)
		}
	}
	t.Logf("fifo %v: resumed moved %d (resumed %d, resent %d, settled %d), failed %d, held back %d; "+
		"check: lost %d, duplicated %d, reported %d; %d faults injected",
		fifo, rep.Moved, rep.Resumed, rep.Resent, rep.Settled, rep.Failed, rep.HeldBack,
		c.lost, c.dups, rep.PossiblyDuplicated, faults)
	if c.lost > 0 {
		t.Errorf("%d of %d messages lost", c.lost, soakMessages)
	}
	if c.dups > rep.PossiblyDuplicated {
		t.Errorf("%d duplicates, but the resumed move reported at most %d", c.dups, rep.PossiblyDuplicated)
	}
	return soakFigures{runs: 1, lost: c.lost, dups: c.dups, reported: rep.PossiblyDuplicated, faults: faults}
}

func envInt(t *testing.T, name string, def int) int {
	v := os.Getenv(name)
	if v == "" {
		return def
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 {
		t.Fatalf("%s=%q: want a number", name, v)
	}
	return n
}
