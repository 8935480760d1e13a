package scripting

import (
	"context"
	"os/signal"
	"syscall"
)

// SignalContext is parent, cancelled by SIGINT, SIGTERM or SIGHUP (a
// dropped SSH session): a command then stops between calls and gives back
// what it holds (peeked messages made visible, a move stopped between
// batches) before it exits with ExitInterrupted. Until stop is called,
// a second ^C does not kill the process halfway through that cleanup.
func SignalContext(parent context.Context) (ctx context.Context, stop context.CancelFunc) {
	return signal.NotifyContext(parent, syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP)
}

// Interrupted reports whether ctx ended, which for a command's context
// means a signal arrived.
func Interrupted(ctx context.Context) bool { return ctx.Err() != nil }
