package peek

import (
	"context"
	"errors"
	"slices"
	"sync"

	tea "charm.land/bubbletea/v2"

	"github.com/sqscope/sqscope/awsclient"
)

// sessions owns the peek sessions: the pane's session, its page request
// in flight and that request's number, and every session that may still
// hold messages. It does no I/O: its methods return the Cmds that do.
type sessions struct {
	sess   awsclient.Peek     // the pane's session; nil when closed
	seq    uint64             // number of the latest page request
	cancel context.CancelFunc // cancels the page in flight; nil when none
	err    error
	live   []awsclient.Peek // sessions that may still hold messages
	seen   map[string][]int // receive counts last seen, by queue URL

	// releasing says a release of the pane's session is on its way; again
	// that another was asked for meanwhile, made once this one answered
	// if a page held more since. waiters are told when waitFor's release
	// answered (a move that can start only then).
	releasing bool
	again     bool
	waiters   []func(error) tea.Msg
	waitFor   awsclient.Peek
}

func newSessions() sessions { return sessions{seen: map[string][]int{}} }

// open reports whether the pane has a session.
func (c *sessions) open() bool { return c.sess != nil }

// begin makes s the pane's session; the previous one was closed first.
func (c *sessions) begin(s awsclient.Peek) {
	c.sess = s
	c.live = append(c.live, s)
	c.err = nil
	c.releasing, c.again = false, false
}

// release returns the Cmd releasing the pane's session, and tells then
// (when not nil) once it answered. While a release is on its way it asks
// for another instead, made when that one answered, so what a page held
// meanwhile is released too.
func (c *sessions) release(then func(error) tea.Msg) tea.Cmd {
	if c.sess == nil {
		if then == nil {
			return nil
		}
		return func() tea.Msg { return then(nil) }
	}
	if then != nil {
		c.waiters = append(c.waiters, then)
		c.waitFor = c.sess
	}
	if c.releasing {
		c.again = true
		return nil
	}
	c.releasing = true
	return releaseCmd(c.sess)
}

// answered is what follows the answer to a release of sess: the release
// asked for meanwhile, when a page held more since; else the messages of
// those waiting for it.
func (c *sessions) answered(sess awsclient.Peek, err error) tea.Cmd {
	if sess == c.sess {
		again := c.again && err == nil && sess.Held() > 0
		c.releasing, c.again = again, false
		if again {
			return releaseCmd(sess)
		}
	}
	if sess != c.waitFor || len(c.waiters) == 0 {
		return nil
	}
	ws := c.waiters
	c.waiters, c.waitFor = nil, nil
	cmds := make([]tea.Cmd, len(ws))
	for i, w := range ws {
		cmds[i] = func() tea.Msg { return w(err) }
	}
	return tea.Batch(cmds...)
}

// next returns the Cmd reading the next page under ctx; nil when the pane
// is closed or a page is on its way already.
func (c *sessions) next(ctx context.Context) tea.Cmd {
	if c.sess == nil || c.cancel != nil {
		return nil
	}
	c.seq++
	ctx, cancel := context.WithCancel(ctx)
	c.cancel = cancel
	return nextCmd(ctx, c.sess, c.seq, peekPage)
}

// cancelLoad cancels the page in flight, if any.
func (c *sessions) cancelLoad() {
	if c.cancel != nil {
		c.cancel()
		c.cancel = nil
	}
}

// stop cancels the page in flight and makes one still on its way stale.
func (c *sessions) stop() {
	c.cancelLoad()
	c.seq++
}

// close stops loading and detaches the pane's session, returning the Cmd
// that releases it; nil when none was open. The release runs after the
// cancel: the session waits for the receives already sent, so their
// messages are released too.
func (c *sessions) close() tea.Cmd {
	c.stop()
	sess := c.sess
	if sess == nil {
		return nil
	}
	c.sess = nil
	return releaseCmd(sess)
}

// accept reports whether msg answers the latest page request of the open
// session, ending that request; a stale page is to be dropped.
func (c *sessions) accept(msg pageMsg) bool {
	if msg.seq != c.seq || c.sess == nil {
		return false
	}
	c.cancelLoad() // the request is over; this frees its context
	return true
}

// released records a release: a failed one keeps the session live (quit
// and ReleaseAll retry it). current says it was the pane's session, which
// stays live however it was released: the next page holds messages again,
// and quitting must find them.
func (c *sessions) released(msg releasedMsg) (ok, current bool) {
	if msg.err != nil {
		c.err = msg.err
		return false, false
	}
	current = msg.sess == c.sess
	if !current {
		c.live = slices.DeleteFunc(c.live, func(s awsclient.Peek) bool { return s == msg.sess })
	}
	return true, current
}

// releaseAll releases every live session, for ReleaseAll after the
// program ended; the sessions released are forgotten.
func (c *sessions) releaseAll(ctx context.Context) error {
	c.cancelLoad()
	err := Release(ctx, c.live)
	if err == nil {
		c.live = nil
	}
	return err
}

// Release releases sessions concurrently, under ctx.
func Release(ctx context.Context, sessions []awsclient.Peek) error {
	errs := make([]error, len(sessions))
	var wg sync.WaitGroup
	for i, s := range sessions {
		wg.Go(func() { _, errs[i] = s.Release(ctx) })
	}
	wg.Wait()
	return errors.Join(errs...)
}
