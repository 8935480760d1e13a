package awsclient

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	"github.com/aws/aws-sdk-go-v2/service/sqs/types"

	"github.com/sqscope/sqscope/model"
)

func TestOutOfOrderCountsLaterMessagesOfTheGroup(t *testing.T) {
	msg := func(g string) *outgoing { return &outgoing{msg: model.Message{GroupID: g}} }
	tests := []struct {
		name   string
		groups []string
		okAt   []int
		want   int
	}{
		{"all on the first attempt", []string{"a", "a", "a"}, []int{1, 1, 1}, 0},
		{"first retried after the rest", []string{"a", "a", "a"}, []int{2, 1, 1}, 2},
		{"first never accepted", []string{"a", "a", "b"}, []int{0, 1, 1}, 1},
		{"other groups are not affected", []string{"a", "b", "a", "b"}, []int{2, 1, 1, 1}, 1},
		{"last one retried harms nobody", []string{"a", "a"}, []int{1, 3}, 0},
		{"later failure leaves earlier ones in order", []string{"a", "a", "a"}, []int{1, 0, 1}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var batch []*outgoing
			for _, g := range tt.groups {
				batch = append(batch, msg(g))
			}
			if got, _ := outOfOrder(batch, tt.okAt); got != tt.want {
				t.Errorf("outOfOrder = %d, want %d", got, tt.want)
			}
		})
	}
}

// TestMoveFIFOReportsEveryReorder: entries that fail once and succeed on a
// retry land behind later messages of their group. The report must count
// exactly the messages that are out of order in the destination.
func TestMoveFIFOReportsEveryReorder(t *testing.T) {
	b, _ := localsqsBackend(t)
	f := newDLQFixture(t, serve(t, b.handler), true, 1, 60)
	var mu sync.Mutex
	failedOnce := map[string]bool{}
	flaky := func(body string) bool {
		mu.Lock()
		defer mu.Unlock()
		if seqOf(body)%7 != 3 || failedOnce[body] {
			return false
		}
		failedOnce[body] = true
		return true
	}
	rep, err := NewStatic(serve(t, entryFaultProxy(b.handler, flaky, false, "InternalError")), "us-east-1", testConfig()).
		Move(context.Background(), MoveRequest{SourceURL: f.dlqURL, Concurrency: 1}, nil)
	if err != nil || rep.Moved != 60 || rep.Failed != 0 {
		t.Fatalf("Move: %v, report %+v; want all 60 moved", err, rep)
	}
	var drained []string
	for _, d := range f.drain(t, f.sources[0]) {
		drained = append(drained, d.body)
	}
	actual := 0
	for key, want := range f.order {
		actual += inversions(want, drained, f.want, strings.TrimPrefix(key, f.sources[0]+"|"))
	}
	if actual == 0 {
		t.Fatal("no message arrived out of order: the test proves nothing")
	}
	if rep.OutOfOrder != actual {
		t.Errorf("report says %d out of order, the destination has %d", rep.OutOfOrder, actual)
	}
	var re *ReorderError
	if !errorsAs(rep.Errs, &re) {
		t.Errorf("no ReorderError in %v", rep.Errs)
	}
}

// inversions counts the messages of group g in got that arrived before a
// message sent earlier in their group, or ahead of one that never came.
func inversions(want, got []string, sent map[string]sentMessage, g string) int {
	pos := map[string]int{}
	for i, body := range got {
		if sent[body].group == g {
			pos[body] = i
		}
	}
	n := 0
	for j, body := range want {
		p, ok := pos[body]
		if !ok {
			continue
		}
		for _, earlier := range want[:j] {
			if q, ok := pos[earlier]; !ok || q > p {
				n++
				break
			}
		}
	}
	return n
}

// TestMoveFIFOHoldsTheGroupAfterAFailure: a received batch too large for
// one send is sent in two; when a message of the first send is refused,
// the group's messages in the second stay in the DLQ instead of overtaking
// it, and those already overtaking it in the first are reported.
func TestMoveFIFOHoldsTheGroupAfterAFailure(t *testing.T) {
	b, _ := localsqsBackend(t)
	admin, dlq, dest := bigFIFOGroup(t, serve(t, b.handler))
	poison := func(body string) bool { return strings.HasPrefix(body, "02 ") }
	rep, err := NewStatic(serve(t, rejectingProxy(b.handler, poison)), "us-east-1", testConfig()).
		Move(context.Background(), MoveRequest{SourceURL: dlq, DestURL: dest, Concurrency: 1}, nil)
	if err != nil {
		t.Fatalf("Move: %v", err)
	}
	if rep.Moved != 4 || rep.Failed != 6 || rep.OutOfOrder != 2 {
		t.Errorf("report %+v; want 4 moved (00 01 03 04), 6 failed (02, 05-09 held), 2 out of order (03 04)", rep)
	}
	var held *GroupHeldError
	if !errorsAs(rep.Errs, &held) || held.Group != "g" {
		t.Errorf("no GroupHeldError for group g in %v", rep.Errs)
	}
	if got := heads(t, admin, dest); got != "00 01 03 04" {
		t.Errorf("destination holds %q (report %+v)", got, rep)
	}
	if got := heads(t, admin, dlq); got != "02 05 06 07 08 09" {
		t.Errorf("DLQ holds %q (report %+v)", got, rep)
	}
}

