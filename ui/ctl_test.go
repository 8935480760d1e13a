package ui

import (
	"context"
	"errors"
	"testing"

	"github.com/sqscope/sqscope/awsclient"
)

// The controllers on their own, without the App: numbering, stale answers
// and the sessions they keep live.

func TestPeekCtlDropsStalePages(t *testing.T) {
	c := newPeekCtl()
	if c.next(context.Background()) != nil {
		t.Fatal("a page was requested with no session open")
	}
	s := &fakePeek{}
	c.begin(s)
	if c.next(context.Background()) == nil || c.cancel == nil {
		t.Fatal("the first page was not requested")
	}
	if c.next(context.Background()) != nil {
		t.Error("a second page was requested while one is on its way")
	}
	first := c.seq
	c.stop() // as on quit: the page on its way is stale
	if c.cancel != nil || c.accept(peekPageMsg{seq: first}) {
		t.Error("a page requested before stop was accepted")
	}
	c.next(context.Background())
	if !c.accept(peekPageMsg{seq: c.seq}) || c.cancel != nil {
		t.Error("the latest page was dropped, or its context kept")
	}
	if c.close() == nil || c.open() {
		t.Error("close did not release the session")
	}
	if c.close() != nil {
		t.Error("closing twice released twice")
	}
	if c.accept(peekPageMsg{seq: c.seq}) {
		t.Error("a page was accepted with the pane closed")
	}
}

func TestPeekCtlKeepsFailedReleasesLive(t *testing.T) {
	c := newPeekCtl()
	a, b := &fakePeek{}, &fakePeek{}
	c.begin(a)
	c.close()
	c.begin(b)
	if ok, cur := c.released(peekReleasedMsg{sess: a, err: errors.New("denied")}); ok || cur || c.err == nil {
		t.Errorf("a failed release: ok %v, current %v, err %v", ok, cur, c.err)
	}
	if len(c.live) != 2 {
		t.Fatalf("%d live sessions, want 2: a failed release stays live", len(c.live))
	}
	if ok, cur := c.released(peekReleasedMsg{sess: a}); !ok || cur {
		t.Errorf("the old session's release: ok %v, current %v", ok, cur)
	}
	if ok, cur := c.released(peekReleasedMsg{sess: b}); !ok || !cur {
		t.Errorf("the pane's session's release: ok %v, current %v", ok, cur)
	}
	// The pane's session stays live: its next page holds messages again,
	// which quitting must release.
	if len(c.live) != 1 || c.live[0] != awsclient.Peek(b) {
		t.Errorf("live sessions after both released: %v, want only the pane's", c.live)
	}
	c.close()
	if ok, cur := c.released(peekReleasedMsg{sess: b}); !ok || cur || len(c.live) != 0 {
		t.Errorf("after the pane closed: ok %v, current %v, %d live", ok, cur, len(c.live))
	}
}

func TestMoveCtlDropsOlderMoves(t *testing.T) {
	var c moveCtl
	if c.running() || c.of(0) != nil {
		t.Fatal("a move before any began")
	}
	old := c.begin(movePlan{})
	cur := c.beginClient(movePlan{ids: []string{"a", "b"}})
	if cur.id <= old.id || c.of(old.id) != nil || c.of(cur.id) != cur {
		t.Fatalf("ids %d then %d: the older move's answers are not stale", old.id, cur.id)
	}
	if !c.clientRunning() || cur.prog.Total != 2 {
		t.Errorf("client-side move: running %v, total %d", c.clientRunning(), cur.prog.Total)
	}
	if _, ok := c.progressed(moveProgressMsg{id: old.id, p: awsclient.MoveProgress{Moved: 1}}); ok || cur.prog.Moved != 0 {
		t.Error("an older move's progress was stored")
	}
	if _, ok := c.progressed(moveProgressMsg{id: cur.id, closed: true}); ok {
		t.Error("the reader goes on after Move returned")
	}
	if c.finished(moveDoneMsg{id: old.id}) || !cur.running {
		t.Error("an older move's end ended this one")
	}
	if !c.finished(moveDoneMsg{id: cur.id, rep: awsclient.MoveReport{Moved: 2}}) || cur.running || cur.report.Moved != 2 {
		t.Errorf("the end was not stored: running %v, report %+v", cur.running, cur.report)
	}
	if cur.ctx.Err() == nil {
		t.Error("the finished move's context was not freed")
	}
}
