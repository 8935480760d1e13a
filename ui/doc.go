// Package ui is sqscope's Bubble Tea model tree: the root App and one
// component per pane. All I/O is a tea.Cmd over awsclient whose result
// comes back as a message carrying its own request number and error;
// Update and View only read and change state. Text from outside (queue
// names, message bytes, errors) reaches the screen only through
// ui/sanitize, directly or via oneLine.
//
// Where things live:
//
//   - Root: app.go (App, Update, View), keys.go (key routing, navStep),
//     layout.go (rows per pane, computed on resize), chrome.go (header,
//     status line, key hints), refresh.go (the timer, the request, the result).
//   - Queue list: queuelist.go (cursor, sort, fuzzy filter), queuerow.go
//     (columns, the DLQ relation).
//   - Side panes: metrics.go and sparkline.go; detail.go.
//   - Peek pane: peek.go (list state and keys), peekfilter.go (/ over
//     ids, bodies and attributes), peeklist.go (its rows),
//     peekbody.go and peekmeta.go (the selected message), peekctl.go
//     (peekCtl: the sessions, the page request and its number, what is
//     still live), peeksession.go (the App's side: open, page, release,
//     quit), peekmsgs.go
//     (its messages and Cmds, pager), peekactions.go (copy, pager, export
//     prompt), export.go (the JSONL file).
//   - DLQ pane and redrive: dlqpane.go (state) and dlqview.go (view),
//     dlqlayout.go (beside or above the peek pane, the picker's wiring),
//     movectl.go (moveCtl: the move, its number, polling, progress, stop),
//     redrive.go (the plan and its dialog), redrivestart.go (starting,
//     polling, cancelling), redriveupdate.go (results, quitting during a
//     move), redrivemsgs.go (messages and Cmds), moveview.go (progress),
//     picker.go (choose a destination).
//   - Shared: confirm.go (yes/no dialog), help.go (overlay and hints),
//     filterinput.go (the one-line filter editor), styles.go (the one
//     Styles value, NO_COLOR), format.go (numbers, padding, oneLine),
//     width.go (cell width with an ASCII fast path).
package ui
