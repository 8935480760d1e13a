package demo

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"
)

// queueSpec is one queue of the scenario.
type queueSpec struct {
	name    string
	dlq     string // name of its dead-letter queue; "" for none
	maxRecv int    // RedrivePolicy maxReceiveCount when dlq is set
	team    string
	attrs   map[string]string
}

func (q queueSpec) fifo() bool { return strings.HasSuffix(q.name, ".fifo") }

const (
	twoWeeks = "1209600"
	oneDay   = "86400"
)

// queueSpecs lists DLQs before their sources, so a source's RedrivePolicy
// can name an ARN that already exists.
var queueSpecs = []queueSpec{
	{name: "orders-dlq", team: "checkout", attrs: map[string]string{"MessageRetentionPeriod": twoWeeks}},
	{name: "orders", dlq: "orders-dlq", maxRecv: 3, team: "checkout", attrs: map[string]string{"VisibilityTimeout": "30"}},
	{name: "payments-dlq.fifo", team: "payments", attrs: map[string]string{"MessageRetentionPeriod": twoWeeks}},
	{name: "payments.fifo", dlq: "payments-dlq.fifo", maxRecv: 3, team: "payments", attrs: map[string]string{"VisibilityTimeout": "60"}},
	{name: "notifications-dlq", team: "messaging", attrs: map[string]string{"MessageRetentionPeriod": twoWeeks}},
	{name: "notifications-email", dlq: "notifications-dlq", maxRecv: 5, team: "messaging", attrs: map[string]string{"VisibilityTimeout": "20"}},
	{name: "notifications-sms", dlq: "notifications-dlq", maxRecv: 2, team: "messaging", attrs: map[string]string{"VisibilityTimeout": "20"}},
	{name: "analytics-events", team: "data", attrs: map[string]string{"VisibilityTimeout": "15", "MessageRetentionPeriod": oneDay}},
	{name: "inventory-updates-dlq", team: "fulfilment", attrs: map[string]string{"MessageRetentionPeriod": twoWeeks}},
	{name: "inventory-updates", dlq: "inventory-updates-dlq", maxRecv: 5, team: "fulfilment"},
	{name: "shipping-labels", team: "fulfilment", attrs: map[string]string{"VisibilityTimeout": "120"}},
	{name: "audit-archive", team: "platform", attrs: map[string]string{"MessageRetentionPeriod": twoWeeks, "ReceiveMessageWaitTimeSeconds": "20"}},
}

// How many messages Seed leaves where; the tests hold the server to these.
const (
	failedOrdersPlain = 23 // plus len(oddOrders) = 13
	failedPayments    = 6
	failedEmails      = 5
	failedSMS         = 4
	pendingOrders     = 25
	pendingPayments   = 12
	pendingEmails     = 14
	pendingSMS        = 6
	analyticsBacklog  = 1500
	smallBacklog      = 60 // analyticsBacklog with Options.Small
	inventoryBacklog  = 40
	labelsVisible     = 8
	labelsInFlight    = 5
	labelsDelayed     = 3
)

// seedEpoch anchors every timestamp in a seeded scenario, so a fixed Seed
// yields identical bodies whenever it runs.
var seedEpoch = time.Date(2026, time.November, 27, 3, 0, 0, 0, time.UTC)

func baseTime(seed int64) time.Time {
	if seed != 0 {
		return seedEpoch
	}
	return time.Now()
}

type seeder struct {
	c    *client
	o    Options
	g    *gen
	base time.Time
	urls map[string]string // scenario name -> queue URL
	arns map[string]string // scenario name -> queue ARN
}

func seed(ctx context.Context, c *client, o Options) error {
	base := baseTime(o.Seed)
	o = o.withDefaults()
	s := &seeder{c: c, o: o, g: newGen(o.Seed, 0), base: base, urls: map[string]string{}, arns: map[string]string{}}
	for _, q := range queueSpecs {
		if err := s.create(ctx, q); err != nil {
			return err
		}
	}
	steps := []func(context.Context) error{s.orders, s.payments, s.notifications, s.backlogs}
	for _, step := range steps {
		if err := step(ctx); err != nil {
			return err
		}
	}
	o.Logf("demo: seeded %d queues", len(queueSpecs))
	return nil
}

