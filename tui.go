package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/sqscope/sqscope/awsclient"
	"github.com/sqscope/sqscope/ui"
)

// tuiFlags are the command-line options of the TUI.
type tuiFlags struct {
	demo, readOnly, version bool
	seed                    int64
	profile, region         string
	endpointURL             string
	refresh                 time.Duration
	refreshAll              time.Duration
}

func parseTUIFlags(args []string, stderr io.Writer) (tuiFlags, error) {
	var f tuiFlags
	fs := flag.NewFlagSet("sqscope", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: sqscope [flags]          browse SQS queues (standard AWS SDK configuration)")
		fmt.Fprintln(stderr, "       sqscope server [flags]   run the embedded SQS-compatible server alone")
		fs.PrintDefaults()
	}
	fs.BoolVar(&f.demo, "demo", false, "start the embedded SQS server with demo queues and connect to it (no AWS account needed)")
	fs.Int64Var(&f.seed, "seed", 0, "with --demo: make the demo scenario deterministic")
	fs.StringVar(&f.profile, "profile", "", "AWS shared config profile (default: AWS_PROFILE or default)")
	fs.StringVar(&f.region, "region", "", "AWS region (default: AWS_REGION or the profile's region)")
	fs.StringVar(&f.endpointURL, "endpoint-url", "", "SQS endpoint URL (default: AWS_ENDPOINT_URL_SQS, AWS_ENDPOINT_URL or the regional endpoint)")
	fs.DurationVar(&f.refresh, "refresh", 3*time.Second, "how often queue counts are refreshed")
	fs.DurationVar(&f.refreshAll, "refresh-all", ui.DefaultRefreshAll, "how often every queue is listed and its counts refreshed; --refresh covers those on screen")
	fs.BoolVar(&f.readOnly, "read-only", false, "refuse every call that changes a queue or a message")
	fs.BoolVar(&f.version, "version", false, "print the version and exit")
	if err := fs.Parse(args); err != nil {
		return f, err
	}
	if fs.NArg() > 0 {
		fs.Usage()
		return f, fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	if f.refresh < 500*time.Millisecond {
		return f, fmt.Errorf("--refresh %s is too short (minimum 500ms)", f.refresh)
	}
	return f, nil
}

// runTUI connects to SQS (or the embedded demo server) and runs the UI
// until the user quits or the session's terminal goes away.
func runTUI(args []string, stdout, stderr io.Writer) int {
	f, err := parseTUIFlags(args, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	if err != nil {
		return fail(stderr, "%v", err)
	}
	if f.version {
		fmt.Fprintf(stdout, "sqscope %s\n", versionString())
		return 0
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()

	cfg := awsclient.Config{Profile: f.profile, Region: f.region, EndpointURL: f.endpointURL, ReadOnly: f.readOnly}
	var client *awsclient.SQS
	if f.demo {
		client, err = startDemo(ctx, f.seed, cfg)
	} else {
		client, err = awsclient.New(ctx, cfg)
	}
	if err != nil {
		return fail(stderr, "%v", err)
	}

	app := ui.New(client, ui.Options{Refresh: f.refresh, RefreshAll: f.refreshAll, ReadOnly: f.readOnly, Version: versionString()})
	p := tea.NewProgram(app, tea.WithContext(ctx))
	// A dropped SSH session sends SIGHUP; quit as for q so cleanup runs.
	// (Bubble Tea itself turns SIGINT and SIGTERM into a quit.)
	hup := make(chan os.Signal, 1)
	signal.Notify(hup, syscall.SIGHUP)
	defer signal.Stop(hup)
	go func() {
		if _, ok := <-hup; ok {
			p.Quit()
		}
	}()
	_, runErr := p.Run()
	// SIGTERM and SIGHUP end the program without a final Update, so a
	// running client-side move is stopped and messages a peek still holds are
	// released here, whatever way the UI ended. The move may need to finish
	// its in-flight batch first, hence the longer budget.
	rctx, rcancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer rcancel()
	if err := app.ReleaseAll(rctx); err != nil {
		fmt.Fprintf(stderr, "sqscope: some messages stay hidden until their hold ends: %v\n", err)
	}
	if runErr != nil && !errors.Is(runErr, tea.ErrProgramKilled) && !errors.Is(runErr, tea.ErrInterrupted) {
		return fail(stderr, "%v", runErr)
	}
	return 0
}
