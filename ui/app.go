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

// pane identifies which pane has the keyboard.
type pane int

const (
	paneList pane = iota
	paneSide      // metrics, or detail when open
)

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

	list       queueList
	metrics    metricsPane
	detail     detailPane
	focus      pane
	showDetail bool
	showHelp   bool

	queues []model.Queue
	byARN  map[string]model.Queue
	graph  model.DLQGraph
	series map[string]*model.Series // by queue URL

	seq         uint64 // number of the latest refresh request
	inFlight    bool   // the latest request has not answered yet
	lastErr     error
	lastRefresh time.Time

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
	a.list = newQueueList(&a.st, &a.keys)
	a.list.empty = "loading queues…"
	a.metrics = newMetricsPane(&a.st)
	a.detail = newDetailPane(&a.st, &a.keys)
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
		cmds := []tea.Cmd{tickCmd(a.opts.Refresh)}
		if !a.inFlight {
			cmds = append(cmds, a.refresh())
		}
		return a, tea.Batch(cmds...)
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
	if a.list.Filtering() {
		// Cursor blinks and pastes belong to the filter input.
		var cmd tea.Cmd
		a.list, cmd = a.list.Update(msg)
		a.syncSide()
		return a, cmd
	}
	return a, nil
}

// syncSide points the metrics and detail panes at the selected queue.
func (a *App) syncSide() {
	q, ok := a.list.Selected()
	a.metrics.SetQueue(q, ok, a.series[q.URL], a.graph)
	a.metrics.SetDLQDepth(a.dlqDepth(q))
	if a.showDetail && ok {
		a.detail.SetQueue(q, a.graph, a.byARN)
	}
}

// back undoes the innermost state: the detail pane, then the filter.
func (a *App) back() {
	switch {
	case a.showDetail:
		a.showDetail = false
		a.relayout()
		a.setFocus(paneList)
	case a.list.Filter() != "":
		a.list.ClearFilter()
		a.syncSide()
	}
}

func (a *App) setFocus(p pane) {
	a.focus = p
	a.list.Blur()
	a.metrics.Blur()
	a.detail.Blur()
	a.peek.Blur()
	switch {
	case a.peekOpen():
		a.peek.Focus()
	case p == paneList:
		a.list.Focus()
	case a.showDetail:
		a.detail.Focus()
	default:
		a.metrics.Focus()
	}
}

func (a *App) updateFocused(k tea.KeyPressMsg) tea.Cmd {
	var cmd tea.Cmd
	switch {
	case a.focus == paneList:
		a.list, cmd = a.list.Update(k)
		a.syncSide()
	case a.showDetail:
		a.detail, cmd = a.detail.Update(k)
	default:
		a.metrics, cmd = a.metrics.Update(k)
	}
	return cmd
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
	parts := []string{headerView(&a.st, a.opts.Version, a.ep, len(a.queues), a.list.Shown(),
		a.list.Filter() != "", a.width)}
	switch {
	case a.showHelp:
		parts = append(parts, helpView(a.keys, &a.st, a.width, a.lay.body))
	case a.confirm != nil:
		parts = append(parts, a.confirm.View())
	case a.picker != nil:
		parts = append(parts, a.picker.View())
	case a.peekOpen():
		parts = append(parts, a.peekArea())
	case a.showDetail && a.lay.side == 0:
		parts = append(parts, a.detail.View())
	default:
		parts = append(parts, a.list.View())
		if a.lay.side > 0 {
			parts = append(parts, a.st.Muted.Render(strings.Repeat("─", a.width)))
			if a.showDetail {
				parts = append(parts, a.detail.View())
			} else {
				parts = append(parts, a.metrics.View())
			}
		}
	}
	parts = append(parts, a.statusView(), hintsView(a.hints(), &a.st, a.width))
	return strings.Join(parts, "\n")
}
