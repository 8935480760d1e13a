package main

import (
	"context"
	"fmt"

	"github.com/sqscope/sqscope/awsclient"
	"github.com/sqscope/sqscope/localsqs"
	"github.com/sqscope/sqscope/localsqs/demo"
)

// startDemo runs the embedded server on a loopback port with the demo
// scenario and live traffic, and returns a client connected to it over HTTP,
// the same path a real endpoint takes. Everything stops when ctx ends.
func startDemo(ctx context.Context, seed int64, cfg awsclient.Config) (*awsclient.SQS, error) {
	srv := localsqs.New(localsqs.Options{Region: "us-east-1"})
	url, _, err := localsqs.ListenAndServe(ctx, "127.0.0.1:0", srv)
	if err != nil {
		srv.Close()
		return nil, fmt.Errorf("demo server: %w", err)
	}
	o := demo.Options{Seed: seed}
	if err := demo.Seed(ctx, srv, o); err != nil {
		srv.Close()
		return nil, fmt.Errorf("demo scenario: %w", err)
	}
	go func() {
		_ = demo.RunTraffic(ctx, srv, o)
		srv.Close()
	}()
	cfg.Demo = true
	return awsclient.NewStatic(url, "us-east-1", cfg), nil
}
