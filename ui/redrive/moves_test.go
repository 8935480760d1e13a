package redrive

import (
	"testing"

	"github.com/sqscope/sqscope/awsclient"
)

func TestMovesDropOlderMoves(t *testing.T) {
	var c moves
	if c.running() || c.of(0) != nil {
		t.Fatal("a move before any began")
	}
	old := c.begin(plan{})
	cur := c.beginClient(plan{ids: []string{"a", "b"}})
	if cur.id <= old.id || c.of(old.id) != nil || c.of(cur.id) != cur {
		t.Fatalf("ids %d then %d: the older move's answers are not stale", old.id, cur.id)
	}
	if !c.clientRunning() || cur.prog.Total != 2 {
		t.Errorf("client-side move: running %v, total %d", c.clientRunning(), cur.prog.Total)
	}
	if _, ok := c.progressed(progressMsg{id: old.id, p: awsclient.MoveProgress{Moved: 1}}); ok || cur.prog.Moved != 0 {
		t.Error("an older move's progress was stored")
	}
	if _, ok := c.progressed(progressMsg{id: cur.id, closed: true}); ok {
		t.Error("the reader goes on after Move returned")
	}
	if c.finished(doneMsg{id: old.id}) || !cur.running {
		t.Error("an older move's end ended this one")
	}
	if !c.finished(doneMsg{id: cur.id, rep: awsclient.MoveReport{Moved: 2}}) || cur.running || cur.report.Moved != 2 {
		t.Errorf("the end was not stored: running %v, report %+v", cur.running, cur.report)
	}
	if cur.ctx.Err() == nil {
		t.Error("the finished move's context was not freed")
	}
}
