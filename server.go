package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net"
	"os/signal"
	"syscall"

	"github.com/sqscope/sqscope/localsqs"
	"github.com/sqscope/sqscope/localsqs/demo"
)

// serverFlags are the command-line options of `sqscope server`.
type serverFlags struct {
	addr, region string
	demo         bool
	seed         int64
}

// newServerFlags binds the server's flags to f.
func newServerFlags(f *serverFlags) *flag.FlagSet {
	fs := flag.NewFlagSet("sqscope server", flag.ContinueOnError)
	fs.StringVar(&f.addr, "addr", "127.0.0.1:9324", "address to listen on; a loopback address keeps it on this machine")
	fs.BoolVar(&f.demo, "demo", false, "create the demo queues and run live traffic")
	fs.Int64Var(&f.seed, "seed", 0, "with --demo: make the demo scenario deterministic")
	fs.StringVar(&f.region, "region", "us-east-1", "region used in queue ARNs")
	return fs
}

// runServer runs localsqs alone so the AWS CLI, boto3 or any SDK can use it.
func runServer(args []string, stdout, stderr io.Writer) int {
	var f serverFlags
	fs := newServerFlags(&f)
	if code, done := parseFlags(fs, args, stdout, stderr); done {
		return code
	}
	if code, done := seedWithoutDemo(fs, f.demo, stderr); done {
		return code
	}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP)
	defer stop()

	srv := localsqs.New(localsqs.Options{Region: f.region})
	defer srv.Close()
	url, wait, err := localsqs.ListenAndServe(ctx, f.addr, srv)
	if err != nil {
		return fail(stderr, "server: %v", err)
	}
	if w := exposureWarning(f.addr); w != "" {
		fmt.Fprintln(stderr, "sqscope server: warning: "+w)
	}
	if f.demo {
		o := demo.Options{Seed: f.seed}
		if err := demo.Seed(ctx, srv, o); err != nil {
			return fail(stderr, "server: demo scenario: %v", err)
		}
		go func() { _ = demo.RunTraffic(ctx, srv, o) }()
	}
	// Scripts wait for this line to learn the port when --addr ends in :0.
	fmt.Fprintf(stdout, "localsqs listening on %s\n", url)
	// The AWS CLI refuses to run without credentials and a region; the
	// server accepts any, so the line works pasted into a bare shell.
	fmt.Fprintf(stdout, "try: AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_REGION=%s aws --endpoint-url %s sqs list-queues\n", f.region, url)
	if err := wait(); err != nil {
		return fail(stderr, "server: %v", err)
	}
	return 0
}

// exposureWarning says what an address beyond loopback exposes, or "" for
// loopback. localsqs has no authentication: whoever reaches the port can
// read, send and delete every message.
func exposureWarning(addr string) string {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return "" // net.Listen has refused it already
	}
	local := net.JoinHostPort("127.0.0.1", port)
	ip := net.ParseIP(host)
	switch {
	case host == "" || ip != nil && ip.IsUnspecified():
		return fmt.Sprintf("--addr %s listens on every network interface: anyone who can reach this machine can read, send and delete every message (there is no authentication); use --addr %s to keep it on this machine", addr, local)
	case host == "localhost" || ip != nil && ip.IsLoopback():
		return ""
	}
	return fmt.Sprintf("--addr %s is not a loopback address, so the server may be reachable from other machines, with no authentication; use --addr %s to keep it on this machine", addr, local)
}
