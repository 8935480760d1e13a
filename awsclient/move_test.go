package awsclient

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	"github.com/aws/aws-sdk-go-v2/service/sqs/types"

	"github.com/sqscope/sqscope/model"
)

func TestMoveClientSide500(t *testing.T) {
	forEachBackend(t, "move", func(t *testing.T, b backend) {
		ep := serve(t, b.handler)
		f := newDLQFixture(t, ep, false, 1, 500)
		progress := make(chan MoveProgress, 1000)
		conc := 4
		if b.name == "moto" {
			// moto's receive is not atomic across its threads: it can hand
			// one message to two concurrent receives (seen here as Resumed
			// 1 and phantom in-flight messages). SQS and localsqs cannot.
			t.Log("moto: moved with one receive at a time (moto's receive is not atomic)")
			conc = 1
		}
		rep, err := NewStatic(ep, "us-east-1", testConfig()).Move(context.Background(),
			MoveRequest{SourceURL: f.dlqURL, Concurrency: conc}, progress)
		if err != nil {
			t.Fatalf("Move: %v (report %+v)", err, rep)
		}
		if rep.Moved != 500 || rep.Failed != 0 || rep.PossiblyDuplicated != 0 || rep.Skipped != 0 || rep.Cancelled {
			t.Errorf("report = %+v, want 500 moved and nothing else", rep)
		}
		checkProgress(t, progress, 500)
		if vis, hidden := visibility(t, f.admin, f.dlqURL); vis+hidden != 0 {
			t.Logf("report %+v; DLQ: %d visible, %d hidden", rep, vis, hidden)
		}
		f.checkRedriven(t)
	})
}

// checkProgress reads the closed channel: totals never go down and the
// last one matches the report.
func checkProgress(t *testing.T, progress <-chan MoveProgress, moved int) {
	t.Helper()
	var last MoveProgress
	n := 0
	for p := range progress {
		if p.Moved < last.Moved {
			t.Errorf("progress went back: %+v after %+v", p, last)
		}
		last = p
		n++
	}
	if n == 0 || last.Moved != moved {
		t.Errorf("%d progress updates, last %+v; want the last to say %d moved", n, last, moved)
	}
}

func TestMoveSharedDLQReturnsEachToItsSource(t *testing.T) {
	forEachBackend(t, "move-shared", func(t *testing.T, b backend) {
		if b.name == "moto" {
			t.Skip("moto: case \"move-shared\" skipped: moto does not set DeadLetterQueueSourceArn, so a shared DLQ's messages cannot be routed")
		}
		ep := serve(t, b.handler)
		f := newDLQFixture(t, ep, false, 2, 60)
		rep, err := NewStatic(ep, "us-east-1", testConfig()).Move(context.Background(), MoveRequest{SourceURL: f.dlqURL, Concurrency: 3}, nil)
		if err != nil || rep.Moved != 120 || rep.Failed != 0 {
			t.Fatalf("Move: %v, report %+v", err, rep)
		}
		f.checkRedriven(t)
	})
}

func TestMoveFIFOKeepsGroupOrder(t *testing.T) {
	forEachBackend(t, "move-fifo", func(t *testing.T, b backend) {
		ep := serve(t, b.handler)
		f := newDLQFixture(t, ep, true, 1, 100)
		conc := 4
		if b.name == "moto" {
			// moto snapshots the locked groups when a long poll starts, so
			// concurrent receives can get one group's messages out of
			// order; SQS and localsqs lock a group atomically.
			t.Log("moto: FIFO order checked with one receive at a time (moto's group lock is not atomic)")
			conc = 1
		}
		rep, err := NewStatic(ep, "us-east-1", testConfig()).Move(context.Background(), MoveRequest{SourceURL: f.dlqURL, Concurrency: conc}, nil)
		if err != nil || rep.Moved != 100 || rep.Failed != 0 || rep.PossiblyDuplicated != 0 {
			t.Fatalf("Move: %v, report %+v", err, rep)
		}
		f.checkRedriven(t)
	})
}

func TestMoveRefusesQueueTypeMismatchUpFront(t *testing.T) {
	forEachBackend(t, "move-mismatch", func(t *testing.T, b backend) {
		proxy := newFaultProxy(b.handler, nil)
		ep := serve(t, proxy)
		admin := adminClient(ep)
		p := uniquePrefix(t)
		std := createQueue(t, admin, p+"std", nil)
		fifo := createQueue(t, admin, p+"q.fifo", map[string]string{"FifoQueue": "true"})
		sendN(t, admin, std, 3)
		c := NewStatic(ep, "us-east-1", testConfig())
		for _, tc := range []struct{ from, to string }{{std, fifo}, {fifo, std}} {
			rep, err := c.Move(context.Background(), MoveRequest{SourceURL: tc.from, DestURL: tc.to}, nil)
			if !errors.Is(err, ErrQueueTypeMismatch) || rep.Moved != 0 {
				t.Errorf("%s → %s: err %v, report %+v; want ErrQueueTypeMismatch", model.NameFromURL(tc.from), model.NameFromURL(tc.to), err, rep)
			}
		}
		if n := proxy.count("ReceiveMessage"); n != 0 {
			t.Errorf("%d receives: a refused move must not touch a message", n)
		}
	})
}

