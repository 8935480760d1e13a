package awsclient

import (
	"testing"
	"time"
)

// TestCopyFactsBoundEveryCopy: the bound is the copies that may exist
// beyond one per message, wherever they are.
func TestCopyFactsBoundEveryCopy(t *testing.T) {
	short, long := time.Minute, 6*time.Minute
	tests := []struct {
		name string
		f    copyFacts
		want int
	}{
		{"accepted at once, deleted", copyFacts{accepted: true}, 0},
		{"accepted, delete failed: in both queues", copyFacts{accepted: true, dlqKept: true}, 1},
		{"refused for good", copyFacts{dlqKept: true}, 0},
		{"two lost answers, then accepted", copyFacts{unknown: 2, accepted: true}, 2},
		{"lied to ten times, left in the DLQ", copyFacts{unknown: 10, dlqKept: true}, 10},
		{"sent by a dead move, DLQ copy gone", copyFacts{unknown: 1}, 0},
		{"sent twice by a dead move, DLQ copy gone", copyFacts{unknown: 2}, 1},
		{"FIFO: retries inside the dedup window", copyFacts{unknown: 3, accepted: true, fifo: true, span: short}, 0},
		{"FIFO: stored, then refused, left in the DLQ", copyFacts{unknown: 1, dlqKept: true, fifo: true, span: short}, 1},
		{"FIFO: a resend after the window", copyFacts{unknown: 1, accepted: true, fifo: true, span: long}, 1},
	}
	for _, tt := range tests {
		if got := tt.f.extra(); got != tt.want {
			t.Errorf("%s: extra() = %d, want %d", tt.name, got, tt.want)
		}
	}
}

// TestPriorFactsFromTheJournal: what an earlier move's journal lines say
// about a message becomes the same bound.
func TestPriorFactsFromTheJournal(t *testing.T) {
	m := &moveRun{s: &SQS{cfg: testConfig()}, plan: &movePlan{}}
	t0 := time.Now()
	sending := jRecord{state: jSending, attempts: 2, first: t0, last: t0.Add(time.Second)}
	sent := jRecord{state: jSent, attempts: 3, first: t0, sentAt: t0.Add(time.Second), dup: 1}
	legacySent := jRecord{state: jSent, attempts: 3, first: t0, sentAt: t0.Add(time.Second), dup: -1}
	tests := []struct {
		name    string
		rec     jRecord
		dlqKept bool
		want    int
	}{
		{"two attempts, DLQ copy still there", sending, true, 2},
		{"two attempts, DLQ copy gone", sending, false, 1},
		{"sent after one unknown attempt, DLQ copy deleted now", sent, false, 1},
		{"sent after one unknown attempt, delete failed", sent, true, 2},
		{"sent, from a journal without dup: every other attempt", legacySent, false, 2},
	}
	for _, tt := range tests {
		if got := m.priorFacts(tt.rec, tt.dlqKept).extra(); got != tt.want {
			t.Errorf("%s: %d, want %d", tt.name, got, tt.want)
		}
	}
	m.plan.dlqFIFO = true
	if got := m.priorFacts(sending, true).extra(); got != 1 {
		t.Errorf("FIFO, two attempts a second apart, DLQ copy kept: %d, want 1", got)
	}
}
