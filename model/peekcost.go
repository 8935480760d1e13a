package model

// PeekCost is what one peek costs against a queue's redrive policy. A peek
// is a receive: it raises each message's receive count by one, and SQS
// moves a message to the DLQ (instead of delivering it) on the receive that
// would push its count above maxReceiveCount.
type PeekCost struct {
	// MaxReceiveCount is the policy's limit; 0 means the queue has no
	// redrive policy, so a peek costs only the count itself.
	MaxReceiveCount int
	// Known is how many messages' receive counts were given.
	Known int
	// MoveNow have count >= maxReceiveCount: the peek's own receive moves
	// them to the DLQ (so the peek will not even show them).
	MoveNow int
	// LastChance have count == maxReceiveCount-1: the peek uses up their
	// last delivery, and the next receive by anyone — the real consumer —
	// moves them to the DLQ unprocessed.
	LastChance int
	// UnknownAtRisk is true when even messages not yet seen are at risk:
	// with maxReceiveCount 1 every message, count 0 or more, is at least
	// LastChance.
	UnknownAtRisk bool
}

// AtRisk is every known message the peek harms.
func (c PeekCost) AtRisk() int { return c.MoveNow + c.LastChance }

// PeekCostOf computes the cost of peeking once more, given the policy (nil:
// none) and the current receive counts of messages already seen (counts as
// a previous peek returned them, which include that peek's own receive).
func PeekCostOf(rp *RedrivePolicy, counts []int) PeekCost {
	c := PeekCost{Known: len(counts)}
	if rp == nil || rp.MaxReceiveCount < 1 {
		return c
	}
	limit := rp.MaxReceiveCount
	c.MaxReceiveCount = limit
	c.UnknownAtRisk = limit == 1
	for _, n := range counts {
		switch {
		case n >= limit:
			c.MoveNow++
		case n == limit-1:
			c.LastChance++
		}
	}
	return c
}
