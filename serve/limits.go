package serve

import (
	"net"
	"sync"
	"time"
)

// slots bounds the sessions running at once: each holds a client, a
// poller and possibly peeks, so a runaway script cannot multiply them.
type slots struct {
	mu   sync.Mutex
	max  int // 0: no limit
	used int
}

func (s *slots) acquire() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.max > 0 && s.used >= s.max {
		return false
	}
	s.used++
	return true
}

func (s *slots) release() {
	s.mu.Lock()
	s.used--
	s.mu.Unlock()
}

// failures counts the connections from each address that ended without
// authenticating; once an address reaches max within window it is blocked
// until the window has passed since its first counted failure. Blocked
// means its unknown keys are no longer audited (see Server.authorize): not
// refusing the address, which many users may share. Per connection, the SSH library's own
// MaxAuthTries bounds the keys one connection may try.
type failures struct {
	mu     sync.Mutex
	max    int // 0: no limit
	window time.Duration
	now    func() time.Time
	byAddr map[string]*failCount
}

type failCount struct {
	n     int
	since time.Time
}

func newFailures(max int, window time.Duration) *failures {
	return &failures{max: max, window: window, now: time.Now, byAddr: map[string]*failCount{}}
}

// host is the address without its port: a client gets a new port per
// connection.
func host(a net.Addr) string {
	h, _, err := net.SplitHostPort(a.String())
	if err != nil {
		return a.String()
	}
	return h
}

// add counts a failure from a; reached says this one blocked the address.
func (f *failures) add(a net.Addr) (reached bool) {
	if f.max <= 0 {
		return false
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	h, now := host(a), f.now()
	c := f.byAddr[h]
	if c == nil || now.Sub(c.since) > f.window {
		c = &failCount{since: now}
		f.byAddr[h] = c
	}
	c.n++
	return c.n == f.max
}

// blocked reports whether a's connections are refused for now.
func (f *failures) blocked(a net.Addr) bool {
	if f.max <= 0 {
		return false
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	h := host(a)
	c := f.byAddr[h]
	if c == nil {
		return false
	}
	if f.now().Sub(c.since) > f.window {
		delete(f.byAddr, h)
		return false
	}
	return c.n >= f.max
}
