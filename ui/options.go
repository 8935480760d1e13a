package ui

import (
	"regexp"
	"time"

	"github.com/sqscope/sqscope/awsclient"
	"github.com/sqscope/sqscope/keymap"
	"github.com/sqscope/sqscope/ui/common"
)

// Options configure the App.
type Options struct {
	// Refresh is the auto-refresh interval of the queues on screen; zero
	// or less means DefaultRefresh.
	Refresh time.Duration
	// RefreshAll is how often every queue is listed and read; zero or
	// less means DefaultRefreshAll, less than Refresh means Refresh.
	RefreshAll time.Duration
	// ReadOnly hides mutating actions (the client enforces it as well).
	ReadOnly bool
	// Version is shown in the header.
	Version string
	// Notice is shown on the status line at start (a warning about the
	// command line, which the full-screen UI would otherwise cover).
	Notice string
	// Metrics reads CloudWatch for the metrics pane's history and the age
	// column; nil means CloudWatch is off (--no-cloudwatch).
	Metrics awsclient.Metrics
	// AgeAlert highlights an oldest message older than this; zero or
	// less means queues.DefaultAgeAlert.
	AgeAlert time.Duration
	// AuditPath is the audit log the viewer (L) reads; "" is
	// audit.DefaultPath, where the client writes it.
	AuditPath string
	// Keys are the bindings with the configuration file's overrides; nil
	// is keymap.Default(). Read-only mode is applied on top of them.
	Keys *keymap.KeyMap
	// Theme colours the style roles it names (NO_COLOR still wins).
	Theme common.Theme
	// Queue is a deep link (--queue): a queue name, URL, ARN or console
	// link, opened in the peek flow once the list has loaded; "" for none.
	Queue string
	// HistoryPath is the file the command line's history is kept in; ""
	// keeps it for the session only (tests).
	HistoryPath string
	// Confined: the App is served over SSH (sqscope serve) and runs on the
	// server's host: no host program (editor, pager) is started and no
	// host file read or written (export, send from file) for the session.
	Confined bool

	// Connect builds the client of another profile or region for a switch
	// (ctrl+p, :profile, :region, :ro); nil: switching is off.
	Connect ConnectFunc
	// Profiles lists the profiles the switch offers; nil reads the shared
	// config and credentials files (awsclient.Profiles).
	Profiles func() ([]string, error)
	// Regions are the regions the switch offers, in order.
	Regions []string
	// ProdPattern marks a profile, by its name or its account, as
	// production: the header shows it in the warning colour with a PROD
	// badge. nil: DefaultProdPattern.
	ProdPattern *regexp.Regexp
	// ReadOnlyPattern makes a profile whose name or account matches it
	// start read-only (until :ro is left, which asks); nil: none.
	ReadOnlyPattern *regexp.Regexp
}

// DefaultRefresh is the auto-refresh interval when Options.Refresh is unset.
const DefaultRefresh = 5 * time.Second

// DefaultRefreshAll is how often every queue is read when
// Options.RefreshAll is unset: new and deleted queues, and counts off
// screen, are at most this old.
const DefaultRefreshAll = 60 * time.Second
