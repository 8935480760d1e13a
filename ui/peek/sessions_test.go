package peek

import (
	"context"
	"errors"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/sqscope/sqscope/awsclient"
	"github.com/sqscope/sqscope/model"
	"github.com/sqscope/sqscope/ui/internal/uitest"
)

// The sessions on their own: numbering, stale answers and the sessions
// they keep live.

func TestSessionsDropsStalePages(t *testing.T) {
	c := newSessions()
	if c.next(context.Background()) != nil {
		t.Fatal("a page was requested with no session open")
	}
	s := &uitest.Peek{}
	c.begin(s)
	if c.next(context.Background()) == nil || c.cancel == nil {
		t.Fatal("the first page was not requested")
	}
	if c.next(context.Background()) != nil {
		t.Error("a second page was requested while one is on its way")
	}
	first := c.seq
	c.stop() // as on quit: the page on its way is stale
	if c.cancel != nil || c.accept(pageMsg{seq: first}) {
		t.Error("a page requested before stop was accepted")
	}
	c.next(context.Background())
	if !c.accept(pageMsg{seq: c.seq}) || c.cancel != nil {
		t.Error("the latest page was dropped, or its context kept")
	}
	if c.close() == nil || c.open() {
		t.Error("close did not release the session")
	}
	if c.close() != nil {
		t.Error("closing twice released twice")
	}
	if c.accept(pageMsg{seq: c.seq}) {
		t.Error("a page was accepted with the pane closed")
	}
}

func TestSessionsKeepsFailedReleasesLive(t *testing.T) {
	c := newSessions()
	a, b := &uitest.Peek{}, &uitest.Peek{}
	c.begin(a)
	c.close()
	c.begin(b)
	if ok, cur := c.released(releasedMsg{sess: a, err: errors.New("denied")}); ok || cur || c.err == nil {
		t.Errorf("a failed release: ok %v, current %v, err %v", ok, cur, c.err)
	}
	if len(c.live) != 2 {
		t.Fatalf("%d live sessions, want 2: a failed release stays live", len(c.live))
	}
	if ok, cur := c.released(releasedMsg{sess: a}); !ok || cur {
		t.Errorf("the old session's release: ok %v, current %v", ok, cur)
	}
	if ok, cur := c.released(releasedMsg{sess: b}); !ok || !cur {
		t.Errorf("the pane's session's release: ok %v, current %v", ok, cur)
	}
	// The pane's session stays live: its next page holds messages again,
	// which quitting must release.
	if len(c.live) != 1 || c.live[0] != awsclient.Peek(b) {
		t.Errorf("live sessions after both released: %v, want only the pane's", c.live)
	}
	c.close()
	if ok, cur := c.released(releasedMsg{sess: b}); !ok || cur || len(c.live) != 0 {
		t.Errorf("after the pane closed: ok %v, current %v, %d live", ok, cur, len(c.live))
	}
}

// A release asked for while one is on its way is made when that one
// answers, if a page held more meanwhile; whoever waits for the release
// hears only then, so a move never starts with messages still hidden.
func TestSessionsReleaseAgainWhatAPageHeldMeanwhile(t *testing.T) {
	url := uitest.Named("orders-dlq").URL
	f := &uitest.Client{Messages: map[string][]model.Message{url: uitest.DLQMessages(t)}}
	s := f.OpenPeek(url, awsclient.PeekOptions{})
	c := newSessions()
	c.begin(s)
	if _, err := s.Next(t.Context(), 2); err != nil {
		t.Fatal(err)
	}
	first := c.release(nil) // e.g. for a move task
	type waited struct{ err error }
	if c.release(func(err error) tea.Msg { return waited{err} }) != nil {
		t.Fatal("a second release was sent while the first is on its way")
	}
	msg := first().(releasedMsg)                      // it releases the two…
	if _, err := s.Next(t.Context(), 2); err != nil { // …and a page holds two more meanwhile
		t.Fatal(err)
	}
	again := c.answered(msg.sess, msg.err)
	if again == nil {
		t.Fatal("what the page held meanwhile was not released")
	}
	msgs := uitest.RunCmd(again)
	if len(msgs) != 1 || s.Held() != 0 {
		t.Fatalf("the second release: %v, %d still held", msgs, s.Held())
	}
	done := uitest.RunCmd(c.answered(s, nil))
	if len(done) != 1 || done[0] != tea.Msg(waited{}) {
		t.Errorf("the waiter heard %v, want one answer once nothing is held", done)
	}
	if c.answered(s, nil) != nil {
		t.Error("the waiter was told twice")
	}
}
