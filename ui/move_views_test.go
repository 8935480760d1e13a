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
	if !strings.Contains(flat(s), "every peeked message has moved away") || !strings.Contains(flat(s), "every peeked message has gone") {
		t.Errorf("the list and the DLQ pane do not both say everything moved away:\n%s", s)
	}
	for _, id := range all {
		if strings.Contains(s, id[:8]) || strings.Contains(s, id) {
			t.Errorf("moved message %s still on screen:\n%s", id, s)
		}
	}
}
