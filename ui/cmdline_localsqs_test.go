package ui

import (
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/sqscope/sqscope/awsclient"
)

// --queue end to end: the real awsclient against localsqs, the App built
// with the link in its Options as `sqscope --queue` builds it, and the
// queue's messages read by a real peek.
func TestQueueFlagLocalSQSOpensThePeek(t *testing.T) {
	f := newSQSFixture(t)
	f.create("orders", nil)
	dlq := f.create("orders-dlq", nil)
	f.send(dlq, 3)
	// The console link to the queue, as AWS's console writes it; localsqs
	// is in us-east-1 under the account of its URLs.
	account := strings.Split(strings.TrimPrefix(dlq, "http://"), "/")[1]
	endpoint := f.app.client.Endpoint().URL
	link := "https://us-east-1.console.aws.amazon.com/sqs/v3/home?region=us-east-1#/queues/" +
		url.QueryEscape("https://sqs.us-east-1.amazonaws.com/"+account+"/orders-dlq")
	client := awsclient.NewStatic(endpoint, "us-east-1",
		awsclient.Config{MaxBackoff: 20 * time.Millisecond})
	f.app = New(client, Options{Refresh: time.Hour, Queue: link})
	f.app.arm = armNow
	f.load()
	if !f.app.peek.Open() || f.app.peek.Queue().Name != "orders-dlq" {
		t.Fatalf("--queue %s: peek open %v on %q\n%s", link, f.app.peek.Open(), f.app.peek.Queue().Name, screen(f.app))
	}
	if s := screen(f.app); !strings.Contains(s, "Peek orders-dlq · 3 read") {
		t.Errorf("the peek pane is not on screen:\n%s", s)
	}
	// Read to its end, the peek released what it read, as a peek opened
	// with p does.
	if visible, inFlight := f.counts(dlq); visible != 3 || inFlight != 0 {
		t.Errorf("after the peek: %d visible, %d held; want all 3 visible again", visible, inFlight)
	}
}
