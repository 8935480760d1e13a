package awsclient

import (
	"context"
	"fmt"
	"net/http/httptest"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	"github.com/aws/aws-sdk-go-v2/service/sqs/types"

	"github.com/sqscope/sqscope/localsqs"
)

const (
	benchMoveN           = 10_000
	benchMoveConcurrency = 8
	// benchMoveRounds: each phase runs this many times, interleaved with
	// the others, and the median is reported. On a shared machine one
	// round can be off by a factor of two; the median of rounds that ran
	// side by side is what the ratios are made of.
	benchMoveRounds = 3
)

// BenchmarkMove10k moves 10,000 messages (body + 3 attributes) from one
// localsqs queue to another, over loopback HTTP, in phases that run side
// by side, round after round:
//
//   - sdk: a tight aws-sdk-go-v2 receive → send → delete loop, the
//     baseline, which knows the count and does nothing else;
//   - limit: Move told the count (Limit);
//   - drain: Move draining the queue (it must see the queue empty to stop);
//   - journal: Move told the count, with a journal (fsync'd before sends);
//   - ui: Move as the UI runs it — the journal, no Limit (the whole DLQ),
//     the default concurrency, a progress reader — beside the tight loop
//     at that concurrency (sdk-ui).
//
// Every phase gets fresh queues, deleted afterwards, and a GC before its
// clock starts, so no phase pays for another's garbage. Each ratio is the
// median over the rounds; the rounds are logged. cpu-µs/msg is the whole
// process's CPU time (client and server) per message moved: the phases
// are CPU-bound on a small machine, so it says where a ratio comes from;
// fsyncs is how many the journal made for the 10,000 messages.
// Run with -benchtime=1x.
func BenchmarkMove10k(b *testing.B) {
	srv := localsqs.New(localsqs.Options{})
	b.Cleanup(srv.Close)
	hs := httptest.NewServer(srv)
	b.Cleanup(hs.Close)
	ep := hs.URL
	c := NewStatic(ep, "us-east-1", Config{})
	admin := adminClient(ep)
	ctx := context.Background()
	move := func(req MoveRequest, progress chan<- MoveProgress) {
		rep, err := c.Move(ctx, req, progress)
		if err != nil || rep.Moved != benchMoveN {
			b.Fatalf("Move: %v, %+v", err, rep)
		}
	}
	journal := func() string { return filepath.Join(b.TempDir(), "journal") }
	var fsyncs atomic.Int64
	journalSynced = func(string, int64) { fsyncs.Add(1) }
	b.Cleanup(func() { journalSynced = nil })
	phases := []benchPhase{
		{"sdk", func(from, to string) { sdkLoop(b, c.api, from, to, benchMoveN, benchMoveConcurrency) }},
		{"limit", func(from, to string) {
			move(MoveRequest{SourceURL: from, DestURL: to, Limit: benchMoveN, Concurrency: benchMoveConcurrency}, nil)
		}},
		{"drain", func(from, to string) {
			move(MoveRequest{SourceURL: from, DestURL: to, Concurrency: benchMoveConcurrency}, nil)
		}},
		{"journal", func(from, to string) {
			move(MoveRequest{SourceURL: from, DestURL: to, Limit: benchMoveN, Concurrency: benchMoveConcurrency,
				JournalPath: journal()}, nil)
		}},
		{"sdk-ui", func(from, to string) { sdkLoop(b, c.api, from, to, benchMoveN, DefaultMoveConcurrency) }},
		{"ui", func(from, to string) {
			progress := make(chan MoveProgress, 1)
			go func() {
				for range progress {
				}
			}()
			move(MoveRequest{SourceURL: from, DestURL: to, JournalPath: journal()}, progress)
		}},
	}
	for i := 0; i < b.N; i++ {
		rate := map[string][]float64{}
		cpu := map[string][]float64{}
		syncs := map[string][]float64{}
		for r := range benchMoveRounds {
			line := fmt.Sprintf("round %d:", r+1)
			for _, ph := range phases {
				from := moveBenchQueue(b, admin, fmt.Sprintf("%s-from-%d-%d", ph.name, i, r))
				to := moveBenchQueue(b, admin, fmt.Sprintf("%s-to-%d-%d", ph.name, i, r))
				fillQueue(b, admin, from, benchMoveN)
				runtime.GC()
				fsyncs.Store(0)
				cpu0, start := processCPU(), time.Now()
				ph.run(from, to)
				took, used := time.Since(start), processCPU()-cpu0
				rate[ph.name] = append(rate[ph.name], benchMoveN/took.Seconds())
				cpu[ph.name] = append(cpu[ph.name], float64(used.Microseconds())/benchMoveN)
				syncs[ph.name] = append(syncs[ph.name], float64(fsyncs.Load()))
				line += fmt.Sprintf(" %s %.0f msg/s (%.0f µs/msg", ph.name, benchMoveN/took.Seconds(), float64(used.Microseconds())/benchMoveN)
				if n := fsyncs.Load(); n > 0 {
					line += fmt.Sprintf(", %d fsyncs", n)
				}
				line += ")"
				for _, u := range []string{from, to} {
					_, _ = admin.DeleteQueue(ctx, &sqs.DeleteQueueInput{QueueUrl: aws.String(u)})
				}
			}
			b.Log(line)
		}
		ratio := func(phase, base string) float64 {
			rs := make([]float64, benchMoveRounds)
			for r := range rs {
				rs[r] = rate[phase][r] / rate[base][r] * 100
			}
			return median(rs)
		}
		for _, ph := range phases {
			b.ReportMetric(median(rate[ph.name]), ph.name+"-msgs/s")
			b.ReportMetric(median(cpu[ph.name]), ph.name+"-cpu-µs/msg")
		}
		b.ReportMetric(median(syncs["journal"]), "journal-fsyncs")
		b.ReportMetric(median(syncs["ui"]), "ui-fsyncs")
		b.ReportMetric(ratio("limit", "sdk"), "%-of-sdk")
		b.ReportMetric(ratio("drain", "sdk"), "%-of-sdk-drain")
		b.ReportMetric(ratio("journal", "sdk"), "%-of-sdk-journal")
		b.ReportMetric(ratio("ui", "sdk-ui"), "%-of-sdk-ui")
	}
}

