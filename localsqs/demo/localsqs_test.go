package demo

import (
	"context"
	"testing"
	"time"

	"github.com/sqscope/sqscope/localsqs"
)

func init() {
	backendMakers = append([]func(t *testing.T) (backend, string){localBackend}, backendMakers...)
}

// localBackend is a fresh localsqs called in-process: no port, always there.
func localBackend(t *testing.T) (backend, string) {
	srv := localsqs.New(localsqs.Options{})
	t.Cleanup(srv.Close)
	return backend{
		name:   "localsqs",
		client: handlerClient(srv),
		seed: func(ctx context.Context, o Options) error {
			return Seed(ctx, srv, o)
		},
		traffic: func(ctx context.Context, o Options) error {
			return RunTraffic(ctx, srv, o)
		},
	}, ""
}

// SeedURL and RunTrafficURL reach a localsqs over real HTTP, as
// `sqscope server --demo` clients do; seed 0 takes the clock-based path.
func TestSeedURLOverHTTP(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	url, wait, err := localsqs.ListenAndServe(ctx, "127.0.0.1:0", localsqs.New(localsqs.Options{}))
	if err != nil {
		t.Fatal(err)
	}
	defer func() { cancel(); _ = wait() }()
	if err := SeedURL(ctx, url, Options{}); err != nil {
		t.Fatal(err)
	}
	c := urlClient(url)
	defer c.close()
	b := backend{client: c}
	if got, want := b.count(t, "orders-dlq", "ApproximateNumberOfMessages"), wantDepths["orders-dlq"]; got != want {
		t.Errorf("orders-dlq holds %d, want %d", got, want)
	}
	tctx, tcancel := context.WithTimeout(ctx, 300*time.Millisecond)
	defer tcancel()
	if err := RunTrafficURL(tctx, url, Options{Tick: 20 * time.Millisecond, Logf: t.Logf}); err != nil {
		t.Fatal(err)
	}
}
