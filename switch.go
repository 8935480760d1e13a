package main

import (
	"context"

	"github.com/sqscope/sqscope/awsclient"
	"github.com/sqscope/sqscope/ui"
)

// connectFor is how the TUI builds the client of another profile or region
// when the user switches (ctrl+p, :profile, :region, :ro): the same
// configuration as at start — endpoint, audit log, CloudWatch on or off —
// for the profile and region asked. With --demo, the default profile
// stays on the demo's server (so :ro and a region work there), and any
// other profile is the real one.
func connectFor(cfg awsclient.Config, f tuiFlags, demoURL string) ui.ConnectFunc {
	return func(ctx context.Context, profile, region string, readOnly bool) (awsclient.Client, awsclient.Metrics, error) {
		c := cfg
		c.Profile, c.Region, c.ReadOnly = profile, region, readOnly
		var client *awsclient.SQS
		if demoURL != "" && profile == "" {
			if region == "" {
				region = "us-east-1"
			}
			c.Demo = true
			client = awsclient.NewStatic(demoURL, region, c)
		} else {
			var err error
			if client, err = awsclient.New(ctx, c); err != nil {
				return nil, nil, err
			}
		}
		// An untyped nil: the UI reads it as CloudWatch off.
		if f.noCloudWatch {
			return client, nil, nil
		}
		return client, client.CloudWatch(), nil
	}
}
