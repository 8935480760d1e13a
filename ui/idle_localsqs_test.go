package ui

import (
	"context"
	"fmt"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/sqs"

	"github.com/sqscope/sqscope/awsclient"
	"github.com/sqscope/sqscope/internal/sqstest"
	"github.com/sqscope/sqscope/localsqs"
	"github.com/sqscope/sqscope/ui/internal/uitest"
)

// What sqscope costs while nobody presses a key: the real awsclient against
// localsqs, every request counted on the wire, the refresh cycle driven by
// a fake clock (a minute is as many ticks as it holds; nothing sleeps).

func total(calls map[string]int) (n int) {
	for _, v := range calls {
		n += v
	}
	return n
}

// idleFixture is an App at 120×36 over n queues q-0000… in localsqs, with
// q-0003 → zz-dlq (its DLQ, off screen) and zz-src → zz-src-dlq (both off
// screen), listed once, the cursor on q-0003.
type idleFixture struct {
	app   *App
	clock *uitest.Clock
	calls *sqstest.Counter
	admin *sqs.Client
	every time.Duration
}

func newIdleFixture(tb testing.TB, n int, o Options) *idleFixture {
	srv := localsqs.New(localsqs.Options{})
	direct := httptest.NewServer(srv)
	calls := sqstest.NewCounter(srv)
	counted := httptest.NewServer(calls)
	tb.Cleanup(func() { counted.Close(); direct.Close(); srv.Close() })
	x := &idleFixture{calls: calls, every: o.Refresh, admin: sqs.New(sqs.Options{
		Region: "us-east-1", BaseEndpoint: aws.String(direct.URL),
		Credentials: credentials.NewStaticCredentialsProvider("test", "test", ""),
	})}
	x.create(tb, "zz-dlq", "")
	x.create(tb, "zz-src-dlq", "")
	x.create(tb, "zz-src", "zz-src-dlq")
	var wg sync.WaitGroup
	sem := make(chan struct{}, 16)
	for i := range n {
		wg.Go(func() {
			sem <- struct{}{}
			defer func() { <-sem }()
			dlq := ""
			if i == 3 {
				dlq = "zz-dlq"
			}
			x.create(tb, fmt.Sprintf("q-%04d", i), dlq)
		})
	}
	wg.Wait()

	client := awsclient.NewStatic(counted.URL, "us-east-1", awsclient.Config{MaxBackoff: 20 * time.Millisecond})
	x.clock = &uitest.Clock{T: time.Date(2026, 12, 3, 3, 0, 0, 0, time.UTC)}
	x.app = New(client, o)
	x.app.com.Now, x.app.arm = x.clock.Now, armNow
	x.app.Update(tea.WindowSizeMsg{Width: 120, Height: 36})
	drive(x.app, x.app.refresh())
	if got := len(x.app.cat.Queues); got != n+3 {
		tb.Fatalf("%d queues listed, want %d: %v", got, n+3, x.app.poll.Err())
	}
	press(x.app, "j", "j", "j")
	if selectedName(x.app) != "q-0003" {
		tb.Fatalf("selected %q", selectedName(x.app))
	}
	return x
}

// create makes a queue (Errorf, not Fatalf: it runs on many goroutines).
func (x *idleFixture) create(tb testing.TB, name, dlq string) {
	in := &sqs.CreateQueueInput{QueueName: aws.String(name)}
	if dlq != "" {
		in.Attributes = map[string]string{"RedrivePolicy": `{"deadLetterTargetArn":"` + testARN(dlq) + `","maxReceiveCount":"5"}`}
	}
	if _, err := x.admin.CreateQueue(context.Background(), in); err != nil {
		tb.Errorf("CreateQueue %s: %v", name, err)
	}
}

func (x *idleFixture) send(tb testing.TB, name string, n int) {
	url := x.app.cat.ByARN[testARN(name)].URL
	for range n {
		if _, err := x.admin.SendMessage(context.Background(), &sqs.SendMessageInput{QueueUrl: aws.String(url), MessageBody: aws.String("m")}); err != nil {
			tb.Fatal(err)
		}
	}
}

// tick moves the clock on by one --refresh and lets the timer's poll run.
func (x *idleFixture) tick() {
	x.clock.T = x.clock.T.Add(x.every)
	_, cmd := x.app.Update(tickMsg{})
	drive(x.app, cmd)
}

// oldestOnScreen is the age of the oldest counts on screen.
func (x *idleFixture) oldestOnScreen() (oldest time.Duration) {
	for _, u := range x.app.hot() {
		oldest = max(oldest, x.app.poll.Age(u))
	}
	return oldest
}

// visible is the count the catalog (so the screen) has for queue name.
func (x *idleFixture) visible(name string) int64 {
	return x.app.cat.ByARN[testARN(name)].Stats.Visible
}