func (s *seeder) create(ctx context.Context, q queueSpec) error {
	attrs := map[string]string{}
	for k, v := range q.attrs {
		attrs[k] = v
	}
	if q.fifo() {
		attrs["FifoQueue"] = "true"
		attrs["ContentBasedDeduplication"] = "true"
	}
	if q.dlq != "" {
		attrs["RedrivePolicy"] = fmt.Sprintf(`{"deadLetterTargetArn":%q,"maxReceiveCount":%d}`, s.arns[q.dlq], q.maxRecv)
	}
	name := s.o.Prefix + q.name
	url, err := s.c.createQueue(ctx, name, attrs, map[string]string{"team": q.team, "env": "demo"})
	if err != nil {
		return err
	}
	a, err := s.c.attributes(ctx, url, "QueueArn")
	if err != nil {
		return err
	}
	if a["QueueArn"] == "" {
		return fmt.Errorf("demo: %s has no QueueArn", name)
	}
	s.urls[q.name], s.arns[q.name] = url, a["QueueArn"]
	return nil
}

// ago is a moment up to minutes before the scenario's "now".
func (s *seeder) ago(minutes int) time.Time {
	return s.base.Add(-time.Duration(1+s.g.pick(minutes*60)) * time.Second)
}

func (s *seeder) orders(ctx context.Context) error {
	var failed []sendEntry
	for range failedOrdersPlain {
		failed = append(failed, s.g.failedOrder(s.ago(6*60)))
	}
	// Interleave the odd bodies so they don't cluster at one end of the DLQ.
	for i, e := range s.g.oddOrders(s.ago(6 * 60)) {
		at := min(len(failed), 1+i*3)
		failed = slices.Insert(failed, at, e)
	}
	if err := s.deadLetter(ctx, "orders", failed); err != nil {
		return err
	}
	var pending []sendEntry
	for range pendingOrders {
		o := s.g.order(s.ago(5))
		pending = append(pending, sendEntry{Body: mustJSON(o), Attributes: s.g.orderAttrs("OrderPlaced", "", o.Channel)})
	}
	return s.c.sendBatch(ctx, s.urls["orders"], pending)
}

func (s *seeder) payments(ctx context.Context) error {
	var failed, pending []sendEntry
	for range failedPayments {
		failed = append(failed, s.g.payment(s.ago(3*60), true))
	}
	if err := s.deadLetter(ctx, "payments.fifo", failed); err != nil {
		return err
	}
	for range pendingPayments {
		pending = append(pending, s.g.payment(s.ago(5), false))
	}
	return s.c.sendBatch(ctx, s.urls["payments.fifo"], pending)
}

// notifications fails messages from both sources into the shared DLQ.
func (s *seeder) notifications(ctx context.Context) error {
	for _, ch := range []struct {
		queue, channel   string
		failed, existing int
	}{{"notifications-email", "email", failedEmails, pendingEmails}, {"notifications-sms", "sms", failedSMS, pendingSMS}} {
		var failed, pending []sendEntry
		for range ch.failed {
			failed = append(failed, s.g.notification(s.ago(12*60), ch.channel, true))
		}
		if err := s.deadLetter(ctx, ch.queue, failed); err != nil {
			return err
		}
		for range ch.existing {
			pending = append(pending, s.g.notification(s.ago(2), ch.channel, false))
		}
		if err := s.c.sendBatch(ctx, s.urls[ch.queue], pending); err != nil {
			return err
		}
	}
	return nil
}

// backlogs fills the queues without failures: a deep analytics backlog,
// some inventory updates, and shipping labels in every state (visible, held
// by a stuck worker, delayed).
func (s *seeder) backlogs(ctx context.Context) error {
	var events, stock, held, labels, delayed []sendEntry
	backlog := analyticsBacklog
	if s.o.Small {
		backlog = smallBacklog
	}
	for range backlog {
		events = append(events, s.g.analyticsEvent(s.ago(10)))
	}
	for range inventoryBacklog {
		stock = append(stock, s.g.inventoryUpdate(s.ago(30)))
	}
	for range labelsInFlight {
		held = append(held, s.g.shippingLabel())
	}
	for range labelsVisible {
		labels = append(labels, s.g.shippingLabel())
	}
	for range labelsDelayed {
		e := s.g.shippingLabel()
		e.DelaySeconds = 600
		delayed = append(delayed, e)
	}
	if err := s.c.sendBatch(ctx, s.urls["analytics-events"], events); err != nil {
		return err
	}
	if err := s.c.sendBatch(ctx, s.urls["inventory-updates"], stock); err != nil {
		return err
	}
	labelsURL := s.urls["shipping-labels"]
	if err := s.c.sendBatch(ctx, labelsURL, held); err != nil {
		return err
	}
	if err := s.holdAll(ctx, labelsURL, len(held), 900); err != nil {
		return err
	}
	return s.c.sendBatch(ctx, labelsURL, append(labels, delayed...))
}
