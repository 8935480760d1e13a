package demo

import (
	"context"
	"runtime"
	"testing"
	"time"
)

// snapshot is every scenario queue's visible and in-flight counts.
func snapshot(t *testing.T, b backend) map[string][2]int {
	out := map[string][2]int{}
	for _, q := range queueSpecs {
		out[q.name] = [2]int{
			b.count(t, q.name, "ApproximateNumberOfMessages"),
			b.count(t, q.name, "ApproximateNumberOfMessagesNotVisible"),
		}
	}
	return out
}

func TestRunTrafficMovesCountsAndStops(t *testing.T) {
	eachBackend(t, func(t *testing.T, mk func() backend) {
		b := mk()
		if err := b.seed(context.Background(), Options{Seed: 11}); err != nil {
			t.Fatal(err)
		}
		before := snapshot(t, b)
		baseline := runtime.NumGoroutine()

		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		done := make(chan error, 1)
		go func() { done <- b.traffic(ctx, Options{Seed: 11, Tick: 50 * time.Millisecond, Logf: t.Logf}) }()
		select {
		case err := <-done:
			if err != nil {
				t.Fatalf("RunTraffic: %v", err)
			}
		case <-time.After(time.Minute): // a hang guard, not a timing assertion
			t.Fatal("RunTraffic did not return after its context ended")
		}

		// Workers are gone once RunTraffic returns; connection goroutines of
		// an HTTP client may take a moment to notice their pool closed.
		for deadline := time.Now().Add(10 * time.Second); runtime.NumGoroutine() > baseline; {
			if time.Now().After(deadline) {
				buf := make([]byte, 1<<16)
				t.Fatalf("%d goroutines after traffic stopped, %d before:\n%s",
					runtime.NumGoroutine(), baseline, buf[:runtime.Stack(buf, true)])
			}
			time.Sleep(20 * time.Millisecond)
		}

		after := snapshot(t, b)
		moved := 0
		for q, n := range after {
			if n != before[q] {
				moved++
			}
			// Stopping releases every held message: nothing stays in flight
			// but the seeded stuck shipping labels.
			if q != "shipping-labels" && n[1] != 0 {
				t.Errorf("%s: %d messages still in flight after traffic stopped", q, n[1])
			}
		}
		t.Logf("before %v\nafter  %v", before, after)
		if moved == 0 {
			t.Error("no queue's counts changed during traffic")
		}
		for _, q := range []string{"audit-archive", "shipping-labels"} {
			if after[q] != before[q] {
				t.Errorf("%s has no traffic but changed from %v to %v", q, before[q], after[q])
			}
		}
	})
}

func TestRunTrafficNeedsSeededQueues(t *testing.T) {
	eachBackend(t, func(t *testing.T, mk func() backend) {
		b := mk()
		if err := b.traffic(context.Background(), Options{Seed: 1}); err == nil {
			t.Error("RunTraffic on an empty server succeeded, want an error naming the missing queue")
		}
	})
}
