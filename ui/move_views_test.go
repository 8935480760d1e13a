package ui

import (
	"strings"
	"testing"

	"github.com/sqscope/sqscope/awsclient"
)

// TestMoveOfEveryPeekedMessageEmptiesTheViews: once every listed message
// moved away, neither the list, the message view nor the DLQ pane may show
// one of them.
func TestMoveOfEveryPeekedMessageEmptiesTheViews(t *testing.T) {
	noJournalHome(t)
	a, f := peekApp(t, 120, 36)
	openPeek(t, a, "orders-dlq")
	all := ids(a.peek.Messages())
	for range all {
		press(a, "space")
	}
	press(a, "R")
	f.Mu.Lock()
	f.Mover.Report = awsclient.MoveReport{Moved: len(all), Total: len(all), MovedIDs: all}
	f.Mu.Unlock()
	move, _ := startMove(t, a)
	a.Update(move())
	s := screen(a)
	if n := strings.Count(flat(s), "every peeked message has moved away"); n != 2 {
		t.Errorf("%d of the list and the DLQ pane say everything moved away:\n%s", n, s)
	}
	for _, id := range all {
		if strings.Contains(s, id[:8]) || strings.Contains(s, id) {
			t.Errorf("moved message %s still on screen:\n%s", id, s)
		}
	}
}
