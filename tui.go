package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/term"

	"github.com/sqscope/sqscope/audit"
	"github.com/sqscope/sqscope/awsclient"
	"github.com/sqscope/sqscope/config"
	"github.com/sqscope/sqscope/model"
	"github.com/sqscope/sqscope/ui"
	"github.com/sqscope/sqscope/ui/queues"
)

// tuiFlags are the command-line options of the TUI.
type tuiFlags struct {
	demo, readOnly, version bool
	seed                    int64
	profile, region         string
	endpointURL             string
	refresh                 time.Duration
	// warnings are also shown on the TUI's status line at start: the
	// full-screen UI covers what was printed before it.
	warnings   []string
	refreshAll time.Duration
	// CloudWatch: off, or the age past which a queue's oldest message is
	// highlighted.
	noCloudWatch bool
	ageAlert     time.Duration
	auditLog     string // empty: audit.DefaultPath()

	// The configuration file: --config, else the default path; what it
	// says (theme, keys, profile patterns) and where each setting of the
	// flags above came from (see tuiconfig.go).
	configPath string
	file       *config.File
	origins    map[string]origin
	queue      string // a deep link: opened in the peek flow once listed
	// connect builds another session's client for a switch; set by
	// runTUI once the first client is connected.
	connect ui.ConnectFunc
}

// newTUIFlags binds the TUI's flags to f.
func newTUIFlags(f *tuiFlags) *flag.FlagSet {
	fs := flag.NewFlagSet("sqscope", flag.ContinueOnError)
	fs.BoolVar(&f.demo, "demo", false, "start the embedded SQS server with demo queues and connect to it (no AWS account needed)")
	fs.Int64Var(&f.seed, "seed", 0, "with --demo: make the demo scenario deterministic")
	fs.StringVar(&f.profile, "profile", "", "AWS shared config profile (default: AWS_PROFILE or default)")
	fs.StringVar(&f.region, "region", "", "AWS region (default: AWS_REGION or the profile's region)")
	fs.StringVar(&f.endpointURL, "endpoint-url", "", "SQS endpoint URL (default: AWS_ENDPOINT_URL_SQS, AWS_ENDPOINT_URL or the regional endpoint)")
	fs.DurationVar(&f.refresh, "refresh", 3*time.Second, "how often queue counts are refreshed, with a unit: 500ms, 5s, 1m")
	fs.DurationVar(&f.refreshAll, "refresh-all", ui.DefaultRefreshAll, "how often every queue is listed and its counts refreshed; --refresh covers those on screen")
	fs.BoolVar(&f.readOnly, "read-only", false, "refuse every call that changes a queue or a message")
	fs.BoolVar(&f.noCloudWatch, "no-cloudwatch", false, "read no CloudWatch metrics: no history in the metrics pane, no age column "+
		"(they cost about $0.01 per 1,000 metrics)")
	fs.DurationVar(&f.ageAlert, "age-alert", queues.DefaultAgeAlert, "highlight queues whose oldest message is older than this (from CloudWatch)")
	fs.StringVar(&f.auditLog, "audit-log", "", "file every change is recorded in, one JSON line each (default: $XDG_STATE_HOME/sqscope/audit.jsonl, else ~/.local/state/sqscope/audit.jsonl)")
	fs.StringVar(&f.configPath, "config", "", "the configuration file (default: $XDG_CONFIG_HOME/sqscope/config.toml, else ~/.config/sqscope/config.toml; see sqscope config)")
	fs.StringVar(&f.queue, "queue", "", "open this queue's messages at start: a name, a queue URL, an ARN or an AWS console link "+
		"(its region and account must be the session's)")
	fs.BoolVar(&f.version, "version", false, "print the version and exit")
	return fs
}

// parseTUIFlags reads the TUI's command line; done means exit with code.
func parseTUIFlags(args []string, stdout, stderr io.Writer) (f tuiFlags, code int, done bool) {
	fs := newTUIFlags(&f)
	if code, done = parseFlags(fs, args, stdout, stderr); done || f.version {
		return f, code, done
	}
	if code, done = loadConfig(fs, &f, stderr); done {
		return f, code, done
	}
	code, done = checkTUIFlags(fs, &f, stderr)
	return f, code, done
}

