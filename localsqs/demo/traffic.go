package demo

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"sync"
	"time"
)

// flow is one producer/consumer pair on a queue. Production follows a slow
// wave with rare bursts so the sparkline has shape; the consumer steers the
// depth back toward target, so nothing grows without bound however long the
// demo runs. A few percent of produced messages are poison (truncated JSON,
// as a buggy producer would send): the consumer fails them, releasing them
// at once, until the server dead-letters them.
type flow struct {
	queue  string  // scenario queue name
	rate   float64 // mean messages produced per tick
	swing  float64 // production swing, as a fraction of rate
	period int     // ticks per production wave
	target int     // depth the consumer steers toward
	poison float64 // fraction of produced messages that always fail
	make   func(g *gen, at time.Time) sendEntry
}

// The poison rates keep live dead-lettering near the pace of the
// back-filled history (history.go): orders-dlq gained 36 in the 3 hours
// since the deploy, about one every 5 minutes, so live it goes on at about
// one every 3; the notification DLQ had 9 in 12 hours. Faster, and the
// DLQ lines would end in a cliff that drowns the day's story.
var flows = []flow{
	{queue: "orders", rate: 1.5, swing: 0.8, period: 120, target: 40, poison: 0.004,
		make: func(g *gen, at time.Time) sendEntry {
			o := g.order(at)
			return sendEntry{Body: mustJSON(o), Attributes: g.orderAttrs("OrderPlaced", "", o.Channel)}
		}},
	{queue: "payments.fifo", rate: 0.8, swing: 0.5, period: 90, target: 15, poison: 0.001,
		make: func(g *gen, at time.Time) sendEntry { return g.payment(at, false) }},
	{queue: "notifications-email", rate: 1, swing: 0.9, period: 60, target: 20, poison: 0.001,
		make: func(g *gen, at time.Time) sendEntry { return g.notification(at, "email", false) }},
	{queue: "notifications-sms", rate: 0.4, swing: 0.9, period: 150, target: 8, poison: 0.002,
		make: func(g *gen, at time.Time) sendEntry { return g.notification(at, "sms", false) }},
	{queue: "analytics-events", rate: 30, swing: 0.7, period: 200, target: analyticsBacklog,
		make: (*gen).analyticsEvent},
	{queue: "inventory-updates", rate: 0.6, swing: 0.3, period: 240, target: inventoryBacklog,
		make: (*gen).inventoryUpdate},
}

const (
	// steerGain is how much of the gap between depth and target the consumer
	// closes per tick on top of the mean rate.
	steerGain = 0.05
	// poisonCap bounds how many messages one flow dead-letters per run, so
	// DLQs stay readable after hours of demo.
	poisonCap = 150
	// visibility is how long a consumer holds what it received: one tick of
	// "processing", then delete or release.
	visibility = 30
	// stepTimeout bounds one tick's requests when the server hangs.
	stepTimeout = 10 * time.Second
)

func runTraffic(ctx context.Context, c *client, o Options) error {
	seeded := o.Seed != 0
	o = o.withDefaults()
	runs := make([]*flowRun, len(flows))
	for i, f := range flows {
		url, err := c.queueURL(ctx, o.Prefix+f.queue)
		if err != nil {
			return fmt.Errorf("demo: traffic needs the seeded queues (run Seed first): %w", err)
		}
		if o.Small && f.target == analyticsBacklog {
			f.rate, f.target = f.rate/10, smallBacklog
		}
		runs[i] = &flowRun{flow: f, c: c, url: url, g: newGen(o.Seed, uint64(i+1)), logf: o.Logf}
		if seeded {
			// Seeded runs stamp bodies with a virtual clock, so they
			// depend on the tick number only.
			runs[i].clock = func(n int) time.Time { return seedEpoch.Add(time.Duration(n) * o.Tick) }
		} else {
			runs[i].clock = func(int) time.Time { return time.Now() }
		}
	}
	var wg sync.WaitGroup
	for i, r := range runs {
		// Stagger the flows across one tick to spread the server's load.
		delay := o.Tick * time.Duration(i) / time.Duration(len(runs))
		wg.Go(func() { r.loop(ctx, delay, o.Tick) })
	}
	wg.Wait()
	return nil
}

