package ui

import (
	"context"
	"fmt"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	"github.com/aws/aws-sdk-go-v2/service/sqs/types"

	"github.com/sqscope/sqscope/awsclient"
	"github.com/sqscope/sqscope/localsqs"
)

// The peek pane end to end: the real awsclient against localsqs in
// process, driven through Update with the real commands.

type sqsFixture struct {
	t     *testing.T
	admin *sqs.Client // sets up and inspects queues, bypassing sqscope
	app   *App
}

func newSQSFixture(t *testing.T) *sqsFixture {
	srv := localsqs.New(localsqs.Options{})
	hs := httptest.NewServer(srv)
	t.Cleanup(func() { hs.Close(); srv.Close() })
	admin := sqs.New(sqs.Options{
		Region:       "us-east-1",
		BaseEndpoint: aws.String(hs.URL),
		Credentials:  credentials.NewStaticCredentialsProvider("test", "test", ""),
	})
	client := awsclient.NewStatic(hs.URL, "us-east-1", awsclient.Config{MaxBackoff: 20 * time.Millisecond})
	app := New(client, Options{Refresh: time.Hour})
	app.arm = armNow
	return &sqsFixture{t: t, admin: admin, app: app}
}

func (f *sqsFixture) create(name string, attrs map[string]string) string {
	out, err := f.admin.CreateQueue(context.Background(), &sqs.CreateQueueInput{QueueName: aws.String(name), Attributes: attrs})
	if err != nil {
		f.t.Fatalf("CreateQueue %s: %v", name, err)
	}
	return aws.ToString(out.QueueUrl)
}

func (f *sqsFixture) send(url string, n int) {
	for i := range n {
		_, err := f.admin.SendMessage(context.Background(), &sqs.SendMessageInput{
			QueueUrl: aws.String(url), MessageBody: aws.String(fmt.Sprintf(`{"n":%d}`, i))})
		if err != nil {
			f.t.Fatal(err)
		}
	}
}

// counts is a queue's visible and in-flight message counts.
func (f *sqsFixture) counts(url string) (visible, inFlight int) {
	out, err := f.admin.GetQueueAttributes(context.Background(), &sqs.GetQueueAttributesInput{
		QueueUrl: aws.String(url), AttributeNames: []types.QueueAttributeName{types.QueueAttributeNameAll}})
	if err != nil {
		f.t.Fatal(err)
	}
	visible, _ = strconv.Atoi(out.Attributes["ApproximateNumberOfMessages"])
	inFlight, _ = strconv.Atoi(out.Attributes["ApproximateNumberOfMessagesNotVisible"])
	return visible, inFlight
}

// receiveAll receives every visible message once, then makes them all
// visible again, and returns the receive count of each by id.
func (f *sqsFixture) receiveAll(url string) map[string]int {
	ctx := context.Background()
	got := map[string]int{}
	var handles []*string
	for range 20 {
		out, err := f.admin.ReceiveMessage(ctx, &sqs.ReceiveMessageInput{
			QueueUrl: aws.String(url), MaxNumberOfMessages: 10, VisibilityTimeout: 60,
			MessageSystemAttributeNames: []types.MessageSystemAttributeName{types.MessageSystemAttributeNameAll}})
		if err != nil {
			f.t.Fatal(err)
		}
		if len(out.Messages) == 0 {
			break
		}
		for _, m := range out.Messages {
			got[aws.ToString(m.MessageId)], _ = strconv.Atoi(m.Attributes["ApproximateReceiveCount"])
			handles = append(handles, m.ReceiptHandle)
		}
	}
	for _, h := range handles {
		_, err := f.admin.ChangeMessageVisibility(ctx, &sqs.ChangeMessageVisibilityInput{
			QueueUrl: aws.String(url), ReceiptHandle: h, VisibilityTimeout: 0})
		if err != nil {
			f.t.Fatal(err)
		}
	}
	return got
}

// load sizes the App and runs its first refresh.
func (f *sqsFixture) load() {
	f.app.Update(tea.WindowSizeMsg{Width: 120, Height: 36})
	drive(f.app, f.app.refresh())
	if len(f.app.cat.Queues) == 0 {
		f.t.Fatalf("no queues listed: %v", f.app.poll.Err())
	}
}

func TestPeekLocalSQSDeclineMovesNothing(t *testing.T) {
	f := newSQSFixture(t)
	dlq := f.create("orders-dlq", nil)
	dlqARN := testARN("orders-dlq")
	src := f.create("orders", map[string]string{
		"RedrivePolicy": `{"deadLetterTargetArn":"` + dlqARN + `","maxReceiveCount":"1"}`})
	f.send(src, 3)
	f.receiveAll(src) // each message now one receive from the DLQ
	f.load()

	for _, k := range []string{"n", "esc", "x"} {
		selectQueue(t, f.app, "orders")
		drive(f.app, press(f.app, "p"))
		if !asking(f.app) {
			t.Fatal("no dialog on a queue with maxReceiveCount 1")
		}
		drive(f.app, press(f.app, k))
	}
	if v, nv := f.counts(dlq); v+nv != 0 {
		t.Errorf("declined peeks moved %d messages to the DLQ", v+nv)
	}
	if v, nv := f.counts(src); v != 3 || nv != 0 {
		t.Errorf("source: %d visible, %d in flight; want 3, 0", v, nv)
	}

	// The hazard the dialog warns of is real here: confirming moves them.
	drive(f.app, press(f.app, "p"))
	drive(f.app, press(f.app, "y"))
	drive(f.app, press(f.app, "esc"))
	if v, nv := f.counts(dlq); v+nv != 3 {
		t.Errorf("confirmed peek moved %d messages to the DLQ; the fixture is not one receive from it", v+nv)
	}
}

