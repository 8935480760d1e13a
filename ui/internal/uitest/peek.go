package uitest

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/base64"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/sqscope/sqscope/awsclient"
	"github.com/sqscope/sqscope/model"
)

func (f *Client) OpenPeek(url string, o awsclient.PeekOptions) awsclient.Peek {
	f.Mu.Lock()
	defer f.Mu.Unlock()
	p := &Peek{URL: url, msgs: f.Messages[url], err: f.NextErr, gate: f.Gate, Opts: o, endsWithPage: f.NextEndsWithPage}
	f.peeks = append(f.peeks, p)
	return p
}

// opened is the sessions opened so far.
func (f *Client) Opened() []*Peek {
	f.Mu.Lock()
	defer f.Mu.Unlock()
	return append([]*Peek(nil), f.peeks...)
}

// Peek is one fake session: it hands out its messages in order,
// counts calls and holds what it handed out until Release.
type Peek struct {
	mu       sync.Mutex
	URL      string
	Opts     awsclient.PeekOptions
	msgs     []model.Message
	pos      int
	held     map[string]bool // ids handed out and not released
	err      error
	gate     chan struct{}
	nexts    int
	releases int
	ctxErr   error // what the last Next's context said when it returned
	// Again is what the next Next reports as received again (see
	// ReceiveAgain).
	Again []model.Message
	// lost and lostUntil are what Next and Release report as receives
	// whose answer was lost (see Lose).
	lost      int
	lostUntil time.Time
	// endsWithPage marks the page that hands out the last message
	// Exhausted, as awsclient does when its last receives came back empty;
	// otherwise only an empty page is (the tests that check what is held
	// need the hold to last).
	endsWithPage bool
}

// expire ends every hold, as SQS does when the peek's hold runs out.
func (p *Peek) Expire() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.held = nil
}

func (p *Peek) Next(ctx context.Context, n int) (awsclient.PeekPage, error) {
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
	for _, m := range p.Again {
		p.held[m.ID] = true
	}
	p.pos = end
	page.Exhausted = p.pos == len(p.msgs) && (p.endsWithPage || len(page.Messages) == 0)
	page.Again, p.Again = p.Again, nil
	page.LostReceives, page.LostHoldUntil = p.lost, p.lostUntil
	page.Duplicates = len(page.Again)
	page.Received += len(page.Again)
	return page, nil
}

func (p *Peek) Release(context.Context) (awsclient.ReleaseReport, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.releases++
	r := awsclient.ReleaseReport{Released: len(p.held), LostReceives: p.lost, LostHoldUntil: p.lostUntil}
	p.held = nil
	return r, nil
}

func (p *Peek) Held() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return len(p.held)
}

func (p *Peek) Holds(id string) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.held[id]
}

// counts returns how often Next and Release were called.
func (p *Peek) Counts() (nexts, releases int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.nexts, p.releases
}

// SentBase is when the fake messages were sent: before the test clock.
var SentBase = time.Date(2026, 11, 27, 2, 41, 7, 123e6, time.UTC)

// Message is a message as awsclient would build it, system attributes
// included.
func Message(i int, body string, receives int) model.Message {
	sent := SentBase.Add(time.Duration(i) * time.Minute)
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

func GzipBase64(t testing.TB, s string) string {
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

// DLQMessages is what orders-dlq holds: a JSON order with attributes (one
// Binary), a text body, a message at its receive limit, a gzip+base64 body
// and broken JSON.
func DLQMessages(t testing.TB) []model.Message {
	m0 := Message(0, `{"orderId":"ORD-1001","amount":42.5,"paid":false,"items":[{"sku":"A-1","qty":2}],"coupon":null}`, 3)
	m0.DLQSourceARN = ARN("orders")
	m0.System["DeadLetterQueueSourceArn"] = ARN("orders")
	m0.System["AWSTraceHeader"] = "Root=1-5759e988-bd862e3fe1be46a994272793"
	m0.Attributes = map[string]model.MessageAttribute{
		"traceId":  {DataType: "String", StringValue: "abc-123"},
		"retries":  {DataType: "Number", StringValue: "3"},
		"checksum": {DataType: "Binary", BinaryValue: []byte{0x00, 0x1b, '[', '2', 'J', 0xff, 0x9b, 'x'}},
	}
	m1 := Message(1, "refund requested for order ORD-1002 (customer asked twice)", 1)
	m2 := Message(2, `{"orderId":"ORD-1003","error":"card declined"}`, 5)
	m3 := Message(3, GzipBase64(t, `{"orderId":"ORD-1004","compressed":true}`), 2)
	m4 := Message(4, `{"orderId": "ORD-1005", "items": [1, 2,, }`, 1)
	return []model.Message{m0, m1, m2, m3, m4}
}

// FIFOMessages is what payments.fifo holds.
func FIFOMessages(t testing.TB) []model.Message {
	out := make([]model.Message, 3)
	for i := range out {
		m := Message(10+i, fmt.Sprintf(`{"payment":"PAY-%d","status":"pending"}`, i), 1)
		m.GroupID, m.DedupID, m.SequenceNumber = "customer-42", fmt.Sprintf("dedup-%d", i), fmt.Sprintf("1889000000000000000%d", i)
		m.System["MessageGroupId"], m.System["MessageDeduplicationId"], m.System["SequenceNumber"] = m.GroupID, m.DedupID, m.SequenceNumber
		m.Attributes = map[string]model.MessageAttribute{
			"signature": {DataType: "Binary", BinaryValue: []byte("\x1b]52;c;cm0gLXJmIH4K\x07 and more bytes than one hex row")},
		}
		out[i] = m
	}
	return out
}

// ReceiveAgain makes the next Next report m as received again.
func (p *Peek) ReceiveAgain(m model.Message) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.Again = append(p.Again, m)
}

// Add appends messages the session has not handed out yet (they arrived
// in the queue meanwhile).
func (p *Peek) Add(msgs ...model.Message) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.msgs = append(p.msgs, msgs...)
}

// CtxErr is what the last Next's context said when it returned.
func (p *Peek) CtxErr() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.ctxErr
}

// Lose makes the session report n receives whose answer was lost, their
// messages hidden until until, as awsclient does after a dropped answer.
func (p *Peek) Lose(n int, until time.Time) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.lost, p.lostUntil = n, until
}
