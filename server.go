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

// runServer runs localsqs alone so the AWS CLI, boto3 or any SDK can use it.
func runServer(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("sqscope server", flag.ContinueOnError)
	fs.SetOutput(stderr)
	addr := fs.String("addr", "127.0.0.1:9324", "address to listen on (loopback by default)")
	withDemo := fs.Bool("demo", false, "create the demo queues and run live traffic")
	seed := fs.Int64("seed", 0, "make the demo scenario deterministic (0: time-based)")
	region := fs.String("region", "us-east-1", "region used in queue ARNs")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP)
	defer stop()

	srv := localsqs.New(localsqs.Options{Region: *region})
	defer srv.Close()
	url, wait, err := localsqs.ListenAndServe(ctx, *addr, srv)
	if err != nil {
		return fail(stderr, "server: %v", err)
	}
	if w := exposureWarning(*addr); w != "" {
		fmt.Fprintln(stderr, "sqscope server: warning: "+w)
	}
	if *withDemo {
		o := demo.Options{Seed: *seed}
		if err := demo.Seed(ctx, srv, o); err != nil {
			return fail(stderr, "server: demo scenario: %v", err)
		}
		go func() { _ = demo.RunTraffic(ctx, srv, o) }()
	}
	// Scripts wait for this line to learn the port when --addr ends in :0.
	fmt.Fprintf(stdout, "localsqs listening on %s\n", url)
	// The AWS CLI refuses to run without credentials and a region; the
	// server accepts any, so the line works pasted into a bare shell.
	fmt.Fprintf(stdout, "try: AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_REGION=%s aws --endpoint-url %s sqs list-queues\n", *region, url)
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
