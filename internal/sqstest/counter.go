// Package sqstest is what the tests of several packages need of an SQS
// endpoint they put in front of localsqs: a handler that counts, by
// operation, the requests that reach it. It is not for production code.
package sqstest

import (
	"maps"
	"net/http"
	"strings"
	"sync"

	"github.com/sqscope/sqscope/awsclient"
)

// Counter counts the SQS requests passing through it to Next, by
// operation (the X-Amz-Target after "AmazonSQS."). Safe for concurrent
// use.
type Counter struct {
	Next  http.Handler
	mu    sync.Mutex
	calls map[string]int
}

// NewCounter counts what reaches next.
func NewCounter(next http.Handler) *Counter { return &Counter{Next: next, calls: map[string]int{}} }

func (c *Counter) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	op := strings.TrimPrefix(r.Header.Get("X-Amz-Target"), "AmazonSQS.")
	c.mu.Lock()
	c.calls[op]++
	c.mu.Unlock()
	c.Next.ServeHTTP(w, r)
}

// Take returns the counts so far and starts again from zero: a test's own
// setup calls are then not counted as what it measures.
func (c *Counter) Take() map[string]int {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := c.calls
	c.calls = map[string]int{}
	return out
}

// Count is how many requests of op arrived since the last Take.
func (c *Counter) Count(op string) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.calls[op]
}

// Mutating are the counted operations read-only mode must never send.
func (c *Counter) Mutating() map[string]int {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := maps.Clone(c.calls)
	maps.DeleteFunc(out, func(op string, _ int) bool { return op == "" || !awsclient.IsMutating(op) })
	return out
}