func TestMoveSelectSkipsAndReleases(t *testing.T) {
	forEachBackend(t, "move-select", func(t *testing.T, b backend) {
		ep := serve(t, b.handler)
		f := newDLQFixture(t, ep, false, 1, 40)
		even := func(m model.Message) bool { return strings.Contains(m.Body, `"seq":`) && seqOf(m.Body)%2 == 0 }
		rep, err := NewStatic(ep, "us-east-1", testConfig()).Move(context.Background(),
			MoveRequest{SourceURL: f.dlqURL, Select: even, Concurrency: 2}, nil)
		if err != nil || rep.Moved != 20 || rep.Skipped != 20 || rep.Failed != 0 {
			t.Fatalf("Move: %v, report %+v; want 20 moved, 20 skipped", err, rep)
		}
		// The skipped ones are visible again at once, not after the hold.
		if vis, hidden := visibility(t, f.admin, f.dlqURL); vis != 20 || hidden != 0 {
			t.Errorf("DLQ: %d visible, %d hidden; want 20 visible", vis, hidden)
		}
		for _, d := range f.drain(t, f.sources[0]) {
			if seqOf(d.body)%2 != 0 {
				t.Errorf("unselected %q moved", d.body)
			}
		}
	})
}

func seqOf(body string) int {
	i := strings.Index(body, `"seq":`)
	j := strings.IndexByte(body[i:], ',')
	n, _ := strconv.Atoi(body[i+6 : i+j])
	return n
}

func TestMoveLimit(t *testing.T) {
	forEachBackend(t, "move-limit", func(t *testing.T, b backend) {
		ep := serve(t, b.handler)
		f := newDLQFixture(t, ep, false, 1, 30)
		rep, err := NewStatic(ep, "us-east-1", testConfig()).Move(context.Background(),
			MoveRequest{SourceURL: f.dlqURL, Limit: 13, Concurrency: 4}, nil)
		if err != nil || rep.Moved != 13 {
			t.Fatalf("Move: %v, report %+v; want 13 moved", err, rep)
		}
		if vis, hidden := visibility(t, f.admin, f.dlqURL); vis != 17 || hidden != 0 {
			t.Errorf("DLQ: %d visible, %d hidden; want 17 visible", vis, hidden)
		}
	})
}

func visibility(t *testing.T, admin *sqs.Client, url string) (visible, hidden int) {
	t.Helper()
	out, err := admin.GetQueueAttributes(context.Background(), &sqs.GetQueueAttributesInput{QueueUrl: aws.String(url),
		AttributeNames: []types.QueueAttributeName{"ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"}})
	if err != nil {
		t.Fatalf("GetQueueAttributes: %v", err)
	}
	visible, _ = strconv.Atoi(out.Attributes["ApproximateNumberOfMessages"])
	hidden, _ = strconv.Atoi(out.Attributes["ApproximateNumberOfMessagesNotVisible"])
	return visible, hidden
}

func TestMoveCancelLeavesEverythingVisible(t *testing.T) {
	forEachBackend(t, "move-cancel", func(t *testing.T, b backend) {
		ep := serve(t, b.handler)
		f := newDLQFixture(t, ep, false, 1, 200)
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		progress := make(chan MoveProgress, 1)
		type result struct {
			rep MoveReport
			err error
		}
		done := make(chan result, 1)
		go func() {
			rep, err := NewStatic(ep, "us-east-1", testConfig()).Move(ctx, MoveRequest{SourceURL: f.dlqURL, Concurrency: 2}, progress)
			done <- result{rep, err}
		}()
		for p := range progress {
			if p.Moved > 0 {
				cancel()
			}
		}
		r := <-done
		if r.err != nil || !r.rep.Cancelled {
			t.Fatalf("Move: %v, report %+v; want cancelled", r.err, r.rep)
		}
		vis, hidden := visibility(t, f.admin, f.dlqURL)
		if hidden != 0 {
			t.Errorf("%d DLQ messages still hidden after cancel", hidden)
		}
		if got := len(f.drain(t, f.sources[0])); got != r.rep.Moved || vis+got != 200 {
			t.Errorf("source holds %d, DLQ %d, report %+v; want source = moved and nothing lost", got, vis, r.rep)
		}
	})
}

func TestMoveAndRedriveReadOnly(t *testing.T) {
	calls := 0
	ep := serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls++
		w.WriteHeader(http.StatusInternalServerError)
	}))
	cfg := testConfig()
	cfg.ReadOnly = true
	c := NewStatic(ep, "us-east-1", cfg)
	progress := make(chan MoveProgress, 1)
	if _, err := c.Move(context.Background(), MoveRequest{SourceURL: ep + "/000000000000/dlq"}, progress); !errors.Is(err, ErrReadOnly) {
		t.Errorf("Move: %v, want ErrReadOnly", err)
	}
	if _, open := <-progress; open {
		t.Error("progress channel not closed")
	}
	if _, err := c.StartRedrive(context.Background(), "arn:aws:sqs:us-east-1:000000000000:dlq", 0); !errors.Is(err, ErrReadOnly) {
		t.Errorf("StartRedrive: %v, want ErrReadOnly", err)
	}
	if err := c.CancelRedrive(context.Background(), "handle"); !errors.Is(err, ErrReadOnly) {
		t.Errorf("CancelRedrive: %v, want ErrReadOnly", err)
	}
	if calls != 0 {
		t.Errorf("%d requests reached the server", calls)
	}
}
