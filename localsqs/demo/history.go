package demo

import (
	"fmt"
	"time"
)

// The scenario's last day, back-filled into the server's CloudWatch
// history so the metrics pane tells a story at first sight:
//
//   - orders: a deploy three hours ago started failing some orders, so
//     orders-dlq, empty all day, has been filling since (and live traffic
//     keeps filling it);
//   - analytics-events: its consumers were down from 9 h to 7 h ago; the
//     backlog built to about 170,000 messages and two hours old, then
//     drained back to its usual 1,500;
//   - payments and notifications: steady traffic with a daily wave and a
//     few failures into their DLQs; shipping-labels and audit-archive: a
//     quiet trickle; shipping-labels has had five messages stuck in flight
//     for its last 15 minutes (a worker that hangs).
//
// Every series ends where Seed leaves the queue, and the seeded messages
// are backdated to the age the history ends with, so history and live
// data meet without a jump.

// historian is a server that accepts back-filled history (localsqs.Server
// does). Seed against any other server simply has no history.
type historian interface {
	BackfillMetrics(queue string, series map[string][]float64) error
	BackdateMessages(queue string, by time.Duration) error
}

const (
	deployMinutesAgo = 3 * 60 // the deploy that started failing orders
	outageStart      = storyMinutes - 9*60
	outageEnd        = storyMinutes - 7*60
)

// liveRate is a flow's live traffic in messages per minute, which the
// history's peak matches so the two lines join.
func liveRate(queue string, o Options) float64 {
	for _, f := range flows {
		if f.queue == queue {
			r := f.rate * float64(time.Minute/o.Tick)
			if o.Small && f.target == analyticsBacklog {
				r /= 10
			}
			return r
		}
	}
	return 0
}

// storyDays simulates every queue's day.
func storyDays(o Options) map[string]*day {
	g := newGen(o.Seed, 99)
	orderFails := spread(g, failedOrdersPlain+13, deployMinutesAgo)
	paymentFails := spread(g, failedPayments, deployMinutesAgo)
	emailFails, smsFails := spread(g, failedEmails, 12*60), spread(g, failedSMS, 10*60)
	notifyFails := make([]float64, storyMinutes)
	for i := range notifyFails {
		notifyFails[i] = emailFails[i] + smsFails[i]
	}
	analytics, analyticsTarget := float64(analyticsBacklog), float64(analyticsBacklog)
	if o.Small {
		analytics, analyticsTarget = smallBacklog, smallBacklog
	}
	w := func(queue string, target, final float64, poison []float64, maxRecv float64) worker {
		return worker{peak: liveRate(queue, o), target: target, final: final, capacity: 1.6, poison: poison, maxRecv: maxRecv, polls: 6}
	}
	outage := w("analytics-events", analyticsTarget, analytics, nil, 0)
	outage.capacity = 1.25 // catching up takes a while: the drain is visible
	outage.down = func(i int) bool { return i >= outageStart && i < outageEnd }
	days := map[string]*day{
		"orders":                w("orders", 40, pendingOrders, orderFails, 3).simulate(g),
		"orders-dlq":            deadLetters(orderFails),
		"payments.fifo":         w("payments.fifo", 15, pendingPayments, paymentFails, 3).simulate(g),
		"payments-dlq.fifo":     deadLetters(paymentFails),
		"notifications-email":   w("notifications-email", 20, pendingEmails, emailFails, 5).simulate(g),
		"notifications-sms":     w("notifications-sms", 8, pendingSMS, smsFails, 2).simulate(g),
		"notifications-dlq":     deadLetters(notifyFails),
		"analytics-events":      outage.simulate(g),
		"inventory-updates":     w("inventory-updates", inventoryBacklog, inventoryBacklog, nil, 0).simulate(g),
		"inventory-updates-dlq": deadLetters(make([]float64, storyMinutes)),
		"shipping-labels":       worker{peak: 3, target: 8, final: labelsVisible, capacity: 2, polls: 3}.simulate(g),
		"audit-archive":         worker{peak: 2, capacity: 3, polls: 6}.simulate(g),
	}
	labels := days["shipping-labels"]
	for i := storyMinutes - 15; i < storyMinutes; i++ {
		labels.inflight[i] = labelsInFlight
	}
	labels.delayed[storyMinutes-1] = labelsDelayed
	return days
}

// backfill writes the story into h and backdates the seeded messages.
func backfill(h historian, o Options) error {
	for name, d := range storyDays(o) {
		queue := o.Prefix + name
		if err := h.BackfillMetrics(queue, d.series()); err != nil {
			return fmt.Errorf("demo: history of %s: %w", queue, err)
		}
		if age := d.age[storyMinutes-1]; age > 0 {
			if err := h.BackdateMessages(queue, time.Duration(age)*time.Second); err != nil {
				return fmt.Errorf("demo: history of %s: %w", queue, err)
			}
		}
	}
	o.Logf("demo: back-filled %d minutes of CloudWatch history", storyMinutes)
	return nil
}
