package ui

import (
	"context"
	"slices"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/sqscope/sqscope/awsclient"
	"github.com/sqscope/sqscope/keymap"
	"github.com/sqscope/sqscope/model"
	"github.com/sqscope/sqscope/ui/auditlog"
	"github.com/sqscope/sqscope/ui/cmdline"
	"github.com/sqscope/sqscope/ui/common"
	"github.com/sqscope/sqscope/ui/compose"
	"github.com/sqscope/sqscope/ui/dialog"
	"github.com/sqscope/sqscope/ui/peek"
	"github.com/sqscope/sqscope/ui/purge"
	"github.com/sqscope/sqscope/ui/queueform"
	"github.com/sqscope/sqscope/ui/queues"
	"github.com/sqscope/sqscope/ui/redrive"
	"github.com/sqscope/sqscope/ui/refresh"
)

// seriesCap is how many polls of depth history each queue keeps: ten
// minutes at the default interval.
const seriesCap = 120

// App is the root model: it routes messages and keys to the panes and the
// overlay stack, acts on what they send up, and draws the chrome around
// them. It holds no pane's state.
type App struct {
	com      *common.Common
	client   awsclient.Client
	ep       awsclient.Endpoint
	opts     Options
	sess     sessionInfo        // profile, region, identity, read-only per profile
	sw       switching          // a switch on its way (switch.go)
	baseKeys keymap.KeyMap      // the keys before read-only disabled any
	cancel   context.CancelFunc // cancels com.Ctx on quit

	width, height int
	lay           layout

	cat  *model.Catalog // the latest refresh, which the panes read
	poll *refresh.Poller
	arm  func(time.Duration) tea.Cmd // tickCmd; tests arm no real timer

	queues  *queues.Browser
	peek    *peek.Pane
	redrive *redrive.Pane
	compose *compose.Pane
	purge   *purge.Flow
	audit   *auditlog.Log
	forms   *queueform.Forms // create, edit and delete a queue
	dialogs dialog.Stack

	cmd      *cmdline.Line       // the ":" command line; kept for its history
	profiles []awsclient.Profile // of the shared files, for completion and hints
	listed   bool                // the list has loaded once: links can be checked
	pending  string              // a link waiting for the list to load

	notice   string          // one-line feedback of the last action
	quitting bool            // releasing (or stopping a move) before quit
	stopping bool            // quitting waits for a stopped move to return
	quitAsk  *dialog.Confirm // the "stop the move and quit?" question while open
}

// New builds the App. It does no I/O; the first refresh starts in Init.
func New(c awsclient.Client, o Options) *App {
	if o.Refresh <= 0 {
		o.Refresh = DefaultRefresh
	}
	if o.RefreshAll <= 0 {
		o.RefreshAll = DefaultRefreshAll
	}
	ep := c.Endpoint()
	ep.ReadOnly = o.ReadOnly || ep.ReadOnly
	ctx, cancel := context.WithCancel(context.Background())
	keys := keymap.Default()
	if o.Keys != nil {
		keys = *o.Keys
	}
	// Read-only is applied by applyKeys on top of the configured keys, so
	// that leaving it (:ro off) gives the user's keys back.
	com := common.NewWith(ctx, keys, o.Theme, false)
	com.Confined = o.Confined
	a := &App{
		com: com, client: c, ep: ep, opts: o, cancel: cancel, sess: newSession(ep), baseKeys: com.Keys,
		notice:  o.Notice,
		cat:     model.NewCatalog(seriesCap),
		poll:    refresh.New(com, c, o.Refresh, o.RefreshAll),
		arm:     tickCmd,
		queues:  queues.New(com),
		peek:    peek.New(com, c),
		redrive: redrive.New(com, c),
		compose: compose.New(com, c),
		purge:   purge.New(com, c),
		audit:   auditlog.New(com, o.AuditPath),
		forms:   queueform.New(com, c),
		cmd:     cmdline.New(com),
		pending: o.Queue,
	}
	a.applyKeys(ep.ReadOnly)
	a.setProd()
	a.queues.SetCloudWatch(queues.CloudWatch{Client: o.Metrics, AgeAlert: o.AgeAlert})
	if o.Queue != "" && a.notice == "" {
		a.notice = waitingNotice(o.Queue)
	}
	return a
}

// Init starts the first refresh, the auto-refresh timer and the reading of
// interrupted moves' journals.
func (a *App) Init() tea.Cmd {
	return tea.Batch(a.refresh(), a.arm(a.opts.Refresh), a.redrive.Init(), a.queues.Init(), cmdline.ProfilesCmd(),
		a.cmd.SetHistoryFile(a.opts.HistoryPath), a.identityCmd())
}

// Update routes msg, then acts on whatever the panes sent up meanwhile, so
// the whole effect of a key is in the next frame.
func (a *App) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	cmd := a.route(msg)
	return a, tea.Batch(cmd, a.drain())
}

