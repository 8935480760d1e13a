package awsclient

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/sqs"
	"github.com/aws/aws-sdk-go-v2/service/sqs/types"
)

// The UI lists queues rarely and reads the counts of the few on screen
// often: QueueURLs and Refresh must each cost exactly what they say.

func TestQueueURLsListsWithoutAttributes(t *testing.T) {
	forEachBackend(t, "urls", func(t *testing.T, b backend) {
		proxy := newFaultProxy(b.handler, nil)
		ep := serve(t, proxy)
		admin := adminClient(ep)
		p := uniquePrefix(t)
		want := []string{createQueue(t, admin, p+"a", nil), createQueue(t, admin, p+"b", nil)}
		before := proxy.count("ListQueues")

		urls, err := NewStatic(ep, "us-east-1", testConfig()).QueueURLs(context.Background())
		if err != nil {
			t.Fatalf("QueueURLs: %v", err)
		}
		for _, u := range want {
			if !slices.Contains(urls, u) {
				t.Errorf("%s not listed in %v", u, urls)
			}
		}
		if n := proxy.count("GetQueueAttributes"); n != 0 {
			t.Errorf("listing read attributes %d times", n)
		}
		if n := proxy.count("ListQueues") - before; n != 1 {
			t.Errorf("%d ListQueues pages for a handful of queues, want 1", n)
		}
	})
}

func TestRefreshReadsOnlyTheQueuesAsked(t *testing.T) {
	forEachBackend(t, "refresh-subset", func(t *testing.T, b backend) {
		proxy := newFaultProxy(b.handler, nil)
		ep := serve(t, proxy)
		admin := adminClient(ep)
		p := uniquePrefix(t)
		var urls []string
		for i := range 10 {
			u := createQueue(t, admin, fmt.Sprintf("%sq%d", p, i), nil)
			sendN(t, admin, u, i)
			urls = append(urls, u)
		}
		gone := createQueue(t, admin, p+"gone", nil)
		if _, err := admin.DeleteQueue(context.Background(), &sqs.DeleteQueueInput{QueueUrl: &gone}); err != nil {
			t.Fatal(err)
		}
		// Out of listing order, with a queue deleted since it was listed.
		ask := []string{urls[7], gone, urls[2]}

		qs, err := NewStatic(ep, "us-east-1", testConfig()).Refresh(context.Background(), ask)
		if err != nil {
			t.Fatalf("Refresh: %v", err)
		}
		if len(qs) != len(ask) {
			t.Fatalf("%d rows for %d URLs", len(qs), len(ask))
		}
		for i, want := range []int64{7, -1, 2} {
			q := qs[i]
			if q.URL != ask[i] {
				t.Errorf("row %d is %s, want %s (the order asked)", i, q.URL, ask[i])
			}
			if want < 0 {
				var notExist *types.QueueDoesNotExist
				if !errors.As(q.Err, &notExist) || q.Name != p+"gone" {
					t.Errorf("deleted queue's row: name %q err %v, want its name and QueueDoesNotExist", q.Name, q.Err)
				}
				continue
			}
			if q.Err != nil || q.Stats.Visible != want || q.ARN == "" {
				t.Errorf("row %d: visible %d err %v arn %q, want %d", i, q.Stats.Visible, q.Err, q.ARN, want)
			}
		}
		if n := proxy.count("GetQueueAttributes"); n != len(ask) {
			t.Errorf("%d GetQueueAttributes calls for %d queues", n, len(ask))
		}
		if n := proxy.count("ListQueues"); n != 0 {
			t.Errorf("Refresh listed the queues (%d ListQueues calls)", n)
		}
	})
}

func TestRefreshOfNothingCallsNothing(t *testing.T) {
	forEachBackend(t, "refresh-empty", func(t *testing.T, b backend) {
		proxy := newFaultProxy(b.handler, nil)
		qs, err := NewStatic(serve(t, proxy), "us-east-1", testConfig()).Refresh(context.Background(), nil)
		if err != nil || len(qs) != 0 {
			t.Fatalf("Refresh(nil) = %d rows, %v", len(qs), err)
		}
		if n := proxy.count("GetQueueAttributes") + proxy.count("ListQueues"); n != 0 {
			t.Errorf("%d calls for nothing", n)
		}
	})
}
