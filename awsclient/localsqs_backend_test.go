package awsclient

import (
	"testing"

	"github.com/sqscope/sqscope/localsqs"
)

// localsqs runs in-process, a fresh server per test, so it is always
// available and needs no cleanup between cases.
func init() {
	backendFactories = append([]func(t *testing.T) (backend, bool){localsqsBackend}, backendFactories...)
}

func localsqsBackend(t *testing.T) (backend, bool) {
	srv := localsqs.New(localsqs.Options{})
	t.Cleanup(srv.Close)
	return backend{name: "localsqs", handler: srv}, true
}