// TestIdleMinuteAt2000Queues: an idle minute at the defaults (--refresh 3s,
// --refresh-all 60s) with 2,000 queues costs at most 3,000 calls (it was
// 40,040), rows on screen are never older than --refresh, and a DLQ off
// screen still shows its messages (the ! marker) within --refresh-all.
func TestIdleMinuteAt2000Queues(t *testing.T) {
	if testing.Short() {
		t.Skip("skipped in -short mode: creates 2,000 queues")
	}
	x := newIdleFixture(t, 2000, Options{Refresh: 3 * time.Second})
	x.calls.Take()
	ticks := int(time.Minute / x.every)
	for i := 1; i <= ticks; i++ {
		if i == 5 {
			x.send(t, "q-0000", 2)     // a row on screen
			x.send(t, "zz-dlq", 4)     // the selected queue's DLQ, off screen
			x.send(t, "zz-src-dlq", 3) // a DLQ off screen
		}
		x.clock.T = x.clock.T.Add(x.every)
		if age := x.oldestOnScreen(); age > x.every {
			t.Fatalf("tick %d: counts on screen %v old before the tick, more than --refresh", i, age)
		}
		_, cmd := x.app.Update(tickMsg{})
		drive(x.app, cmd)
		if age := x.oldestOnScreen(); age != 0 {
			t.Fatalf("tick %d: counts on screen %v old after the tick", i, age)
		}
		if i == 5 {
			if x.visible("q-0000") != 2 || x.visible("zz-dlq") != 4 {
				t.Errorf("the tick after the sends shows q-0000 %d, zz-dlq %d; want 2, 4", x.visible("q-0000"), x.visible("zz-dlq"))
			}
			if s := screen(x.app); !strings.Contains(s, "→ zz-dlq (4 messages)") {
				t.Errorf("the selected queue's DLQ depth is not on screen:\n%s", s)
			}
		}
		if i < ticks && x.visible("zz-src-dlq") != 0 {
			t.Fatalf("tick %d: a DLQ off screen was read before --refresh-all", i)
		}
	}
	calls := x.calls.Take()
	t.Logf("one idle minute at 2,000 queues: %d calls %v", total(calls), calls)
	if n := total(calls); n > 3000 {
		t.Errorf("%d calls in an idle minute, goal ≤ 3,000", n)
	}
	// One listing (3 pages), every queue read once and the 25 queues on
	// screen on 19 more ticks: 2,481. The wire counts every attempt, as
	// AWS bills them, and on a loaded machine under -race the SDK has been
	// seen to retry a call, so a few more are allowed; the schedule itself
	// is counted exactly with the fake client (schedule_test.go).
	lq, gqa := calls["ListQueues"], calls["GetQueueAttributes"]
	if lq < 3 || lq > 5 || gqa < 2003+19*25 || gqa > 2003+19*25+20 || total(calls) != lq+gqa {
		t.Errorf("calls %v: want 3 ListQueues and 2,478 GetQueueAttributes (a few retries aside)", calls)
	}
	if x.visible("zz-src-dlq") != 3 {
		t.Fatalf("a DLQ off screen shows %d messages after --refresh-all, want 3", x.visible("zz-src-dlq"))
	}
	press(x.app, "G")
	if s := screen(x.app); !strings.Contains(s, "!zz-src-dlq ") || !strings.Contains(s, "counts 0s old") {
		t.Errorf("the DLQ's marker or the header's age is wrong:\n%s", s)
	}
}

// BenchmarkIdleCalls2000 counts the SQS calls of one idle minute at 2,000
// queues (the real awsclient against localsqs, every request counted on
// the wire, 120×36, a fake clock ticking every --refresh 3s): "before" is
// the schedule sqscope had, every queue on every tick (--refresh-all equal
// to --refresh); "after" is the defaults, the rows on screen every tick
// and every queue once a minute. One minute per iteration:
//
//	go test ./ui -run '^$' -bench IdleCalls2000 -benchtime=1x
//
// Metrics: calls/min (goal ≤ 3,000), GetQueueAttributes/min and
// ListQueues/min, and USD/day at $0.40 per million requests.
func BenchmarkIdleCalls2000(b *testing.B) {
	for _, mode := range []struct {
		name string
		all  time.Duration
	}{
		{"before", 3 * time.Second},
		{"after", 0}, // DefaultRefreshAll
	} {
		b.Run(mode.name, func(b *testing.B) {
			x := newIdleFixture(b, 2000, Options{Refresh: 3 * time.Second, RefreshAll: mode.all})
			x.calls.Take()
			minutes := 0
			for b.Loop() {
				for range time.Minute / x.every {
					x.tick()
				}
				minutes++
			}
			calls := x.calls.Take()
			per := func(n int) float64 { return float64(n) / float64(minutes) }
			b.ReportMetric(per(total(calls)), "calls/min")
			b.ReportMetric(per(calls["GetQueueAttributes"]), "GetQueueAttributes/min")
			b.ReportMetric(per(calls["ListQueues"]), "ListQueues/min")
			b.ReportMetric(per(total(calls))*60*24*0.40/1e6, "USD/day")
		})
	}
}
