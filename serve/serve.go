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
	// before its unknown keys stop being audited (they are still logged);
	// its authorized keys still get in (see authorize).
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
	sessions sync.WaitGroup        // running sessions, which Shutdown waits to release
	live     map[*session]struct{} // the same sessions, which a reload of the keys checks
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
	s = &Server{opts: o, slots: slots{max: o.MaxSessions}, fails: newFailures(o.MaxAuthFailures, o.FailureWindow),
		live: map[*session]struct{}{}}
	if s.keys, err = LoadKeys(o.AuthorizedKeys, s.logf); err != nil {
		return nil, false, err
	}
	s.keys.onReload = s.revokeChanged
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
			srv.ConnectionFailedCallback = s.failed
			// A client that connects and never finishes the handshake
			// would otherwise hold a connection for ever.
			srv.HandshakeTimeout = 30 * time.Second
			return nil
		},
		// The last middleware runs first: gate checks the session and
		// releases what it held once the program has ended.
		wish.WithMiddleware(bubbletea.MiddlewareWithProgramHandler(s.runProgram), s.gate),
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

// authorize admits a key the authorized-keys file lists, whatever its
// address: many users share one (localhost, a jump host), so counting an
// address's failures against its known keys would let anyone there lock
// on-call out. The role is looked up again when the session starts.
//
// An unknown key is refused, logged with its address and fingerprint, and
// audited as "refused" — until its address has failed MaxAuthFailures
// times within FailureWindow: from then on its unknown keys are only
// logged, so a scan cannot grow the audit log without bound.
func (s *Server) authorize(ctx ssh.Context, key ssh.PublicKey) bool {
	if _, ok := s.keys.Lookup(key); ok {
		return true
	}
	fp, remote := gossh.FingerprintSHA256(key), ctx.RemoteAddr()
	if s.fails.blocked(remote) {
		s.logf(fmt.Sprintf("refused %s from %s: not an authorized key (address over the failure limit: not audited)", fp, remote))
		return false
	}
	s.logf(fmt.Sprintf("refused %s from %s: not an authorized key", fp, remote))
	s.appendAudit(refusedEntry(fp, remote.String()))
	return false
}

// failed counts a connection that ended without authenticating.
func (s *Server) failed(c net.Conn, _ error) {
	if s.fails.add(c.RemoteAddr()) {
		s.logf(fmt.Sprintf("%s: %d failed authentications within %s; its unknown keys are no longer audited, authorized keys still get in",
			host(c.RemoteAddr()), s.opts.MaxAuthFailures, s.opts.FailureWindow))
	}
}

func (s *Server) logf(line string) { fmt.Fprintln(s.opts.Log, "sqscope serve: "+line) }
