package demo

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"strings"
	"time"
)

// gen produces the scenario's messages. Every stream (seeding, each traffic
// flow) owns one, so what one stream generates never depends on how far
// another has got — the property that makes a fixed seed reproducible.
type gen struct {
	r   *rand.Rand
	seq int // last order number handed out
}

func newGen(seed int64, stream uint64) *gen {
	return &gen{
		r:   rand.New(rand.NewPCG(uint64(seed), stream)),
		seq: 100000 + int(stream)*2_000_000,
	}
}

func (g *gen) pick(n int) int        { return g.r.IntN(n) }
func (g *gen) chance(p float64) bool { return g.r.Float64() < p }
func (g *gen) customer() customer    { return customers[g.pick(len(customers))] }

func (g *gen) hex(n int) string {
	const digits = "0123456789abcdef"
	b := make([]byte, n)
	for i := range b {
		b[i] = digits[g.pick(16)]
	}
	return string(b)
}

func (g *gen) bytes(n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(g.r.UintN(256))
	}
	return b
}

func (g *gen) orderID() string {
	g.seq += 1 + g.pick(37)
	return fmt.Sprintf("ORD-2026-%07d", g.seq)
}

func stamp(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.000Z") }

func mustJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err) // only our own plain structs are marshalled
	}
	return string(b)
}

type lineItem struct {
	SKU       string `json:"sku"`
	Name      string `json:"name"`
	Quantity  int    `json:"quantity"`
	UnitPrice cents  `json:"unit_price"`
}

type orderDoc struct {
	OrderID   string     `json:"order_id"`
	Customer  customer   `json:"customer"`
	Items     []lineItem `json:"items"`
	Total     cents      `json:"total"`
	Currency  string     `json:"currency"`
	Channel   string     `json:"channel"`
	CreatedAt string     `json:"created_at"`
	Error     *failure   `json:"error,omitempty"`
}

func (g *gen) items(n int) ([]lineItem, cents) {
	var items []lineItem
	var total cents
	for range n {
		p := catalog[g.pick(len(catalog))]
		it := lineItem{SKU: p.SKU, Name: p.Name, Quantity: 1 + g.pick(3), UnitPrice: p.Price}
		items = append(items, it)
		total += it.UnitPrice * cents(it.Quantity)
	}
	return items, total
}

var channels = []string{"web-checkout", "mobile-app", "partner-api"}

// order is a placed order as the checkout publishes it to `orders`.
func (g *gen) order(at time.Time) orderDoc {
	c := g.customer()
	items, total := g.items(1 + g.pick(4))
	return orderDoc{
		OrderID: g.orderID(), Customer: c, Items: items, Total: total,
		Currency: c.Cur, Channel: channels[g.pick(len(channels))], CreatedAt: stamp(at),
	}
}

// failedOrder is an order annotated, as many consumers do before giving up,
// with why it failed; the attributes carry the same for filtering.
func (g *gen) failedOrder(at time.Time) sendEntry {
	o := g.order(at)
	f := orderFailures[g.pick(len(orderFailures))]
	f.Reason = fmt.Sprintf(f.Reason, o.OrderID, o.Items[0].SKU, o.Customer.Country)
	f.Reason = trimFormatNoise(f.Reason)
	o.Error = &f
	return sendEntry{Body: mustJSON(o), Attributes: g.orderAttrs("OrderPlaced", f.Type, o.Channel)}
}

// trimFormatNoise drops fmt's complaint about unused arguments, so reasons
// can use any subset of the three.
func trimFormatNoise(s string) string {
	if i := strings.Index(s, "%!(EXTRA"); i >= 0 {
		return s[:i]
	}
	return s
}

func (g *gen) orderAttrs(event, errType, source string) map[string]attrValue {
	a := map[string]attrValue{
		"event_type":   strAttr(event),
		"content_type": strAttr("application/json"),
		"source":       strAttr(source),
		"trace":        binAttr(g.bytes(16)),
	}
	if errType != "" {
		a["error_type"] = strAttr(errType)
		a["retry_count"] = numAttr(3)
	}
	return a
}

type paymentDoc struct {
	PaymentID   string `json:"payment_id"`
	OrderID     string `json:"order_id"`
	CustomerID  string `json:"customer_id"`
	Amount      cents  `json:"amount"`
	Currency    string `json:"currency"`
	Method      string `json:"method"`
	PSP         string `json:"psp"`
	Status      string `json:"status"`
	DeclineCode string `json:"decline_code,omitempty"`
	AttemptedAt string `json:"attempted_at"`
}

// payment is a payment request for payments.fifo, grouped per customer so
// one customer's payments are processed in order.
func (g *gen) payment(at time.Time, failed bool) sendEntry {
	c := g.customer()
	_, total := g.items(1 + g.pick(3))
	p := paymentDoc{
		PaymentID: "PAY-" + g.hex(12), OrderID: g.orderID(), CustomerID: c.ID,
		Amount: total, Currency: c.Cur, Method: paymentMethods[g.pick(len(paymentMethods))],
		PSP: []string{"stripe", "adyen"}[g.pick(2)], Status: "authorize", AttemptedAt: stamp(at),
	}
	attrs := map[string]attrValue{"event_type": strAttr("PaymentRequested"), "trace": binAttr(g.bytes(16))}
	if failed {
		p.Status, p.DeclineCode = "failed", paymentDeclines[g.pick(len(paymentDeclines))]
		attrs["event_type"] = strAttr("PaymentFailed")
		attrs["error_type"] = strAttr("PaymentDeclined")
	}
	return sendEntry{Body: mustJSON(p), Attributes: attrs, GroupID: c.ID}
}

type notificationDoc struct {
	NotificationID string `json:"notification_id"`
	Channel        string `json:"channel"`
	Recipient      string `json:"recipient"`
	Template       string `json:"template"`
	Locale         string `json:"locale"`
	OrderID        string `json:"order_id"`
	QueuedAt       string `json:"queued_at"`
	LastError      string `json:"last_error,omitempty"`
}

var notifyErrors = map[string][]string{
	"email": {"SMTP 550 5.1.1 <%s>: Recipient address rejected: mailbox unavailable", "SMTP 421 4.7.0 Try again later, closing connection", "template \"%[2]s\" missing locale"},
	"sms":   {"carrier rejected %s: number unreachable", "provider 429: rate limit exceeded for sender id SHOPNOW"},
}

// notification is an email or sms for the notifications-* queues.
func (g *gen) notification(at time.Time, channel string, failed bool) sendEntry {
	c := g.customer()
	n := notificationDoc{
		NotificationID: "NTF-" + g.hex(10), Channel: channel, Recipient: c.Email,
		Template: templates[g.pick(len(templates))], Locale: c.Locale, OrderID: g.orderID(), QueuedAt: stamp(at),
	}
	if channel == "sms" {
		n.Recipient = c.Phone
	}
	attrs := map[string]attrValue{"event_type": strAttr("NotificationRequested"), "channel": strAttr(channel)}
	if failed {
		errs := notifyErrors[channel]
		n.LastError = trimFormatNoise(fmt.Sprintf(errs[g.pick(len(errs))], n.Recipient, n.Template))
		attrs["error_type"] = strAttr("DeliveryFailed")
	}
	return sendEntry{Body: mustJSON(n), Attributes: attrs}
}
