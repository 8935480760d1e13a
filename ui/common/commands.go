package common

// What the ":" command line asks for. The command line (ui/cmdline)
// parses and completes; whoever owns the change acts on the message,
// which goes up through the pane's Outbox like any other news, so the
// command line never reaches into a pane or the session.

// JumpMsg asks to open a queue: a name (fuzzy), a queue URL, an ARN or
// a console link, as `:q X` and `--queue X` take it. The root resolves it
// against the session (account and region checked) and opens the peek
// flow on it.
type JumpMsg struct{ Target string }

// SwitchMsg asks to connect to another profile and/or region ("" keeps
// the current one). The root asks first when a move runs, releases what
// the peek holds, and reloads.
type SwitchMsg struct{ Profile, Region string }

// FilterDLQMsg asks the queue list to show dead-letter queues only (or
// everything again, when Only is false).
type FilterDLQMsg struct{ Only bool }

// ReadOnlyMsg asks to make the session read-only (On) or writable again
// (!On, which asks first, as a dangerous action does).
type ReadOnlyMsg struct{ On bool }

// HelpMsg asks for the help overlay.
type HelpMsg struct{}
