package demo

import (
	"context"
	"encoding/json"
	"maps"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/sqscope/sqscope/model"
)

// wantDepths is what Seed leaves visible in each queue.
var wantDepths = map[string]int{
	"orders-dlq":            failedOrdersPlain + 13,
	"orders":                pendingOrders,
	"payments-dlq.fifo":     failedPayments,
	"payments.fifo":         pendingPayments,
	"notifications-dlq":     failedEmails + failedSMS,
	"notifications-email":   pendingEmails,
	"notifications-sms":     pendingSMS,
	"analytics-events":      analyticsBacklog,
	"inventory-updates-dlq": 0,
	"inventory-updates":     inventoryBacklog,
	"shipping-labels":       labelsVisible,
	"audit-archive":         0,
}

func TestSeedBuildsScenario(t *testing.T) {
	eachBackend(t, func(t *testing.T, mk func() backend) {
		b := mk()
		if err := b.seed(context.Background(), Options{Seed: 42}); err != nil {
			t.Fatal(err)
		}
		want := maps.Clone(wantDepths)
		if b.small {
			want["analytics-events"] = smallBacklog
		}
		arns := map[string]string{}
		for _, q := range queueSpecs {
			a, err := b.client.attributes(context.Background(), b.url(t, q.name), "All")
			if err != nil {
				t.Fatal(err)
			}
			arns[q.name] = a["QueueArn"]
			if got := a["FifoQueue"] == "true"; got != q.fifo() {
				t.Errorf("%s: FifoQueue = %q, want fifo=%v", q.name, a["FifoQueue"], q.fifo())
			}
			if got, want := a["ApproximateNumberOfMessages"], strconv.Itoa(want[q.name]); got != want {
				t.Errorf("%s: ApproximateNumberOfMessages = %s, want %s", q.name, got, want)
			}
			rp, err := model.ParseRedrivePolicy(a["RedrivePolicy"])
			switch {
			case err != nil:
				t.Errorf("%s: RedrivePolicy %q: %v", q.name, a["RedrivePolicy"], err)
			case q.dlq == "" && rp != nil:
				t.Errorf("%s: unexpected RedrivePolicy %q", q.name, a["RedrivePolicy"])
			case q.dlq != "" && rp == nil:
				t.Errorf("%s: no RedrivePolicy, want one to %s", q.name, q.dlq)
			case q.dlq != "" && (rp.DeadLetterTargetARN != arns[q.dlq] || rp.MaxReceiveCount != q.maxRecv):
				t.Errorf("%s: RedrivePolicy = %+v, want %s after %d receives", q.name, *rp, arns[q.dlq], q.maxRecv)
			}
		}
		if got := b.count(t, "shipping-labels", "ApproximateNumberOfMessagesNotVisible"); got != labelsInFlight {
			t.Errorf("shipping-labels in flight = %d, want %d", got, labelsInFlight)
		}
		if got := b.count(t, "shipping-labels", "ApproximateNumberOfMessagesDelayed"); got != labelsDelayed {
			t.Errorf("shipping-labels delayed = %d, want %d", got, labelsDelayed)
		}
	})
}

// The shared DLQ must hold failures from both sources, each traceable to
// the queue it came from.
func TestSeedSharedDLQ(t *testing.T) {
	eachBackend(t, func(t *testing.T, mk func() backend) {
		b := mk()
		if err := b.seed(context.Background(), Options{Seed: 7}); err != nil {
			t.Fatal(err)
		}
		msgs := b.drain(t, "notifications-dlq")
		byChannel := map[string]int{}
		bySource := map[string]int{}
		for _, m := range msgs {
			var doc notificationDoc
			if err := json.Unmarshal([]byte(m.Body), &doc); err != nil {
				t.Fatalf("body %q: %v", m.Body, err)
			}
			byChannel[doc.Channel]++
			src := m.Attributes["DeadLetterQueueSourceArn"]
			bySource[model.NameFromARN(src)]++
			if b.noSourceARN == "" && !strings.HasSuffix(src, b.prefix+"notifications-"+doc.Channel) {
				t.Errorf("%s message came from %q", doc.Channel, src)
			}
		}
		if byChannel["email"] != failedEmails || byChannel["sms"] != failedSMS {
			t.Errorf("notifications-dlq by channel = %v, want email %d, sms %d", byChannel, failedEmails, failedSMS)
		}
		if b.noSourceARN != "" {
			t.Skip(b.noSourceARN)
		}
		if bySource[b.prefix+"notifications-email"] != failedEmails || bySource[b.prefix+"notifications-sms"] != failedSMS {
			t.Errorf("notifications-dlq by source = %v", bySource)
		}
	})
}

// Two runs with one seed must yield the same bodies, and every body must be
// something SQS accepts.
func TestSeedDeterministic(t *testing.T) {
	eachBackend(t, func(t *testing.T, mk func() backend) {
		run := func(seed int64) []string {
			b := mk()
			if err := b.seed(context.Background(), Options{Seed: seed}); err != nil {
				t.Fatal(err)
			}
			var bodies []string
			for _, q := range []string{"orders-dlq", "payments-dlq.fifo", "notifications-dlq", "orders"} {
				for _, m := range b.drain(t, q) {
					bodies = append(bodies, m.Body)
				}
			}
			slices.Sort(bodies)
			return bodies
		}
		first, second, other := run(99), run(99), run(100)
		if !slices.Equal(first, second) {
			t.Errorf("same seed, different bodies (%d vs %d)", len(first), len(second))
		}
		if slices.Equal(first, other) {
			t.Errorf("seeds 99 and 100 produced identical bodies")
		}
		for _, body := range first {
			if i := invalidSQSRune(body); i >= 0 {
				t.Errorf("body %.60q has a character SQS rejects at byte %d", body, i)
			}
		}
	})
}
