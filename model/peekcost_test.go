package model

import "testing"

func TestPeekCostOf(t *testing.T) {
	rp := func(n int) *RedrivePolicy {
		return &RedrivePolicy{DeadLetterTargetARN: "arn:aws:sqs:us-east-1:1:dlq", MaxReceiveCount: n}
	}
	tests := []struct {
		name   string
		rp     *RedrivePolicy
		counts []int
		want   PeekCost
	}{
		{"no policy costs nothing", nil, []int{0, 5, 100}, PeekCost{Known: 3}},
		{"nothing seen yet", rp(3), nil, PeekCost{MaxReceiveCount: 3}},
		{"far from the limit", rp(5), []int{0, 1, 2, 3}, PeekCost{MaxReceiveCount: 5, Known: 4}},
		// count 2 of 3: the peek makes it 3, the consumer's next receive
		// moves it; count 3: the peek's receive itself moves it.
		{"one below and at the limit", rp(3), []int{1, 2, 3}, PeekCost{MaxReceiveCount: 3, Known: 3, MoveNow: 1, LastChance: 1}},
		{"past the limit (policy lowered)", rp(3), []int{7, 4}, PeekCost{MaxReceiveCount: 3, Known: 2, MoveNow: 2}},
		{"limit 1: never received is the last chance", rp(1), []int{0, 0}, PeekCost{MaxReceiveCount: 1, Known: 2, LastChance: 2, UnknownAtRisk: true}},
		{"limit 1: received once moves now", rp(1), []int{1, 0}, PeekCost{MaxReceiveCount: 1, Known: 2, MoveNow: 1, LastChance: 1, UnknownAtRisk: true}},
		{"limit 1 with nothing seen", rp(1), nil, PeekCost{MaxReceiveCount: 1, UnknownAtRisk: true}},
		{"invalid policy treated as none", &RedrivePolicy{MaxReceiveCount: 0}, []int{9}, PeekCost{Known: 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := PeekCostOf(tt.rp, tt.counts)
			if got != tt.want {
				t.Fatalf("PeekCostOf = %+v, want %+v", got, tt.want)
			}
			if got.AtRisk() != tt.want.MoveNow+tt.want.LastChance {
				t.Fatalf("AtRisk = %d", got.AtRisk())
			}
		})
	}
}

// TestPeekCostAgreesWithAtRisk ties the dialog to Message.AtRisk: a message
// AtRisk is one the peek's receive moves now.
func TestPeekCostAgreesWithAtRisk(t *testing.T) {
	rp := &RedrivePolicy{DeadLetterTargetARN: "x", MaxReceiveCount: 4}
	for n := 0; n <= 6; n++ {
		c := PeekCostOf(rp, []int{n})
		if (c.MoveNow == 1) != (Message{ReceiveCount: n}).AtRisk(4) {
			t.Errorf("count %d: MoveNow %d, AtRisk %v", n, c.MoveNow, (Message{ReceiveCount: n}).AtRisk(4))
		}
	}
}
