// Package serve is `sqscope serve`: the TUI over SSH, one ui.App per
// session, under the host's AWS configuration. Keys are authenticated
// against an authorized-keys file that grants each a role (read or
// write); every session and every change it makes is written to the
// shared audit log under the key's name and fingerprint.
package serve

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"sync"
	"time"

	"charm.land/ssh"
	"charm.land/wish/v2"
	"charm.land/wish/v2/bubbletea"
	gossh "golang.org/x/crypto/ssh"

	"github.com/sqscope/sqscope/awsclient"
	"github.com/sqscope/sqscope/ui"
)

// Options configure a Server. NewClient and UIOptions come from the
// command, so every session shares the server's one AWS configuration.
type Options struct {
	AuthorizedKeys string // OpenSSH authorized_keys, with sqscope-role= options
	HostKey        string // generated there (ed25519, 0600) if missing
	MaxSessions    int    // sessions at once; 0: no limit
	IdleTimeout    time.Duration
	// MaxAuthTries bounds the keys one connection may try; 0: 3.
	MaxAuthTries int
	// MaxAuthFailures bounds the connections from one address that may
	// fail to authenticate within FailureWindow (0: 10 per 10 minutes)
	// before its connections are refused until the window has passed.
	MaxAuthFailures int
	FailureWindow   time.Duration

	// Audit is the shared audit log; each session writes to it under its
	// user. nil records nothing.
	Audit awsclient.AuditLog
	// NewClient builds one session's client: readOnly for a read key,
	// with audit naming the session's user.
	NewClient func(ctx context.Context, readOnly bool, audit awsclient.AuditLog) (*awsclient.SQS, error)
	// UIOptions are the App's options for a session's client; the server
	// overrides what must not be shared between users (see session.go).
	UIOptions func(client *awsclient.SQS) ui.Options
	// Log gets the server's own lines: keys that grant nothing, sessions.
	Log io.Writer
}

// Server is the SSH server. Its zero value is not usable: see New.
type Server struct {
	opts   Options
	keys   *Keys
	signer gossh.Signer
	ssh    *ssh.Server
	slots  slots
	fails  *failures

	mu       sync.Mutex
	closed   bool
	sessions sync.WaitGroup // running sessions, which Shutdown waits to release
}

// New reads the authorized keys and the host key (creating it the first
// time) and builds the server; created says the host key is new.
func New(o Options) (s *Server, created bool, err error) {
	if o.MaxAuthTries <= 0 {
		o.MaxAuthTries = 3
	}
	if o.MaxAuthFailures <= 0 {
		o.MaxAuthFailures = 10
	}
	if o.FailureWindow <= 0 {
		o.FailureWindow = 10 * time.Minute
	}
	if o.Log == nil {
		o.Log = io.Discard
	}
	s = &Server{opts: o, slots: slots{max: o.MaxSessions}, fails: newFailures(o.MaxAuthFailures, o.FailureWindow)}
	if s.keys, err = LoadKeys(o.AuthorizedKeys, s.logf); err != nil {
		return nil, false, err
	}
	if s.signer, created, err = LoadOrCreateHostKey(o.HostKey); err != nil {
		return nil, false, err
	}
	s.ssh, err = wish.NewServer(
		func(srv *ssh.Server) error {
			srv.AddHostKey(s.signer)
			// Only public keys: with no password or keyboard-interactive
			// handler, the library offers neither method.
			srv.PublicKeyHandler = s.authorize
			srv.ServerConfigCallback = func(ssh.Context) *gossh.ServerConfig {
				return &gossh.ServerConfig{MaxAuthTries: o.MaxAuthTries}
			}
			srv.ConnCallback = s.admit
			srv.ConnectionFailedCallback = func(c net.Conn, _ error) { s.fails.add(c.RemoteAddr()) }
			// A client that connects and never finishes the handshake
			// would otherwise hold a connection for ever.
			srv.HandshakeTimeout = 30 * time.Second
			return nil
		},
		// The last middleware runs first: gate checks the session and
		// releases what it held once the program has ended.
		wish.WithMiddleware(bubbletea.MiddlewareWithProgramHandler(s.program), s.gate),
	)
	if err != nil {
		return nil, false, err
	}
	return s, created, nil
}

// Fingerprint is the host key's SHA256 fingerprint, as ssh prints it.
func (s *Server) Fingerprint() string { return gossh.FingerprintSHA256(s.signer.PublicKey()) }

// ReloadKeys re-reads the authorized-keys file (on SIGHUP).
func (s *Server) ReloadKeys() error { return s.keys.Reload() }

// Serve accepts connections on ln until Shutdown.
func (s *Server) Serve(ln net.Listener) error {
	err := s.ssh.Serve(ln)
	if errors.Is(err, ssh.ErrServerClosed) {
		return nil
	}
	return err
}

// Shutdown closes the listener and every connection, then waits (within
// ctx) for each session to release its peeks' holds and stop its move.
func (s *Server) Shutdown(ctx context.Context) error {
	s.mu.Lock()
	s.closed = true
	s.mu.Unlock()
	err := s.ssh.Close()
	done := make(chan struct{})
	go func() { s.sessions.Wait(); close(done) }()
	select {
	case <-done:
	case <-ctx.Done():
		return fmt.Errorf("sessions still releasing: %w", ctx.Err())
	}
	if errors.Is(err, ssh.ErrServerClosed) {
		return nil
	}
	return err
}

// authorize admits a key the authorized-keys file lists; the role is
// looked up again when the session starts, from the file then in force.
func (s *Server) authorize(_ ssh.Context, key ssh.PublicKey) bool {
	_, ok := s.keys.Lookup(key)
	return ok
}

// admit closes a connection from an address that failed too often.
func (s *Server) admit(_ ssh.Context, c net.Conn) net.Conn {
	if s.fails.blocked(c.RemoteAddr()) {
		s.logf(fmt.Sprintf("refused %s: too many failed authentications", c.RemoteAddr()))
		return nil
	}
	return c
}

func (s *Server) logf(line string) { fmt.Fprintln(s.opts.Log, "sqscope serve: "+line) }
