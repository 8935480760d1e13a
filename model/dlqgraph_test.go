package model

import (
	"reflect"
	"testing"
)

const acct = "arn:aws:sqs:us-east-1:123456789012:"

func q(name, dlq string) Queue {
	out := Queue{Name: name, ARN: acct + name}
	if dlq != "" {
		out.Redrive = &RedrivePolicy{DeadLetterTargetARN: acct + dlq, MaxReceiveCount: 3}
	}
	return out
}

func TestDLQGraph(t *testing.T) {
	queues := []Queue{
		q("orders", "orders-dlq"),
		q("orders-dlq", ""),
		// Two sources share one DLQ; listed in reverse name order to check
		// that SourcesOf sorts by name, not by listing order.
		q("shipping", "shared-dlq"),
		q("billing", "shared-dlq"),
		q("shared-dlq", ""),
		// A policy pointing at a DLQ that is not listed (deleted, or in
		// another account): the link must survive.
		q("audit", "gone-dlq"),
		q("idle", ""),
		// A row whose attributes failed has no ARN and must not add links.
		{Name: "broken", Redrive: &RedrivePolicy{DeadLetterTargetARN: acct + "orders-dlq", MaxReceiveCount: 1}},
	}
	g := BuildDLQGraph(queues)

	tests := []struct {
		arn      string
		dlq      string
		hasDLQ   bool
		sources  []string
		isDLQ    bool
		wantName string
	}{
		{arn: acct + "orders", dlq: acct + "orders-dlq", hasDLQ: true, wantName: "orders"},
		{arn: acct + "orders-dlq", sources: []string{acct + "orders"}, isDLQ: true, wantName: "orders-dlq"},
		{arn: acct + "shipping", dlq: acct + "shared-dlq", hasDLQ: true, wantName: "shipping"},
		{arn: acct + "billing", dlq: acct + "shared-dlq", hasDLQ: true, wantName: "billing"},
		{arn: acct + "shared-dlq", sources: []string{acct + "billing", acct + "shipping"}, isDLQ: true, wantName: "shared-dlq"},
		{arn: acct + "audit", dlq: acct + "gone-dlq", hasDLQ: true, wantName: "audit"},
		{arn: acct + "gone-dlq", sources: []string{acct + "audit"}, isDLQ: true, wantName: "gone-dlq"},
		{arn: acct + "idle", wantName: "idle"},
		{arn: "arn:aws:sqs:eu-west-1:999999999999:elsewhere", wantName: "elsewhere"},
	}
	for _, tt := range tests {
		t.Run(tt.wantName, func(t *testing.T) {
			dlq, ok := g.DLQOf(tt.arn)
			if ok != tt.hasDLQ || dlq != tt.dlq {
				t.Errorf("DLQOf = %q, %v; want %q, %v", dlq, ok, tt.dlq, tt.hasDLQ)
			}
			if got := g.SourcesOf(tt.arn); !reflect.DeepEqual(got, tt.sources) {
				t.Errorf("SourcesOf = %v, want %v", got, tt.sources)
			}
			if got := g.IsDLQ(tt.arn); got != tt.isDLQ {
				t.Errorf("IsDLQ = %v, want %v", got, tt.isDLQ)
			}
			if got := g.Name(tt.arn); got != tt.wantName {
				t.Errorf("Name = %q, want %q", got, tt.wantName)
			}
		})
	}
}

func TestDLQGraphNamePrefersListedName(t *testing.T) {
	// Name comes from the listing when known, so a display name that differs
	// from the ARN's last field (never in SQS, but in fakes) is respected.
	g := BuildDLQGraph([]Queue{{Name: "listed", ARN: acct + "other"}})
	if got := g.Name(acct + "other"); got != "listed" {
		t.Fatalf("Name = %q, want listed", got)
	}
}

func TestDLQGraphEmpty(t *testing.T) {
	g := BuildDLQGraph(nil)
	if g.IsDLQ(acct+"x") || g.SourcesOf(acct+"x") != nil {
		t.Fatal("empty graph reports links")
	}
	if _, ok := g.DLQOf(acct + "x"); ok {
		t.Fatal("empty graph reports a DLQ")
	}
}
