package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"strconv"
	"testing"
)

// backend is one fresh server the scenario runs against: a new localsqs,
// or a fresh queue-name prefix on a shared moto.
type backend struct {
	name    string
	client  *client // for the test's own assertions
	prefix  string
	seed    func(context.Context, Options) error
	traffic func(context.Context, Options) error
	small   bool // seeds with Options.Small
	// noSourceARN, when set, is why the backend lacks
	// DeadLetterQueueSourceArn on dead-lettered messages.
	noSourceARN string
}

// backendMakers build fresh backends; each returns ok=false with the reason
// when it is unavailable. localsqs registers itself from its own file.
var backendMakers = []func(t *testing.T) (backend, string){motoBackend}

func motoBackend(t *testing.T) (backend, string) {
	endpoint := os.Getenv("SQSCOPE_MOTO_ENDPOINT")
	if endpoint == "" {
		return backend{}, "moto: SQSCOPE_MOTO_ENDPOINT is not set"
	}
	prefix := fmt.Sprintf("demo%08x-", rand.Uint32())
	c := urlClient(endpoint)
	t.Cleanup(func() {
		// Remove this run's queues so a shared moto stays small.
		for _, q := range queueSpecs {
			if url, err := c.queueURL(context.Background(), prefix+q.name); err == nil {
				_ = c.deleteQueue(context.Background(), url)
			}
		}
		c.close()
	})
	return backend{
		name:   "moto",
		small:  true,
		client: c,
		prefix: prefix,
		seed: func(ctx context.Context, o Options) error {
			o.Prefix, o.Small = prefix, true
			return SeedURL(ctx, endpoint, o)
		},
		traffic: func(ctx context.Context, o Options) error {
			o.Prefix, o.Small = prefix, true
			return RunTrafficURL(ctx, endpoint, o)
		},
		noSourceARN: "moto 5 does not set DeadLetterQueueSourceArn on dead-lettered messages",
	}, ""
}

// eachBackend runs fn as a subtest per available backend, logging which
// ones were skipped and why.
func eachBackend(t *testing.T, fn func(t *testing.T, mk func() backend)) {
	for _, maker := range backendMakers {
		b, why := maker(t)
		if why != "" {
			t.Run(nameOf(why), func(t *testing.T) { t.Skip(why) })
			continue
		}
		t.Run(b.name, func(t *testing.T) {
			first := true
			fn(t, func() backend {
				if first {
					first = false
					return b
				}
				nb, _ := maker(t)
				return nb
			})
		})
	}
}

func nameOf(reason string) string {
	for i, r := range reason {
		if r == ':' {
			return reason[:i]
		}
	}
	return reason
}

// url resolves a scenario queue on b.
func (b backend) url(t *testing.T, name string) string {
	t.Helper()
	u, err := b.client.queueURL(context.Background(), b.prefix+name)
	if err != nil {
		t.Fatalf("queue %s: %v", name, err)
	}
	return u
}

// count reads one Approximate* attribute of a scenario queue.
func (b backend) count(t *testing.T, name, attr string) int {
	t.Helper()
	a, err := b.client.attributes(context.Background(), b.url(t, name), attr)
	if err != nil {
		t.Fatalf("attributes of %s: %v", name, err)
	}
	n, err := strconv.Atoi(a[attr])
	if err != nil {
		t.Fatalf("%s of %s = %q: %v", attr, name, a[attr], err)
	}
	return n
}

// drain receives every visible message of a scenario queue, holding them
// so none comes back during the drain.
func (b backend) drain(t *testing.T, name string) []message {
	t.Helper()
	url := b.url(t, name)
	var all []message
	for {
		msgs, err := b.client.receive(context.Background(), url, 10, 600)
		if err != nil {
			t.Fatalf("receive from %s: %v", name, err)
		}
		if len(msgs) == 0 {
			return all
		}
		all = append(all, msgs...)
	}
}
