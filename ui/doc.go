// Package ui is sqscope's Bubble Tea model tree. This package is only the
// root App: it routes messages and keys, keeps the one overlay stack, lays
// the panes out and draws the chrome (header, status line, hints). Each
// pane is a package of its own and never reaches into another:
//
//   - ui/queues: the queue list (sort, fuzzy filter, rows, DLQ links, the
//     age of each oldest message) and, under it, the selected queue's
//     metrics (CloudWatch's history, read once a minute) or details.
//   - ui/peek: the peek pane (the messages read from one queue, the
//     selected one's body and attributes, filter, select, copy, pager,
//     export) and the peek sessions that read them safely.
//   - ui/redrive: the DLQ pane beside a peeked dead-letter queue, and the
//     redrive and move it starts, follows and reports.
//   - ui/compose: sending: a message composed (S), a peeked message edited
//     and sent again (E), a file of records (F); the drafts and their checks.
//   - ui/queueform: the changes to queues themselves from the list (C
//     create a queue with its DLQ, E edit attributes, X delete a queue):
//     dialogs and Operator calls, no pane of its own.
//   - ui/refresh: what each poll reads (the screen often, all queues slowly).
//   - ui/purge: the purge of a queue (P): its typed-name question with the
//     depth, the export of what the peek read first, the call, the report.
//   - ui/auditlog: the audit log viewer (L), an overlay listing the recent
//     changes and one in full.
//   - ui/cmdline: the ":" command line (k9s's command mode): commands,
//     candidates, completion, history, and what a deep link resolves to;
//     it sends what it asks for up (ui/common/commands.go), and the root
//     acts (commands.go; session.go for profile, region and read-only).
//   - ui/dialog: the overlay stack and what goes on it (confirmations, the
//     typed-name confirmation, forms, the picker, the prompt, help, notes,
//     the editor) and the one-line text input.
//   - ui/common: what every pane shares: styles, keys and clock (Common),
//     the Pane interface, the Outbox, text and cell-width helpers.
//   - ui/sanitize: the one sanitizer every byte from a message passes
//     through on its way to the terminal.
//
// A keypress becomes a frame like this (keys.go): ctrl+c, then the top
// dialog, then — unless a pane's text input has the keyboard — the global
// keys and the DLQ keys, then the focused pane's Update. A pane never does
// I/O there: it returns a tea.Cmd whose result comes back as the pane's
// own message, which the root hands to every pane (each ignores what is
// not its own). What a pane needs of the root or of another pane it puts
// in its Outbox; the root acts on it in the same Update (up.go): open a
// dialog, say something, or tell the other pane ("these messages moved
// away"). A dialog's answer is its opener's own message, routed the same
// way. View renders from state only.
//
// The session (session.go, switch.go, switchpick.go) is the root's too:
// the profile, region and identity the header shows, read-only per
// profile, and the switch, which stops a move (asked), closes the peek (its
// release goes through the old client), connects through Options.Connect
// and hands every pane that calls SQS the new client.
package ui