func TestPeekLocalSQSEscReleasesEverything(t *testing.T) {
	f := newSQSFixture(t)
	url := f.create("events", nil)
	f.send(url, 25)
	f.load()
	selectQueue(t, f.app, "events")
	drive(f.app, press(f.app, "p"))
	if f.app.peek.Err() != nil {
		t.Fatalf("peek failed: %v", f.app.peek.Err())
	}
	read := len(f.app.peek.Messages())
	if read == 0 {
		t.Fatal("the peek read nothing")
	}
	if _, nv := f.counts(url); nv != read {
		t.Errorf("%d in flight while the pane is open, want the %d read", nv, read)
	}
	drive(f.app, press(f.app, "esc"))
	if v, nv := f.counts(url); v != 25 || nv != 0 {
		t.Fatalf("after esc: %d visible, %d in flight; want 25, 0", v, nv)
	}
	// Each message peeked was received exactly once more.
	peeked := map[string]bool{}
	for _, m := range f.app.peek.Messages() {
		peeked[m.ID] = true
	}
	for id, n := range f.receiveAll(url) {
		want := 1
		if peeked[id] {
			want = 2
		}
		if n != want {
			t.Errorf("message %s received %d times, want %d", id, n, want)
		}
	}
}

func TestPeekLocalSQSLeavingMidLoadReleases(t *testing.T) {
	f := newSQSFixture(t)
	url := f.create("slow", nil)
	f.send(url, 25)
	f.load()
	selectQueue(t, f.app, "slow")
	load := press(f.app, "p")
	done := make(chan []tea.Msg)
	go func() { done <- runCmd(load) }()
	release := press(f.app, "esc") // whatever the load got to
	drive(f.app, release)
	for _, m := range <-done {
		f.app.Update(m) // stale: dropped
	}
	if v, nv := f.counts(url); v != 25 || nv != 0 {
		t.Errorf("after leaving mid-load: %d visible, %d in flight; want 25, 0", v, nv)
	}
}

func TestPeekLocalSQSQuitReleases(t *testing.T) {
	f := newSQSFixture(t)
	url := f.create("jobs", nil)
	f.send(url, 12)
	f.load()
	selectQueue(t, f.app, "jobs")
	drive(f.app, press(f.app, "p"))
	if _, nv := f.counts(url); nv == 0 {
		t.Fatal("nothing held after the peek")
	}
	batch, ok := press(f.app, "q")().(tea.BatchMsg)
	if !ok {
		t.Fatal("q did not start a release")
	}
	_, cmd := f.app.Update(batch[0]())
	if _, ok := cmd().(tea.QuitMsg); !ok {
		t.Error("no quit after the release")
	}
	if v, nv := f.counts(url); v != 12 || nv != 0 {
		t.Errorf("after q: %d visible, %d in flight; want 12, 0", v, nv)
	}
}

func TestPeekLocalSQSReleaseAllAfterProgramEnds(t *testing.T) {
	f := newSQSFixture(t)
	url := f.create("signals", nil)
	f.send(url, 7)
	f.load()
	selectQueue(t, f.app, "signals")
	drive(f.app, press(f.app, "p"))
	// SIGTERM: the program ends without Update seeing a key.
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := f.app.ReleaseAll(ctx); err != nil {
		t.Fatal(err)
	}
	if v, nv := f.counts(url); v != 7 || nv != 0 {
		t.Errorf("after ReleaseAll: %d visible, %d in flight; want 7, 0", v, nv)
	}
}

// A FIFO queue whose one group holds 50 messages: SQS hands out no later
// message of the group while earlier ones are in flight, so a peek reads
// only the head. The pane says so, with numbers, and never calls the
// queue read to its end (issue 9: "10 read · exhausted" beside "40
// visible · 10 in flight").
func TestPeekLocalSQSFIFOHeadsAreNotTheEnd(t *testing.T) {
	f := newSQSFixture(t)
	url := f.create("ledger.fifo", map[string]string{"FifoQueue": "true", "ContentBasedDeduplication": "true"})
	for i := range 50 {
		_, err := f.admin.SendMessage(context.Background(), &sqs.SendMessageInput{QueueUrl: aws.String(url),
			MessageBody: aws.String(fmt.Sprintf(`{"n":%d}`, i)), MessageGroupId: aws.String("account-7")})
		if err != nil {
			t.Fatal(err)
		}
	}
	f.load()
	selectQueue(t, f.app, "ledger.fifo")
	drive(f.app, press(f.app, "p"))
	drive(f.app, press(f.app, "n")) // the group is locked: this page finds nothing more
	read := len(f.app.peek.Messages())
	if read == 0 || read >= 50 {
		t.Fatalf("read %d of the group's 50: the test proves nothing", read)
	}
	title := strings.SplitN(screen(f.app), "\n", 3)[1]
	want := fmt.Sprintf("FIFO: about %d more wait behind the first messages of 1 group", 50-read)
	if !strings.Contains(title, want) || strings.Contains(title, "exhausted") {
		t.Errorf("title %q, want %q", title, want)
	}
	drive(f.app, press(f.app, "esc"))
}
