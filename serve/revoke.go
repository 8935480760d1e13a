package serve

import (
	"fmt"
	"sync"

	tea "charm.land/bubbletea/v2"
	"charm.land/ssh"
)

// ending is how a running session is ended from outside it (its key
// revoked): the reason told to the user, and the program to quit. A
// session is checked at its start only by the gate, so without this a key
// removed from the file, or a write key made read, would keep its session
// — and its role — until the user left.
type ending struct {
	mu     sync.Mutex
	reason string // set once: why the session was ended
	quit   func() // the running program's Quit; nil before it is built
}

// end records reason (the first one wins) and quits the program if it is
// running; a program not yet built is not started (see runProgram).
func (e *ending) end(reason string) {
	e.mu.Lock()
	if e.reason == "" {
		e.reason = reason
	}
	q := e.quit
	e.mu.Unlock()
	if q != nil {
		// Quit waits for the program's loop to take the message: not
		// under a lock, and not on the authentication path that
		// triggered the reload.
		go q()
	}
}

func (e *ending) why() string {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.reason
}

// started records the program's quit, unless the session was ended while
// it was being built: then it must not run.
func (e *ending) started(quit func()) bool {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.reason != "" {
		return false
	}
	e.quit = quit
	return true
}

// runProgram wraps program (which the UI's options are set in) so that a
// session ended before its program is built never starts it, and one ended
// after is quit.
func (s *Server) runProgram(sess ssh.Session) *tea.Program {
	ss, _ := sess.Context().Value(sessionKey{}).(*session)
	if ss == nil || ss.ending.why() != "" {
		return nil
	}
	p := s.program(sess)
	if p == nil || !ss.ending.started(p.Quit) {
		return nil
	}
	return p
}

// track adds ss to the sessions a reload checks, and checks it once now:
// the file may have changed between the gate's lookup and here.
func (s *Server) track(ss *session) {
	s.mu.Lock()
	s.live[ss] = struct{}{}
	s.mu.Unlock()
	s.checkSession(ss)
}

func (s *Server) untrack(ss *session) {
	s.mu.Lock()
	delete(s.live, ss)
	s.mu.Unlock()
}

// revokeChanged ends every open session whose key the file no longer lists
// or whose role it changed. It runs after every successful read of the
// file (a change seen at authentication, or SIGHUP).
func (s *Server) revokeChanged() {
	s.mu.Lock()
	open := make([]*session, 0, len(s.live))
	for ss := range s.live {
		open = append(open, ss)
	}
	s.mu.Unlock()
	for _, ss := range open {
		s.checkSession(ss)
	}
}

func (s *Server) checkSession(ss *session) {
	g, ok := s.keys.current(ss.key)
	var reason string
	switch {
	case !ok:
		reason = "this key was removed from the authorized keys; the session is closed"
	case g.role != ss.role:
		reason = fmt.Sprintf("this key's role changed from %s to %s; the session is closed, connect again", ss.role, g.role)
	default:
		return
	}
	if ss.ending.why() == "" {
		s.logf(fmt.Sprintf("%s: ending the session: %s", ss.user, reason))
	}
	ss.ending.end(reason)
}