// heads receives a FIFO queue's messages in order and returns the first
// word of each body.
func heads(t *testing.T, c *sqs.Client, url string) string {
	t.Helper()
	var got []string
	for {
		out, err := c.ReceiveMessage(context.Background(), &sqs.ReceiveMessageInput{QueueUrl: aws.String(url),
			MaxNumberOfMessages: 10, VisibilityTimeout: 60})
		if err != nil {
			t.Fatal(err)
		}
		if len(out.Messages) == 0 {
			return strings.Join(got, " ")
		}
		var del []types.DeleteMessageBatchRequestEntry
		for i, m := range out.Messages {
			got = append(got, strings.Fields(aws.ToString(m.Body))[0])
			del = append(del, types.DeleteMessageBatchRequestEntry{Id: aws.String(fmt.Sprint(i)), ReceiptHandle: m.ReceiptHandle})
		}
		if _, err := c.DeleteMessageBatch(context.Background(), &sqs.DeleteMessageBatchInput{QueueUrl: aws.String(url), Entries: del}); err != nil {
			t.Fatal(err)
		}
	}
}

// errorsAs finds the first error in errs that matches target.
func errorsAs[T error](errs []error, target *T) bool {
	for _, err := range errs {
		if errors.As(err, target) {
			return true
		}
	}
	return false
}

// TestMoveFIFOStopKeepsTheGroupAndCountsNoFailure: a move stopped while
// an entry waits for its retry leaves that entry and the rest of its
// group in the DLQ, in order, as stopped, not failed.
func TestMoveFIFOStopKeepsTheGroupAndCountsNoFailure(t *testing.T) {
	b, _ := localsqsBackend(t)
	admin, dlq, dest := bigFIFOGroup(t, serve(t, b.handler))
	ctx, stop := context.WithCancel(context.Background())
	defer stop()
	flaky := func(body string) bool {
		if strings.HasPrefix(body, "02 ") {
			stop() // the user presses c while 02 waits for its retry
			return true
		}
		return false
	}
	rep, err := NewStatic(serve(t, entryFaultProxy(b.handler, flaky, false, "InternalError")), "us-east-1", testConfig()).
		Move(ctx, MoveRequest{SourceURL: dlq, DestURL: dest, Concurrency: 1, Hold: 5 * time.Second}, nil)
	if err != nil {
		t.Fatalf("Move: %v", err)
	}
	if !rep.Cancelled || rep.Failed != 0 || rep.Moved != 4 {
		t.Errorf("report %+v; want stopped with 4 moved (00 01 03 04), none failed", rep)
	}
	var held *GroupHeldError
	if errorsAs(rep.Errs, &held) {
		t.Errorf("a stop reported as a held group: %v", rep.Errs)
	}
	if got := heads(t, admin, dlq); got != "02 05 06 07 08 09" {
		t.Errorf("DLQ holds %q", got)
	}
}

// bigFIFOGroup makes a FIFO DLQ holding ten 200 kB messages of group "g",
// bodies "00 …" to "09 …": one receive brings all ten, and they go out in
// two sends of five (the 1 MiB limit). dest is an empty FIFO queue.
func bigFIFOGroup(t *testing.T, endpoint string) (admin *sqs.Client, dlq, dest string) {
	t.Helper()
	admin = adminClient(endpoint)
	p := uniquePrefix(t)
	fifo := map[string]string{"FifoQueue": "true"}
	dlq = createQueue(t, admin, p+"dlq.fifo", fifo)
	dest = createQueue(t, admin, p+"dest.fifo", fifo)
	pad := strings.Repeat("x", 200_000)
	for i := range 10 {
		if _, err := admin.SendMessage(context.Background(), &sqs.SendMessageInput{QueueUrl: aws.String(dlq),
			MessageBody: aws.String(fmt.Sprintf("%02d %s", i, pad)), MessageGroupId: aws.String("g"),
			MessageDeduplicationId: aws.String(fmt.Sprint(i))}); err != nil {
			t.Fatal(err)
		}
	}
	return admin, dlq, dest
}
