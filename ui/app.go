package ui

import (
	"context"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/sqscope/sqscope/awsclient"
	"github.com/sqscope/sqscope/keymap"
	"github.com/sqscope/sqscope/model"
)

// Options configure the App.
type Options struct {
	// Refresh is the auto-refresh interval; zero or less means DefaultRefresh.
	Refresh time.Duration
	// ReadOnly hides mutating actions (the client enforces it as well).
	ReadOnly bool
	// Version is shown in the header.
	Version string
}

// DefaultRefresh is the auto-refresh interval when Options.Refresh is unset.
const DefaultRefresh = 5 * time.Second

// seriesCap is how many polls of depth history each queue keeps: ten
// minutes at the default interval.
const seriesCap = 120

// App is the root model.
type App struct {
	client awsclient.Client
	ep     awsclient.Endpoint
	opts   Options
	keys   keymap.KeyMap
	st     Styles
	now    func() time.Time // injectable so golden views hold no real time

	// ctx is cancelled on quit so in-flight requests stop with the program.
	ctx    context.Context
	cancel context.CancelFunc

	width, height int
	lay           layout

	browse   browser // the queue list and the pane under it
	showHelp bool

	queues []model.Queue
	byARN  map[string]model.Queue
	graph  model.DLQGraph
	series map[string]*model.Series // by queue URL

	rf refresher // the refresh requests and how the last one went

	// Peek: the pane, and its sessions (peekctl.go, peeksession.go).
	peek peekPane
	pk   peekCtl

	// Redrive and move: the DLQ pane, and the moves (movectl.go, redrive*.go).
	dlq   dlqPane
	moves moveCtl

	// Overlays and feedback.
	confirm  *confirmDialog
	prompt   *pathPrompt
	picker   *queuePicker
	notice   string // one-line feedback of the last action
	quitting bool   // releasing before quit
}

// New builds the App. It does no I/O; the first refresh starts in Init.
func New(c awsclient.Client, o Options) *App {
	if o.Refresh <= 0 {
		o.Refresh = DefaultRefresh
	}
	ep := c.Endpoint()
	keys := keymap.Default()
	if o.ReadOnly || ep.ReadOnly {
		keys = keymap.ReadOnly(keys)
		ep.ReadOnly = true
	}
	ctx, cancel := context.WithCancel(context.Background())
	a := &App{
		client: c, ep: ep, opts: o, keys: keys, st: stylesFromEnv(),
		now: time.Now, ctx: ctx, cancel: cancel,
		series: map[string]*model.Series{},
		byARN:  map[string]model.Queue{},
		pk:     newPeekCtl(),
		graph:  model.BuildDLQGraph(nil),
	}
	a.browse = newBrowser(&a.st, &a.keys)
	a.peek = newPeekPane(&a.st, &a.keys, func() time.Time { return a.now() })
	a.dlq = newDLQPane(&a.st, func() time.Time { return a.now() }, a.keys.ReadOnly)
	return a
}

// Init starts the first refresh and the auto-refresh timer.
func (a *App) Init() tea.Cmd {
	return tea.Batch(a.refresh(), tickCmd(a.opts.Refresh), journalsCmd())
}

// Update routes a message: results and timers first, then keys (global
// keys, then the focused pane).
func (a *App) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		a.width, a.height = msg.Width, msg.Height
		a.relayout()
		return a, nil
	case tickMsg:
		// Re-arm first, so the timer survives whatever happens below; skip
		// this poll if the last one has not answered, so a slow endpoint
		// never has requests piling up.
		return a, tea.Batch(tickCmd(a.opts.Refresh), a.rf.poll(a.ctx, a.client, a.now))
	case queuesLoadedMsg:
		a.loaded(msg)
		return a, nil
	case tea.KeyPressMsg:
		return a.handleKey(msg)
	}
	if cmd, ok := a.peekMsg(msg); ok {
		return a, cmd
	}
	if cmd, ok := a.moveMsg(msg); ok {
		return a, cmd
	}
	if a.browse.list.Filtering() {
		// Cursor blinks and pastes belong to the filter input.
		var cmd tea.Cmd
		a.browse.list, cmd = a.browse.list.Update(msg)
		a.syncSide()
		return a, cmd
	}
	return a, nil
}

// ask shows a confirm dialog.
func (a *App) ask(d *confirmDialog) {
	a.confirm = d
	a.confirm.SetSize(a.width, a.lay.body)
}

// syncSide points the metrics and detail panes at the selected queue.
func (a *App) syncSide() { a.browse.sync(a.series, a.graph, a.byARN) }

// back undoes the innermost state: the detail pane, then the filter.
func (a *App) back() {
	switch closed, cleared := a.browse.back(); {
	case closed:
		a.relayout()
		a.setFocus(paneList)
	case cleared:
		a.syncSide()
	}
}

// setFocus gives p the keyboard, unless the peek pane is open: it keeps it.
func (a *App) setFocus(p pane) {
	a.peek.Blur()
	a.browse.setFocus(p, a.peekOpen())
	if a.peekOpen() {
		a.peek.Focus()
	}
}

// View renders the whole screen from state. fit guarantees the frame never
// exceeds the terminal, whatever a pane got wrong.
func (a *App) View() tea.View {
	v := tea.NewView(fit(a.render(), a.width, a.height))
	v.AltScreen = true
	v.WindowTitle = "sqscope"
	return v
}

func (a *App) render() string {
	if a.width <= 0 || a.height <= 0 {
		return ""
	}
	parts := []string{headerView(&a.st, a.opts.Version, a.ep, len(a.queues), a.browse.list.Shown(),
		a.browse.list.Filter() != "", a.width)}
	switch {
	case a.showHelp:
		parts = append(parts, helpView(a.keys, &a.st, a.width, a.lay.body))
	case a.confirm != nil:
		parts = append(parts, a.confirm.View())
	case a.picker != nil:
		parts = append(parts, a.picker.View())
	case a.peekOpen():
		parts = append(parts, a.lay.peekArea(a.width, a.dlqShown(), &a.st, &a.peek, &a.dlq))
	default:
		parts = append(parts, a.browse.View(&a.st, a.width, a.lay))
	}
	parts = append(parts, a.statusView(), hintsView(a.hints(), &a.st, a.width))
	return strings.Join(parts, "\n")
}
