// Package demo fills an SQS-compatible server with the demo scenario behind
// `sqscope --demo`: an order-processing system whose queues, dead-letter
// queues and failed messages look like a real account at 3 a.m., plus live
// background traffic so depths move.
//
// It speaks the SQS wire protocol (AWS JSON 1.0) with a tiny stdlib client
// rather than through the AWS SDK: localsqs sits below awsclient in the
// layering, and a wire-level client lets the same scenario seed localsqs
// in-process (no port), localsqs over HTTP, or any other emulator.
package demo

import (
	"context"
	"net/http"
	"time"
)

// Options tune the scenario. The zero value is a good demo.
type Options struct {
	// Seed makes bodies, ids and traffic choices deterministic when non-zero
	// (tests); 0 seeds from the clock. Wall-clock timing is never
	// deterministic, so traffic depths still vary from run to run.
	Seed int64
	// Prefix is prepended to every queue name, so several scenarios can
	// share one server (tests against a shared moto).
	Prefix string
	// Small seeds tens rather than thousands of messages into the busy
	// queue and slows its traffic to match: for emulators that slow down
	// with depth, such as moto.
	Small bool
	// Tick paces live traffic; default 500ms.
	Tick time.Duration
	// Logf, when set, receives progress and transient traffic errors.
	Logf func(format string, args ...any)
}

func (o Options) withDefaults() Options {
	if o.Tick <= 0 {
		o.Tick = 500 * time.Millisecond
	}
	if o.Seed == 0 {
		o.Seed = time.Now().UnixNano()
	}
	if o.Logf == nil {
		o.Logf = func(string, ...any) {}
	}
	return o
}

// Seed creates the scenario's queues and initial messages on h, calling it
// in-process (no network). It expects a server without the scenario's queues.
// When h keeps CloudWatch history (localsqs.Server does), Seed also
// back-fills the scenario's last day (history.go).
func Seed(ctx context.Context, h http.Handler, o Options) error {
	if err := seed(ctx, handlerClient(h), o); err != nil {
		return err
	}
	if hist, ok := h.(historian); ok {
		return backfill(hist, o.withDefaults())
	}
	return nil
}

// SeedURL is Seed over HTTP against the server at baseURL
// (e.g. "http://127.0.0.1:9324").
func SeedURL(ctx context.Context, baseURL string, o Options) error {
	c := urlClient(baseURL)
	defer c.close()
	return seed(ctx, c, o)
}

// RunTraffic runs producers and consumers against the seeded queues on h
// until ctx is done, then returns nil once every worker has stopped. It
// fails early only when the scenario's queues are missing (Seed not run).
func RunTraffic(ctx context.Context, h http.Handler, o Options) error {
	return runTraffic(ctx, handlerClient(h), o)
}

// RunTrafficURL is RunTraffic over HTTP against the server at baseURL.
func RunTrafficURL(ctx context.Context, baseURL string, o Options) error {
	c := urlClient(baseURL)
	defer c.close()
	return runTraffic(ctx, c, o)
}