// benchPhase is one way of moving the 10,000 messages.
type benchPhase struct {
	name string
	run  func(from, to string)
}

func median(v []float64) float64 {
	s := slices.Clone(v)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

func moveBenchQueue(b *testing.B, admin *sqs.Client, name string) string {
	out, err := admin.CreateQueue(context.Background(), &sqs.CreateQueueInput{QueueName: aws.String(name)})
	if err != nil {
		b.Fatal(err)
	}
	return aws.ToString(out.QueueUrl)
}

// fillQueue sends n messages with attributes, 8 batches at a time.
func fillQueue(b *testing.B, admin *sqs.Client, url string, n int) {
	b.Helper()
	var wg sync.WaitGroup
	var failed atomic.Bool
	sem := make(chan struct{}, 8)
	for start := 0; start < n; start += 10 {
		sem <- struct{}{}
		wg.Go(func() {
			defer func() { <-sem }()
			entries := make([]types.SendMessageBatchRequestEntry, 0, 10)
			for i := start; i < min(start+10, n); i++ {
				entries = append(entries, types.SendMessageBatchRequestEntry{
					Id: aws.String(strconv.Itoa(i - start)), MessageBody: aws.String(fmt.Sprintf(`{"order":%d,"error":"timeout"}`, i)),
					MessageAttributes: map[string]types.MessageAttributeValue{
						"kind": {DataType: aws.String("String"), StringValue: aws.String("order")},
						"n":    {DataType: aws.String("Number"), StringValue: aws.String(strconv.Itoa(i))},
						"blob": {DataType: aws.String("Binary"), BinaryValue: []byte{1, 2, 3}},
					},
				})
			}
			if _, err := admin.SendMessageBatch(context.Background(), &sqs.SendMessageBatchInput{QueueUrl: aws.String(url), Entries: entries}); err != nil {
				failed.Store(true)
			}
		})
	}
	wg.Wait()
	if failed.Load() {
		b.Fatal("fill failed")
	}
}

// sdkLoop is the baseline: workers receive, send what they got, delete
// what was sent, until n messages have moved. No journal, no heartbeat,
// no per-entry bookkeeping.
func sdkLoop(b *testing.B, api *sqs.Client, from, to string, n, workers int) {
	// Cancelled at the count, so no worker sits out a long poll at the end.
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var moved atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for moved.Load() < int64(n) {
				out, err := api.ReceiveMessage(ctx, &sqs.ReceiveMessageInput{
					QueueUrl: aws.String(from), MaxNumberOfMessages: 10, VisibilityTimeout: 60, WaitTimeSeconds: 1,
					MessageAttributeNames:       []string{"All"},
					MessageSystemAttributeNames: []types.MessageSystemAttributeName{types.MessageSystemAttributeNameAll},
				})
				if err != nil || len(out.Messages) == 0 {
					continue
				}
				send := make([]types.SendMessageBatchRequestEntry, len(out.Messages))
				del := make([]types.DeleteMessageBatchRequestEntry, len(out.Messages))
				for i, m := range out.Messages {
					id := aws.String(strconv.Itoa(i))
					send[i] = types.SendMessageBatchRequestEntry{Id: id, MessageBody: m.Body, MessageAttributes: m.MessageAttributes}
					del[i] = types.DeleteMessageBatchRequestEntry{Id: id, ReceiptHandle: m.ReceiptHandle}
				}
				if _, err := api.SendMessageBatch(ctx, &sqs.SendMessageBatchInput{QueueUrl: aws.String(to), Entries: send}); err != nil {
					continue
				}
				if _, err := api.DeleteMessageBatch(ctx, &sqs.DeleteMessageBatchInput{QueueUrl: aws.String(from), Entries: del}); err == nil {
					if moved.Add(int64(len(del))) >= int64(n) {
						cancel()
					}
				}
			}
		})
	}
	wg.Wait()
}