// flowRun is one flow's running state, owned by its goroutine.
type flowRun struct {
	flow
	c        *client
	url      string
	g        *gen
	clock    func(tick int) time.Time
	logf     func(string, ...any)
	held     []message // received last tick, settled this tick
	poisoned int
	lastErr  string
}

func (r *flowRun) loop(ctx context.Context, delay, tick time.Duration) {
	defer r.releaseHeld(ctx)
	select {
	case <-ctx.Done():
		return
	case <-time.After(delay):
	}
	t := time.NewTicker(tick)
	defer t.Stop()
	for n := 0; ; n++ {
		// A step is never cut short by ctx: a receive aborted mid-request
		// may already have taken messages the flow would never see, left
		// in flight. Steps are short; stopping waits for at most one.
		stepCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), stepTimeout)
		err := r.step(stepCtx, n)
		cancel()
		if err != nil {
			r.report(err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// report logs an error once per change, so a server that went away does
// not flood the log every tick.
func (r *flowRun) report(err error) {
	if s := err.Error(); s != r.lastErr {
		r.lastErr = s
		r.logf("demo: traffic on %s: %v", r.queue, err)
	}
}

func (r *flowRun) step(ctx context.Context, n int) error {
	if err := r.settle(ctx); err != nil {
		return err
	}
	if err := r.produce(ctx, n); err != nil {
		return err
	}
	return r.consume(ctx)
}

// settle finishes last tick's work: delete what processed, release poison.
func (r *flowRun) settle(ctx context.Context) error {
	var done, failed []string
	for _, m := range r.held {
		if json.Valid([]byte(m.Body)) {
			done = append(done, m.ReceiptHandle)
		} else {
			failed = append(failed, m.ReceiptHandle)
		}
	}
	r.held = nil
	if err := r.c.deleteBatch(ctx, r.url, done); err != nil {
		return err
	}
	return r.c.releaseBatch(ctx, r.url, failed)
}

func (r *flowRun) produce(ctx context.Context, n int) error {
	want := r.rate * (1 + r.swing*math.Sin(2*math.Pi*float64(n)/float64(r.period)))
	count := int(want + r.g.r.Float64()) // stochastic rounding keeps the mean
	if r.g.chance(0.02) {
		count *= 4 // a burst: a marketing email went out
	}
	entries := make([]sendEntry, 0, count)
	for range count {
		e := r.make(r.g, r.clock(n))
		if r.poisoned < poisonCap && r.g.chance(r.poison) {
			runes := []rune(e.Body)
			e.Body = string(runes[:len(runes)*2/3])
			r.poisoned++
		}
		entries = append(entries, e)
	}
	return r.c.sendBatch(ctx, r.url, entries)
}

func (r *flowRun) consume(ctx context.Context) error {
	depth, err := r.c.depth(ctx, r.url)
	if err != nil {
		return err
	}
	want := int(math.Round(r.rate + steerGain*float64(depth-r.target)))
	want = max(0, min(want, depth, 100))
	for want > 0 {
		msgs, err := r.c.receive(ctx, r.url, min(10, want), visibility)
		if err != nil {
			return err
		}
		if len(msgs) == 0 {
			break
		}
		r.held = append(r.held, msgs...)
		want -= len(msgs)
	}
	return nil
}

// releaseHeld makes held messages visible again when traffic stops, so a
// stopped demo leaves nothing stuck in flight. It runs after ctx is done,
// hence its own deadline.
func (r *flowRun) releaseHeld(ctx context.Context) {
	if len(r.held) == 0 {
		return
	}
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), stepTimeout)
	defer cancel()
	if err := r.c.releaseBatch(ctx, r.url, receiptHandles(r.held)); err != nil {
		r.logf("demo: releasing held messages on %s: %v", r.queue, err)
	}
	r.held = nil
}