// checkTUIFlags refuses settings that are wrong or do not go together,
// wherever they came from, and warns about those that mean nothing.
func checkTUIFlags(fs *flag.FlagSet, f *tuiFlags, stderr io.Writer) (code int, done bool) {
	// A malformed link is a mistake on the command line: said before the
	// TUI covers the terminal. Whether the queue exists is known only once
	// the list has loaded, and is said on the status line then.
	if f.queue != "" {
		if _, err := model.ParseQueueRef(f.queue); err != nil {
			return usageFail(stderr, "--queue: %v", err), true
		}
	}
	if f.refresh < 500*time.Millisecond {
		return usageFail(stderr, "--refresh %s is too short (minimum 500ms)", f.refresh), true
	}
	if f.refreshAll < f.refresh {
		return usageFail(stderr, "%s is shorter than %s: every queue cannot be read more often "+
			"than those on screen", describe(f, "refresh-all", f.refreshAll), describe(f, "refresh", f.refresh)), true
	}
	if code, done = seedWithoutDemo(fs, f.demo, stderr); done {
		return code, done
	}
	if f.ageAlert <= 0 {
		return usageFail(stderr, "--age-alert %s must be longer than zero, e.g. --age-alert 30m", f.ageAlert), true
	}
	// A flag that turns CloudWatch off for one run wins over the file's
	// age alert; any other pairing of the two is a contradiction.
	cw, age := f.origins["cloudwatch"], f.origins["age-alert"]
	ageGiven := age.kind == "flag" || age.kind == "file"
	if f.noCloudWatch && ageGiven && !(cw.kind == "flag" && age.kind == "file") {
		off := "--no-cloudwatch"
		if cw.kind == "file" {
			off = fmt.Sprintf("cloudwatch = false (%s)", cw.where)
		}
		on := "--age-alert"
		if age.kind == "file" {
			on = fmt.Sprintf("age-alert (%s)", age.where)
		}
		return usageFail(stderr, "%s needs CloudWatch, which %s turns off: leave out one of them", on, off), true
	}
	// The demo server is local and answers with dummy credentials in
	// us-east-1, so these would silently mean nothing.
	if f.demo {
		var ignored []string
		for _, name := range []string{"endpoint-url", "profile", "region"} {
			if setFlags(fs)[name] {
				ignored = append(ignored, "--"+name)
			}
		}
		if len(ignored) > 0 {
			f.warnings = append(f.warnings, warn(stderr, "%s ignored: --demo runs its own server", andList(ignored)))
		}
	}
	return 0, false
}

// Seams for the tests, which have no terminal and must not start the TUI.
var (
	needTerminal = checkTerminal
	runProgram   = runApp
)

