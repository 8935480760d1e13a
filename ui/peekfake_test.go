package ui

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/base64"
	"fmt"
	"reflect"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/sqscope/sqscope/awsclient"
	"github.com/sqscope/sqscope/model"
)

func (f *fakeClient) OpenPeek(url string, o awsclient.PeekOptions) awsclient.Peek {
	f.mu.Lock()
	defer f.mu.Unlock()
	p := &fakePeek{url: url, msgs: f.messages[url], err: f.nextErr, gate: f.gate, opts: o, endsWithPage: f.nextEndsWithPage}
	f.peeks = append(f.peeks, p)
	return p
}

// opened is the sessions opened so far.
func (f *fakeClient) opened() []*fakePeek {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]*fakePeek(nil), f.peeks...)
}

// fakePeek is one fake session: it hands out its messages in order,
// counts calls and holds what it handed out until Release.
type fakePeek struct {
	mu       sync.Mutex
	url      string
	opts     awsclient.PeekOptions
	msgs     []model.Message
	pos      int
	held     map[string]bool // ids handed out and not released
	err      error
	gate     chan struct{}
	nexts    int
	releases int
	ctxErr   error // what the last Next's context said when it returned
	// again is what the next Next reports as received again.
	again []model.Message
	// endsWithPage marks the page that hands out the last message
	// Exhausted, as awsclient does when its last receives came back empty;
	// otherwise only an empty page is (the tests that check what is held
	// need the hold to last).
	endsWithPage bool
}

// expire ends every hold, as SQS does when the peek's hold runs out.
func (p *fakePeek) expire() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.held = nil
}

func (p *fakePeek) Next(ctx context.Context, n int) (awsclient.PeekPage, error) {
	p.mu.Lock()
	p.nexts++
	gate := p.gate
	p.mu.Unlock()
	if gate != nil {
		select {
		case <-gate:
		case <-ctx.Done():
			p.mu.Lock()
			p.ctxErr = ctx.Err()
			p.mu.Unlock()
			return awsclient.PeekPage{}, ctx.Err()
		}
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.err != nil {
		return awsclient.PeekPage{}, p.err
	}
	end := min(p.pos+n, len(p.msgs))
	page := awsclient.PeekPage{Messages: append([]model.Message(nil), p.msgs[p.pos:end]...)}
	page.Received = end - p.pos
	if p.held == nil {
		p.held = map[string]bool{}
	}
	for _, m := range page.Messages {
		p.held[m.ID] = true
	}
	for _, m := range p.again {
		p.held[m.ID] = true
	}
	p.pos = end
	page.Exhausted = p.pos == len(p.msgs) && (p.endsWithPage || len(page.Messages) == 0)
	page.Again, p.again = p.again, nil
	page.Duplicates = len(page.Again)
	page.Received += len(page.Again)
	return page, nil
}

func (p *fakePeek) Release(context.Context) (awsclient.ReleaseReport, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.releases++
	r := awsclient.ReleaseReport{Released: len(p.held)}
	p.held = nil
	return r, nil
}

func (p *fakePeek) Held() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return len(p.held)
}

func (p *fakePeek) Holds(id string) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.held[id]
}

// counts returns how often Next and Release were called.
func (p *fakePeek) counts() (nexts, releases int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.nexts, p.releases
}

// sentBase is when the fake messages were sent: before the test clock.
var sentBase = time.Date(2026, 11, 27, 2, 41, 7, 123e6, time.UTC)

// testMessage is a message as awsclient would build it, system attributes
// included.
func testMessage(i int, body string, receives int) model.Message {
	sent := sentBase.Add(time.Duration(i) * time.Minute)
	first := sent.Add(30 * time.Second)
	return model.Message{
		ID:             fmt.Sprintf("%08x-1c2d-4e5f-8a9b-%012d", 0x7f3c0000+i, i),
		Body:           body,
		MD5OfBody:      "0123456789abcdef0123456789abcdef",
		SentAt:         sent,
		FirstReceiveAt: first,
		ReceiveCount:   receives,
		SenderID:       "AIDAEXAMPLEEXAMPLE01",
		System: map[string]string{
			"SentTimestamp":                    fmt.Sprint(sent.UnixMilli()),
			"ApproximateFirstReceiveTimestamp": fmt.Sprint(first.UnixMilli()),
			"ApproximateReceiveCount":          fmt.Sprint(receives),
			"SenderId":                         "AIDAEXAMPLEEXAMPLE01",
		},
	}
}

