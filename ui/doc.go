// Package ui is sqscope's Bubble Tea model tree: the root App and one
// component per pane. All I/O is a tea.Cmd over awsclient whose result
// comes back as a message carrying its own request number and error;
// Update and View only read and change state. Text from outside (queue
// names, message bytes, errors) reaches the screen only through
// ui/sanitize, directly or via oneLine.
//
// The App only routes messages and keys and composes the views; the work
// is done by sub-models and controllers that get what they need passed in
// (moveEnv, the peek pane, the graph), never the App itself.
//
// Where things live:
//
//   - Root: app.go (App, Update, View), keys.go (key routing, the confirm
//     answers, navStep), layout.go (rows per pane, computed on resize),
//     chrome.go (header, status line), hints.go (key hints), refresh.go
//     (refresher: the timer, the request, the result), quit.go (stopping a
//     move, releasing, quitting).
//   - Queue list: browser.go (the list and the pane under it, focus),
//     queuelist.go (cursor, sort, filter), queuefilter.go (the fuzzy
//     match, via sahilm/fuzzy), queuerow.go (columns, the DLQ relation).
//   - Side panes: metrics.go and sparkline.go; detail.go.
//   - Peek pane: peek.go (list state and keys), peekfilter.go (/ over
//     ids, bodies and attributes), peeklist.go (its rows),
//     peekbody.go and peekmeta.go (the selected message), peekctl.go
//     (peekCtl: the sessions, the page request and its number, what is
//     still live), peekflow.go (peekCtl with the pane: the dialogs before
//     a receive, pages, releases, the pager), peeksession.go (the App's
//     side: open, load more, close), peekmsgs.go (its messages and Cmds,
//     pager), peekactions.go (copy, pager, export prompt), export.go (the
//     JSONL file).
//   - DLQ pane and redrive: dlqpane.go (state) and dlqview.go (view),
//     dlqlayout.go (beside or above the peek pane, the picker), movectl.go
//     (moveCtl: the move, its number, polling, progress, stop; moveEnv),
//     redrive.go (the plan and its dialog), redrivestart.go (starting,
//     polling, cancelling), redriveupdate.go (the results), moveroute.go
//     (the App's side: keys, results, the dialog), redrivemsgs.go
//     (messages and Cmds), moveview.go (progress), picker.go (choose a
//     destination).
//   - Shared: confirm.go (yes/no dialog), help.go (overlay and hints),
//     filterinput.go (the one-line filter editor), styles.go (the one
//     Styles value, NO_COLOR), format.go (numbers, padding, oneLine),
//     width.go (cell width with an ASCII fast path).
package ui
