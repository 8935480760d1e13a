package serve

import (
	"context"
	"fmt"
	"io"
	"sync"
	"sync/atomic"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/ssh"
	"charm.land/wish/v2"
	"charm.land/wish/v2/bubbletea"
	gossh "golang.org/x/crypto/ssh"

	"github.com/sqscope/sqscope/audit"
	"github.com/sqscope/sqscope/ui"
)

// session is one SSH session's state, from the gate to its release.
type session struct {
	user        string // "name (SHA256:…)": the audit log's User
	name        string // the key line's comment, else "login NAME"
	role        Role
	fingerprint string
	login       string
	remote      string
	key         string // the key's wire form: what a reload looks up again

	ending ending  // set when a reload revokes the key or changes its role
	app    *ui.App // nil until the program is built
	stop   func()  // stops the idle watch; nil without one
	err    error   // why the program could not be built
	idled  atomic.Bool
	lastIn atomic.Int64 // unix nanoseconds of the last input
}

type sessionKey struct{}

// gate admits a session (a known key, a terminal, no command, a free
// slot), records it, runs the program (next), and then releases what the
// session's App held — the same release the TUI does after SIGHUP — so a
// dropped connection leaves no message hidden and no move running.
func (s *Server) gate(next ssh.Handler) ssh.Handler {
	return func(sess ssh.Session) {
		g, ok := s.keys.Lookup(sess.PublicKey())
		if !ok {
			wish.Fatalln(sess, "sqscope: this key is no longer authorized")
			return
		}
		if _, _, isPty := sess.Pty(); !isPty {
			wish.Fatalln(sess, "sqscope: serve shows the TUI and needs a terminal: connect with ssh -t, without a command")
			return
		}
		if len(sess.Command()) > 0 {
			wish.Fatalln(sess, "sqscope: serve runs no commands, only the TUI: connect without a command")
			return
		}
		s.mu.Lock()
		if s.closed {
			s.mu.Unlock()
			wish.Fatalln(sess, "sqscope: the server is shutting down")
			return
		}
		s.sessions.Add(1)
		s.mu.Unlock()
		defer s.sessions.Done()
		if !s.slots.acquire() {
			wish.Fatalf(sess, "sqscope: the server runs %d sessions already, its limit; try again later\n", s.opts.MaxSessions)
			return
		}
		defer s.slots.release()

		fp := gossh.FingerprintSHA256(sess.PublicKey())
		name := g.name
		if name == "" {
			name = "login " + sess.User() // the key line has no comment to name it by
		}
		ss := &session{user: fmt.Sprintf("%s (%s)", name, fp), name: name, role: g.role, fingerprint: fp,
			login: sess.User(), remote: sess.RemoteAddr().String(), key: string(sess.PublicKey().Marshal())}
		ss.lastIn.Store(time.Now().UnixNano())
		s.appendAudit(sessionEntry(opConnect, ss, "ok", nil))
		s.logf(fmt.Sprintf("%s connected from %s (%s)", ss.user, ss.remote, ss.role))
		sess.Context().SetValue(sessionKey{}, ss)
		s.track(ss)
		defer s.untrack(ss)

		next(sess) // the Bubble Tea middleware: returns once the program has ended
		if ss.stop != nil {
			ss.stop() // the release below may take a while: it is not idling
		}

		var releaseErr error
		if ss.app != nil {
			rctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
			releaseErr = ss.app.ReleaseAll(rctx)
			cancel()
		}
		outcome := "ok"
		if releaseErr != nil {
			outcome = "partial" // some messages stay hidden until their hold ends
		}
		revoked := ss.ending.why()
		e := sessionEntry(opDisconnect, ss, outcome, releaseErr)
		if revoked != "" {
			e.Details["reason"] = revoked
		}
		s.appendAudit(e)
		s.logf(fmt.Sprintf("%s disconnected", ss.user))
		switch {
		case revoked != "":
			wish.Fatalln(sess, "sqscope: "+revoked)
		case ss.err != nil:
			wish.Fatalln(sess, "sqscope: "+ss.err.Error())
		case ss.idled.Load():
			wish.Fatalf(sess, "sqscope: disconnected after %s without a key pressed\n", s.opts.IdleTimeout)
		}
	}
}