func gzipBase64(t testing.TB, s string) string {
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	if _, err := zw.Write([]byte(s)); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return base64.StdEncoding.EncodeToString(b.Bytes())
}

// dlqMessages is what orders-dlq holds: a JSON order with attributes (one
// Binary), a text body, a message at its receive limit, a gzip+base64 body
// and broken JSON.
func dlqMessages(t testing.TB) []model.Message {
	m0 := testMessage(0, `{"orderId":"ORD-1001","amount":42.5,"paid":false,"items":[{"sku":"A-1","qty":2}],"coupon":null}`, 3)
	m0.DLQSourceARN = testARN("orders")
	m0.System["DeadLetterQueueSourceArn"] = testARN("orders")
	m0.System["AWSTraceHeader"] = "Root=1-5759e988-bd862e3fe1be46a994272793"
	m0.Attributes = map[string]model.MessageAttribute{
		"traceId":  {DataType: "String", StringValue: "abc-123"},
		"retries":  {DataType: "Number", StringValue: "3"},
		"checksum": {DataType: "Binary", BinaryValue: []byte{0x00, 0x1b, '[', '2', 'J', 0xff, 0x9b, 'x'}},
	}
	m1 := testMessage(1, "refund requested for order ORD-1002 (customer asked twice)", 1)
	m2 := testMessage(2, `{"orderId":"ORD-1003","error":"card declined"}`, 5)
	m3 := testMessage(3, gzipBase64(t, `{"orderId":"ORD-1004","compressed":true}`), 2)
	m4 := testMessage(4, `{"orderId": "ORD-1005", "items": [1, 2,, }`, 1)
	return []model.Message{m0, m1, m2, m3, m4}
}

// fifoMessages is what payments.fifo holds.
func fifoMessages(t testing.TB) []model.Message {
	out := make([]model.Message, 3)
	for i := range out {
		m := testMessage(10+i, fmt.Sprintf(`{"payment":"PAY-%d","status":"pending"}`, i), 1)
		m.GroupID, m.DedupID, m.SequenceNumber = "customer-42", fmt.Sprintf("dedup-%d", i), fmt.Sprintf("1889000000000000000%d", i)
		m.System["MessageGroupId"], m.System["MessageDeduplicationId"], m.System["SequenceNumber"] = m.GroupID, m.DedupID, m.SequenceNumber
		m.Attributes = map[string]model.MessageAttribute{
			"signature": {DataType: "Binary", BinaryValue: []byte("\x1b]52;c;cm0gLXJmIH4K\x07 and more bytes than one hex row")},
		}
		out[i] = m
	}
	return out
}

// peekApp is a loaded App whose fake serves dlqMessages on orders-dlq and
// fifoMessages on payments.fifo.
func peekApp(t testing.TB, w, h int) (*App, *fakeClient) {
	a, f := loadedApp(t, w, h)
	f.mu.Lock()
	f.messages = map[string][]model.Message{
		testQueue("orders-dlq", 0, 0, 0, "").URL:    dlqMessages(t),
		testQueue("orders", 0, 0, 0, "").URL:        dlqMessages(t)[1:3],
		testQueue("payments.fifo", 0, 0, 0, "").URL: fifoMessages(t),
	}
	f.mu.Unlock()
	return a, f
}

// drive runs cmd and feeds every message it produces back into the App,
// following the commands that returns, until nothing is left. It must not
// be given a timer (quit's fallback tick) or it waits for it.
func drive(a *App, cmd tea.Cmd) {
	for _, m := range runCmd(cmd) {
		if m == nil {
			continue
		}
		_, next := a.Update(m)
		drive(a, next)
	}
}

// openPeek selects queue name, presses p (and y when asked) and lets the
// first page arrive.
func openPeek(t testing.TB, a *App, name string) {
	t.Helper()
	selectQueue(t, a, name)
	cmd := press(a, "p")
	if a.confirm != nil {
		cmd = press(a, "y")
	}
	drive(a, cmd)
	if !a.peekOpen() {
		t.Fatalf("peek pane not open on %s", name)
	}
}

// bareStyles is a theme without any attribute at all, so a rendered frame
// holds no escape sequence of ours: any ESC in it came from a message.
func bareStyles() Styles {
	var s Styles
	v := reflect.ValueOf(&s).Elem()
	for i := range v.NumField() {
		v.Field(i).Set(reflect.ValueOf(lipgloss.NewStyle()))
	}
	return s
}
