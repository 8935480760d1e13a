package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/sqscope/sqscope/audit"
	"github.com/sqscope/sqscope/awsclient"
	"github.com/sqscope/sqscope/serve"
	"github.com/sqscope/sqscope/ui"
)

// serveFlags are `sqscope serve`'s own options; the AWS and UI settings
// are the TUI's (tuiFlags), shared by every session.
type serveFlags struct {
	listen, authorizedKeys, hostKey string
	maxSessions                     int
	idleTimeout                     time.Duration
}

// serveTUIFlags are the TUI flags that mean something for a server: the
// AWS configuration every session shares, and how the UI refreshes. The
// others are per user (--queue) or for one terminal (--version).
var serveTUIFlags = []string{"demo", "seed", "profile", "region", "endpoint-url", "config", "audit-log",
	"read-only", "refresh", "refresh-all", "no-cloudwatch", "age-alert"}

func init() {
	synopses["sqscope serve"] = `usage: sqscope serve --authorized-keys FILE [flags]
                                 serve the TUI over SSH: each key in FILE gets its own session,
                                 read-only unless its line says sqscope-role=write`
	for name, p := range map[string]string{"listen": "HOST:PORT", "authorized-keys": "FILE", "host-key": "PATH",
		"max-sessions": "N", "idle-timeout": "DURATION"} {
		placeholders[name] = p
	}
}

func newServeFlags(f *tuiFlags, sf *serveFlags) *flag.FlagSet {
	fs := flag.NewFlagSet("sqscope serve", flag.ContinueOnError)
	fs.StringVar(&sf.listen, "listen", "127.0.0.1:2222", "the address to listen on; anything but loopback is warned about")
	fs.StringVar(&sf.authorizedKeys, "authorized-keys", "", "OpenSSH authorized_keys file of the keys let in, re-read on change and on SIGHUP; "+
		`a line's sqscope-role="write" option lets its key change queues (default: read); `+
		`a line with another option (from=, expiry-time=, command=…) grants nothing`)
	fs.StringVar(&sf.hostKey, "host-key", "", "the server's ed25519 host key, generated there (mode 0600) if missing "+
		"(default: beside the audit log, ssh_host_ed25519_key)")
	fs.IntVar(&sf.maxSessions, "max-sessions", 10, "sessions at once; more are refused with a message")
	fs.DurationVar(&sf.idleTimeout, "idle-timeout", 30*time.Minute, "disconnect a session after this long without a key pressed (0: never)")
	tfs := newTUIFlags(f)
	for _, name := range serveTUIFlags {
		tf := tfs.Lookup(name)
		fs.Var(tf.Value, tf.Name, tf.Usage)
	}
	return fs
}