// appendAudit writes a session line; a line that cannot be written is
// said on the server's log, as the session itself goes on (the changes'
// own lines report their failure in the TUI).
func (s *Server) appendAudit(e audit.Entry) {
	if s.opts.Audit == nil {
		return
	}
	if err := s.opts.Audit.Append(e); err != nil {
		s.logf("audit log: " + err.Error())
	}
}

// program builds the session's client and App: read-only for a read key
// (the adapter's guard, so no key pressed can change anything), with the
// audit log naming the session's user.
func (s *Server) program(sess ssh.Session) *tea.Program {
	ss, _ := sess.Context().Value(sessionKey{}).(*session)
	if ss == nil {
		return nil
	}
	readOnly := ss.role != RoleWrite
	client, err := s.opts.NewClient(sess.Context(), readOnly, forUser(s.opts.Audit, ss.user))
	if err != nil {
		ss.err = err
		return nil
	}
	o := s.opts.UIOptions(client)
	o.ReadOnly = o.ReadOnly || readOnly // the server may be read-only for every key
	// Switching profile, region or leaving read-only (:ro) would step
	// outside the server's configuration and the key's role.
	o.Connect = nil
	// The host user's command history is not the session user's.
	o.HistoryPath = ""
	// The session runs on this host as the server's user: no editor or
	// pager of the host, no host file read or written on a key's behalf.
	o.Confined = true
	// Said at start: the read-only notices the TUI gives later speak of
	// --read-only, which a served user cannot change; the role is why.
	// Short: at 80 columns the status line shares its width with the
	// refresh state.
	who := "signed in as " + ss.name + " · write key: changes audited"
	if readOnly {
		who = "signed in as " + ss.name + " · read key: no changes"
	}
	if o.Notice != "" {
		who += "; " + o.Notice
	}
	o.Notice = who
	ss.app = ui.New(client, o)
	opts := append(bubbletea.MakeOptions(sess), tea.WithInput(&inputClock{r: sess, ss: ss}))
	p := tea.NewProgram(ss.app, opts...)
	if s.opts.IdleTimeout > 0 {
		ss.stop = s.watchIdle(sess.Context(), ss, p)
	}
	return p
}

// inputClock notes when the user last typed: the idle timeout is about
// keys, as the TUI's refreshes write to the connection all the time.
type inputClock struct {
	r  io.Reader
	ss *session
}

func (c *inputClock) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	if n > 0 {
		c.ss.lastIn.Store(time.Now().UnixNano())
	}
	return n, err
}

// watchIdle quits p once no key has come for the idle timeout, until
// the returned stop is called or ctx ends.
func (s *Server) watchIdle(ctx context.Context, ss *session, p *tea.Program) (stop func()) {
	var (
		mu      sync.Mutex // the timer's callback and stop both touch t
		t       *time.Timer
		stopped bool
	)
	check := func() {
		mu.Lock()
		defer mu.Unlock()
		if stopped || ctx.Err() != nil {
			return
		}
		idle := time.Since(time.Unix(0, ss.lastIn.Load()))
		if idle >= s.opts.IdleTimeout {
			stopped = true
			ss.idled.Store(true)
			p.Quit()
			return
		}
		t.Reset(s.opts.IdleTimeout - idle)
	}
	mu.Lock()
	t = time.AfterFunc(s.opts.IdleTimeout, check)
	mu.Unlock()
	stop = func() {
		mu.Lock()
		stopped = true
		t.Stop()
		mu.Unlock()
	}
	context.AfterFunc(ctx, stop)
	return stop
}
