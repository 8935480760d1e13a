// Package uitest holds what the UI's tests share: an in-memory
// awsclient.Client (queues, peek sessions, the mover) that records what
// was called, the fixed dataset the golden views show, and helpers that
// press keys and run Cmds the way Bubble Tea would. Fakes are for Update
// tests only; the adapter itself is tested against real SQS wire
// protocols in awsclient.
package uitest