// route handles the root's own messages and keys, and hands every other
// message to every pane: each takes its own and ignores the rest.
func (a *App) route(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		a.width, a.height = msg.Width, msg.Height
		a.relayout()
		return nil
	case tickMsg:
		return a.tick()
	case refresh.LoadedMsg:
		return a.loaded(msg)
	case tea.KeyPressMsg:
		return a.handleKey(msg)
	case tea.PasteMsg:
		if res, ok := a.dialogs.Update(msg); ok {
			return a.route(res)
		}
		return a.focused().Update(msg)
	case quitRequestMsg, quitAnswerMsg, quitNowMsg, stopTimeoutMsg:
		return a.quitMsg(msg)
	case common.JumpMsg, common.SwitchMsg, common.FilterDLQMsg, common.ReadOnlyMsg, common.HelpMsg,
		cmdline.QuitMsg, cmdline.ProfilesMsg, cmdline.HistoryMsg, cmdline.HistorySavedMsg:
		cmd, _ := a.command(msg)
		return tea.Batch(cmd, a.cmd.SaveCmd()) // what the line ran joins its file
	case identityMsg:
		return a.identified(msg)
	case nil:
		return nil
	}
	if cmd, ok := a.switchMsg(msg); ok {
		return cmd
	}
	return tea.Batch(a.queues.Update(msg), a.peek.Update(msg), a.toRedrive(msg), a.purge.Update(msg), a.audit.Update(msg),
		a.forms.Update(msg), a.toCompose(msg))
}

// focused is the pane with the keyboard: the peek pane while it is open.
func (a *App) focused() common.Pane {
	if a.peek.Open() {
		return a.peek
	}
	return a.queues
}

// toRedrive hands msg to the redrive pane, with where the peek stands.
func (a *App) toRedrive(msg tea.Msg) tea.Cmd {
	a.redrive.SetPeek(a.peekState())
	return a.redrive.Update(msg)
}

func (a *App) peekState() redrive.Peek {
	return redrive.Peek{Open: a.peek.Open(), Queue: a.peek.Queue(), Held: a.peek.Held()}
}

// target is what R and m act on: the peeked queue and what the peek chose,
// else the queue under the list cursor.
func (a *App) target() redrive.Target {
	q, ok := a.currentQueue()
	if !a.peek.Open() {
		return redrive.Target{Queue: q, OK: ok}
	}
	return redrive.Target{Queue: q, OK: ok, Selected: a.peek.Selection(), Shown: a.peek.Shown(), Filter: a.peek.Filter()}
}

// currentQueue is the queue the DLQ keys act on: the peeked one, else the
// one under the list cursor.
func (a *App) currentQueue() (model.Queue, bool) {
	if a.peek.Open() {
		return a.peek.Queue(), true
	}
	return a.queues.Selected()
}

// drain acts on what the panes sent up, until they send nothing more.
func (a *App) drain() tea.Cmd {
	var cmds []tea.Cmd
	// Bounded: panes answering each other forever is a bug, which must
	// not hang the UI; it fails the first test that meets it.
	for range 64 {
		msgs := slices.Concat(a.queues.Take(), a.peek.Take(), a.redrive.Take(), a.purge.Take(), a.audit.Take(),
			a.forms.Take(), a.compose.Take())
		if len(msgs) == 0 {
			return tea.Batch(cmds...)
		}
		for _, m := range msgs {
			cmds = append(cmds, a.up(m))
		}
	}
	panic("ui: the panes kept sending each other messages")
}

// View renders the whole screen from state. Fit guarantees the frame never
// exceeds the terminal, whatever a pane got wrong.
func (a *App) View() tea.View {
	v := tea.NewView(common.Fit(a.render(), a.width, a.height))
	v.AltScreen = true
	v.WindowTitle = "sqscope"
	return v
}

func (a *App) render() string {
	if a.width <= 0 || a.height <= 0 {
		return ""
	}
	b := a.sess.banner(a.ep, a.isProd())
	parts := []string{headerView(&a.com.Styles, a.opts.Version, b, len(a.cat.Queues), a.queues.Shown(),
		a.queues.Filter() != "" || a.queues.DLQOnly(), a.poll.Freshness(a.hot(), len(a.cat.Queues)), a.width)}
	body := ""
	if v, ok := a.dialogs.Body(); ok {
		body = v
	} else if a.peek.Open() {
		body = a.peekArea()
	} else {
		body = a.queues.View()
	}
	// A status line of several lines (the command line's candidates)
	// covers the bottom of the body.
	status := a.statusView()
	parts = append(parts, coverBottom(body, strings.Count(status, "\n")), status, hintsView(a.hints(), &a.com.Styles, a.width))
	return strings.Join(parts, "\n")
}

// coverBottom is body without its last n lines, which the status line's
// extra rows take.
func coverBottom(body string, n int) string {
	if n <= 0 {
		return body
	}
	lines := strings.Split(body, "\n")
	return strings.Join(lines[:max(len(lines)-n, 0)], "\n")
}