// runServe serves the TUI over SSH until SIGINT or SIGTERM; SIGHUP
// re-reads the authorized keys.
func runServe(args []string, stdout, stderr io.Writer) int {
	var f tuiFlags
	var sf serveFlags
	fs := newServeFlags(&f, &sf)
	if code, done := parseFlags(fs, args, stdout, stderr); done {
		return code
	}
	if code, done := loadConfig(fs, &f, stderr); done {
		return code
	}
	if code, done := checkTUIFlags(fs, &f, stderr); done {
		return code
	}
	if sf.authorizedKeys == "" {
		return usageFail(stderr, "serve needs --authorized-keys FILE: the keys let in, in OpenSSH's format")
	}
	if sf.maxSessions < 0 || sf.idleTimeout < 0 {
		return usageFail(stderr, "--max-sessions and --idle-timeout cannot be negative (0: no limit)")
	}
	if sf.hostKey == "" {
		var err error
		if sf.hostKey, err = serve.DefaultHostKeyPath(); err != nil {
			return fail(stderr, "%v; give --host-key PATH", err)
		}
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	// Unlike the TUI, serve does not start without its audit log: who did
	// what is the reason to serve rather than share a shell.
	if f.auditLog == "" {
		var err error
		if f.auditLog, err = audit.DefaultPath(); err != nil {
			return fail(stderr, "%v; give --audit-log PATH", err)
		}
	}
	log, err := audit.Open(f.auditLog)
	if err != nil {
		return fail(stderr, "serve records every session and change, but %v", err)
	}
	defer log.Close()

	// The demo server must outlive the shutdown, which releases every
	// session's peeks through it: its context ends after Shutdown returns.
	demoCtx, demoStop := context.WithCancel(context.Background())
	defer demoStop()
	newClient, err := sessionClients(ctx, demoCtx, f)
	if err != nil {
		return fail(stderr, "%v", err)
	}
	srv, created, err := serve.New(serve.Options{
		AuthorizedKeys: sf.authorizedKeys, HostKey: sf.hostKey,
		MaxSessions: sf.maxSessions, IdleTimeout: sf.idleTimeout,
		Audit: log, NewClient: newClient,
		UIOptions: func(c *awsclient.SQS) ui.Options { return uiOptions(c, f) },
		Log:       stderr,
	})
	if err != nil {
		return fail(stderr, "%v", err)
	}
	ln, err := net.Listen("tcp", sf.listen)
	if err != nil {
		return fail(stderr, "%v", err)
	}
	if !isLoopback(sf.listen) {
		warn(stderr, "listening on %s (%s), not loopback: anyone who can reach it may try keys; "+
			"the authorized keys are all that stands between them and the queues", sf.listen, ln.Addr())
	}
	key := sf.hostKey
	if created {
		key += ", new"
	}
	fmt.Fprintf(stdout, "sqscope serve: listening on %s\nhost key %s (%s)\n", ln.Addr(), srv.Fingerprint(), key)

	hup := make(chan os.Signal, 1)
	signal.Notify(hup, syscall.SIGHUP)
	defer signal.Stop(hup)
	go func() {
		for range hup {
			if err := srv.ReloadKeys(); err != nil {
				warn(stderr, "%v; the keys read before stay in force", err)
			} else {
				fmt.Fprintln(stderr, "sqscope serve: authorized keys re-read")
			}
		}
	}()
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	select {
	case err = <-served:
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	if serr := srv.Shutdown(sctx); serr != nil {
		fmt.Fprintf(stderr, "sqscope serve: %v\n", serr)
	}
	if err != nil {
		return fail(stderr, "%v", err)
	}
	return 0
}

// sessionClients checks the server's AWS configuration once, so a server
// without credentials says so at start rather than to each user, and
// returns how each session builds its own client from it. With --demo
// every session shares the one embedded server.
func sessionClients(ctx, demoCtx context.Context, f tuiFlags) (func(context.Context, bool, awsclient.AuditLog) (*awsclient.SQS, error), error) {
	cfg := awsclient.Config{Profile: f.profile, Region: f.region, EndpointURL: f.endpointURL}
	if f.demo {
		first, err := startDemo(demoCtx, f.seed, cfg)
		if err != nil {
			return nil, err
		}
		url := first.Endpoint().URL
		return func(_ context.Context, readOnly bool, log awsclient.AuditLog) (*awsclient.SQS, error) {
			c := cfg
			c.Demo, c.ReadOnly, c.Audit = true, readOnly || f.readOnly || startsReadOnly(f), log
			return awsclient.NewStatic(url, "us-east-1", c), nil
		}, nil
	}
	if _, err := awsclient.New(ctx, cfg); err != nil {
		return nil, err
	}
	return func(ctx context.Context, readOnly bool, log awsclient.AuditLog) (*awsclient.SQS, error) {
		c := cfg
		// As the TUI: a profile the configuration's read-only pattern
		// names is read-only in the adapter, whatever the key.
		c.ReadOnly, c.Audit = readOnly || f.readOnly || startsReadOnly(f), log
		client, err := awsclient.New(ctx, c)
		if err != nil {
			return nil, errors.New("the server could not connect to AWS: " + err.Error())
		}
		return client, nil
	}, nil
}

// isLoopback reports whether addr only listens on this machine; an empty
// host, as in ":2222", is every interface.
func isLoopback(addr string) bool {
	h, _, err := net.SplitHostPort(addr)
	if err != nil || h == "" {
		return false
	}
	if h == "localhost" {
		return true
	}
	ip := net.ParseIP(h)
	return ip != nil && ip.IsLoopback()
}
