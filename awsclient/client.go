// Package awsclient is the asynchronous boundary between the UI and SQS. The UI
// depends only on the narrow interfaces declared here; one implementation over
// aws-sdk-go-v2 satisfies them. Every method takes a context and may be called
// from a tea.Cmd goroutine.
package awsclient

import (
	"context"

	"github.com/sqscope/sqscope/model"
)

// Lister reads the queues of an account.
type Lister interface {
	// Queues lists every queue (all pages, past 1,000) with its attributes.
	// A queue whose attributes cannot be read is still returned, with Err
	// set; only a failure of the listing itself returns an error.
	Queues(ctx context.Context) ([]model.Queue, error)
}

// Endpoint describes where the client points, for the header line.
type Endpoint struct {
	URL      string // empty when the SDK resolves the regional endpoint
	Region   string
	Profile  string
	ReadOnly bool
	Demo     bool
}

// Client is everything the UI may call.
type Client interface {
	Lister
	// Endpoint describes the connection for display.
	Endpoint() Endpoint
}
