package awsclient

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
)

// The end of a drain (issue 9): the receives that may find the DLQ empty
// are short polls, a run of empty ones is checked against the DLQ's
// count, and a DLQ with a receive wait of its own is always long-polled.
// One worker, so that the order of the receives is the order asked.

// pollLog is a proxy that records the DLQ's receives and count checks in
// the order they were answered. With missShort it answers every short
// poll with nothing, without forwarding it: a sample of SQS's servers
// that missed every message.
type pollLog struct {
	next      http.Handler
	dlq       string
	missShort bool

	mu     sync.Mutex
	events []pollEvent
}

// pollEvent is one call on the DLQ: a receive (wait -1: a short poll, the
// field absent) and what it got, or a count check.
type pollEvent struct {
	op        string
	wait, got int
}

func (p *pollLog) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	op := strings.TrimPrefix(r.Header.Get("X-Amz-Target"), "AmazonSQS.")
	body, _ := io.ReadAll(r.Body)
	var in struct {
		QueueUrl        string
		WaitTimeSeconds *int
	}
	_ = json.Unmarshal(body, &in)
	onDLQ := in.QueueUrl == p.dlq && (op == "ReceiveMessage" || op == "GetQueueAttributes")
	ev := pollEvent{op: op, wait: -1}
	if in.WaitTimeSeconds != nil {
		ev.wait = *in.WaitTimeSeconds
	}
	if onDLQ && op == "ReceiveMessage" && ev.wait == -1 && p.missShort {
		p.record(ev)
		w.Header().Set("Content-Type", "application/x-amz-json-1.0")
		_, _ = w.Write([]byte("{}"))
		return
	}
	r.Body = io.NopCloser(bytes.NewReader(body))
	rec := httptest.NewRecorder()
	p.next.ServeHTTP(rec, r)
	if onDLQ {
		var out struct{ Messages []json.RawMessage }
		_ = json.Unmarshal(rec.Body.Bytes(), &out)
		ev.got = len(out.Messages)
		p.record(ev)
	}
	copyResponse(w, rec)
}

func (p *pollLog) record(ev pollEvent) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.events = append(p.events, ev)
}

func (p *pollLog) log() []pollEvent {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]pollEvent(nil), p.events...)
}

func TestMoveDrainEndsWithoutWaitingOnALongPoll(t *testing.T) {
	t.Parallel()
	b, _ := localsqsBackend(t)
	f := newDLQFixture(t, serve(t, b.handler), false, 1, 25)
	p := &pollLog{next: b.handler, dlq: f.dlqURL}
	rep, err := NewStatic(serve(t, p), "us-east-1", testConfig()).Move(context.Background(),
		MoveRequest{SourceURL: f.dlqURL, Concurrency: 1}, nil)
	if err != nil || rep.Moved != 25 || rep.Cancelled {
		t.Fatalf("Move: %v, report %+v", err, rep)
	}
	evs := p.log()
	t.Logf("calls on the DLQ: %+v", evs)
	short := 0
	for _, ev := range evs {
		if ev.op != "ReceiveMessage" {
			continue
		}
		if ev.wait > 0 && ev.got == 0 {
			t.Errorf("a long poll came back empty: the move waited it out (%+v)", evs)
		}
		if ev.wait == -1 && ev.got == 0 {
			short++
		}
	}
	if short < moveShortEmptyStreak {
		t.Errorf("%d empty short polls; want a run of %d to end the receives", short, moveShortEmptyStreak)
	}
	if last := evs[len(evs)-1]; last.op != "GetQueueAttributes" {
		t.Errorf("the last call on the DLQ is %+v; want the count that confirms it empty", last)
	}
	checkNothingLost(t, f, rep)
}

func TestMoveUnconfirmedShortPollsFallBackToLongPolls(t *testing.T) {
	t.Parallel()
	b, _ := localsqsBackend(t)
	f := newDLQFixture(t, serve(t, b.handler), false, 1, 25)
	p := &pollLog{next: b.handler, dlq: f.dlqURL, missShort: true}
	rep, err := NewStatic(serve(t, p), "us-east-1", testConfig()).Move(context.Background(),
		MoveRequest{SourceURL: f.dlqURL, Concurrency: 1}, nil)
	if err != nil {
		t.Fatalf("Move: %v", err)
	}
	evs := p.log()
	t.Logf("calls on the DLQ: %+v", evs)
	if rep.Moved != 25 || rep.Cancelled {
		t.Errorf("report %+v; want all 25 moved though the short polls found nothing", rep)
	}
	sawShort, longAfter := false, false
	for _, ev := range evs {
		switch {
		case ev.op != "ReceiveMessage":
		case ev.wait == -1:
			sawShort = true
		case sawShort && ev.got > 0:
			longAfter = true
		}
	}
	if !sawShort || !longAfter {
		t.Errorf("want empty short polls, then long polls that find the rest (%+v)", evs)
	}
	checkNothingLost(t, f, rep)
	if n := f.count(t, f.dlqURL); n != 0 {
		t.Errorf("%d messages left in the DLQ", n)
	}
}

func TestMoveLongPollsADLQWithItsOwnReceiveWait(t *testing.T) {
	t.Parallel()
	b, _ := localsqsBackend(t)
	f := newDLQFixture(t, serve(t, b.handler), false, 1, 25)
	// A receive without WaitTimeSeconds would wait the queue's 5 s.
	setWait := func(s string) {
		if _, err := f.admin.SetQueueAttributes(context.Background(), &sqs.SetQueueAttributesInput{
			QueueUrl: aws.String(f.dlqURL), Attributes: map[string]string{"ReceiveMessageWaitTimeSeconds": s}}); err != nil {
			t.Fatal(err)
		}
	}
	setWait("5")
	p := &pollLog{next: b.handler, dlq: f.dlqURL}
	rep, err := NewStatic(serve(t, p), "us-east-1", testConfig()).Move(context.Background(),
		MoveRequest{SourceURL: f.dlqURL, Concurrency: 2}, nil)
	if err != nil || rep.Moved != 25 {
		t.Fatalf("Move: %v, report %+v", err, rep)
	}
	for _, ev := range p.log() {
		if ev.op == "ReceiveMessage" && ev.wait != moveWaitSeconds {
			t.Errorf("a receive with WaitTimeSeconds %d (-1: none, the queue's 5 s); want %d on every one", ev.wait, moveWaitSeconds)
		}
	}
	setWait("0") // the check's own receives are short polls
	checkNothingLost(t, f, rep)
}