// runTUI connects to SQS (or the embedded demo server) and runs the UI
// until the user quits or the session's terminal goes away.
func runTUI(args []string, stdout, stderr io.Writer) int {
	f, code, done := parseTUIFlags(args, stdout, stderr)
	if done {
		return code
	}
	if f.version {
		fmt.Fprintf(stdout, "sqscope %s\n", versionString())
		return 0
	}
	// Before connecting: a script without a terminal should hear that, not
	// wait for a credentials check and then hear about credentials.
	if err := needTerminal(stdout); err != nil {
		return fail(stderr, "%v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()

	// A profile the configuration's read-only pattern names starts
	// read-only (the others stay as --read-only says), so the adapter
	// refuses changes from the first key, as it does after a switch to it.
	cfg := awsclient.Config{Profile: f.profile, Region: f.region, EndpointURL: f.endpointURL,
		ReadOnly: f.readOnly || startsReadOnly(f)}
	if log := openAuditLog(&f, stderr); log != nil {
		defer log.Close()
		cfg.Audit = log
	}
	var client *awsclient.SQS
	var err error
	if f.demo {
		client, err = startDemo(ctx, f.seed, cfg)
	} else {
		client, err = awsclient.New(ctx, cfg)
	}
	if err != nil {
		return fail(stderr, "%v", err)
	}
	// Checked after connecting, because only the loaded configuration
	// knows the region (flag, environment or profile) and whether an
	// endpoint (flag, environment or profile) makes AWS's names moot: an
	// emulator takes any region, e.g. ElasticMQ's "elasticmq".
	if code, done := checkSessionRegion(client, &f, stderr); done {
		return code
	}
	demoURL := ""
	if f.demo {
		demoURL = client.Endpoint().URL
	}
	f.connect = connectFor(cfg, f, demoURL)
	return runProgram(ctx, client, f, stderr)
}

// checkSessionRegion refuses a malformed region bound for AWS's own
// endpoints (a usage error when --region gave it) and warns about an
// unknown one; the subcommands check alike. done means exit with code.
func checkSessionRegion(client *awsclient.SQS, f *tuiFlags, stderr io.Writer) (code int, done bool) {
	ep := client.Endpoint()
	if f.demo || ep.URL != "" || ep.Region == "" {
		return 0, false
	}
	malformed, unknown := checkRegionFrom(ep.Region, regionWhere(f, ep.Region))
	switch {
	case malformed != "" && f.region != "":
		return usageFail(stderr, "%s", malformed), true
	case malformed != "":
		return fail(stderr, "%s", malformed), true
	case unknown != "":
		f.warnings = append(f.warnings, warn(stderr, "%s", unknown))
	}
	return 0, false
}

// runApp runs the UI on client until it ends, then releases what it holds.
func runApp(ctx context.Context, client *awsclient.SQS, f tuiFlags, stderr io.Writer) int {
	app := ui.New(client, uiOptions(client, f))
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

// metricsFor is the CloudWatch client of the session, configured as the
// SQS one; nil (an untyped nil, which the UI reads as off) with
// --no-cloudwatch.
func metricsFor(client *awsclient.SQS, f tuiFlags) awsclient.Metrics {
	if f.noCloudWatch {
		return nil
	}
	return client.CloudWatch()
}

// checkTerminal refuses what Bubble Tea would otherwise fail on with its
// own words, or worse, run: with stdout redirected it draws escape codes
// into a file. Input mirrors Bubble Tea: stdin may be redirected as long as
// the controlling terminal can be opened, as it then reads keys from there.
func checkTerminal(stdout io.Writer) error {
	const msg = "the TUI needs a terminal (stdin and stdout must be a TTY), but %s is not one; " +
		"for non-interactive use of the embedded SQS server, run `sqscope server`"
	if f, ok := stdout.(interface{ Fd() uintptr }); !ok || !term.IsTerminal(f.Fd()) {
		return fmt.Errorf(msg, "stdout")
	}
	if term.IsTerminal(os.Stdin.Fd()) {
		return nil
	}
	in, out, err := tea.OpenTTY()
	if err != nil {
		return fmt.Errorf(msg, "stdin")
	}
	_ = in.Close()
	_ = out.Close()
	return nil
}

// historyPath is where the command line's history is kept: beside the
// audit log's default, in the user's state directory; "" (the session
// only) without a home directory.
func historyPath() string {
	p, err := audit.DefaultPath()
	if err != nil {
		return ""
	}
	return filepath.Join(filepath.Dir(p), "commands")
}

// connectFor is how the TUI builds the client of another profile or region
// when the user switches (ctrl+p, :profile, :region, :ro): the same
// configuration as at start — endpoint, audit log, CloudWatch on or off —
// for the profile and region asked. With --demo, the default profile
// stays on the demo's server (so :ro and a region work there), and any
// other profile is the real one.
func connectFor(cfg awsclient.Config, f tuiFlags, demoURL string) ui.ConnectFunc {
	return func(ctx context.Context, profile, region string, readOnly bool) (awsclient.Client, awsclient.Metrics, error) {
		c := cfg
		c.Profile, c.Region, c.ReadOnly = profile, region, readOnly
		var client *awsclient.SQS
		if demoURL != "" && profile == "" {
			if region == "" {
				region = "us-east-1"
			}
			c.Demo = true
			client = awsclient.NewStatic(demoURL, region, c)
		} else {
			var err error
			if client, err = awsclient.New(ctx, c); err != nil {
				return nil, nil, err
			}
		}
		// An untyped nil: the UI reads it as CloudWatch off.
		if f.noCloudWatch {
			return client, nil, nil
		}
		return client, client.CloudWatch(), nil
	}
}

// startsReadOnly reports whether the profile sqscope starts in matches
// the configuration file's read-only pattern: --profile, else
// AWS_PROFILE, else "default", as the SDK picks it.
func startsReadOnly(f tuiFlags) bool {
	if f.file == nil || f.file.ReadOnlyPattern == nil {
		return false
	}
	profile := f.profile
	if profile == "" {
		profile = os.Getenv("AWS_PROFILE")
	}
	if profile == "" {
		profile = "default"
	}
	return f.file.ReadOnlyPattern.MatchString(profile)
}
