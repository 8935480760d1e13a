package demo

import (
	"bytes"
	"compress/gzip"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strings"
	"time"
)

// oddOrders are the bodies that made a consumer give up before it could even
// read them: broken JSON, XML from a legacy partner, mis-decoded text,
// hostile or huge payloads. Each is still valid SQS content (the character
// set excludes raw control characters and invalid UTF-8), so the hostility
// lives in what a viewer does with it: decode JSON escapes, pretty-print,
// measure widths, unzip.
func (g *gen) oddOrders(at time.Time) []sendEntry {
	mk := func(body, errType, contentType string) sendEntry {
		a := g.orderAttrs("OrderPlaced", errType, "partner-api")
		a["content_type"] = strAttr(contentType)
		return sendEntry{Body: body, Attributes: a}
	}
	o := g.order(at)
	full := mustJSON(o)
	r := []rune(full)
	odd := []sendEntry{
		mk(string(r[:len(r)*3/5]), "JSONDecodeError", "application/json"),
		mk(fmt.Sprintf("{'order_id': '%s', 'customer_id': '%s', 'items': [{'sku': '%s', 'quantity': 2}], 'total': Decimal('%s'), 'created_at': datetime.datetime(%d, %d, %d, %d, %d, %d)}",
			g.orderID(), o.Customer.ID, o.Items[0].SKU, o.Total, at.Year(), at.Month(), at.Day(), at.Hour(), at.Minute(), at.Second()),
			"JSONDecodeError", "text/x-python"),
		mk(fmt.Sprintf("{\n  \"order_id\": \"%s\",\n  \"total\": %s, // TODO: drop legacy field\n  \"items\": [],\n}", g.orderID(), o.Total),
			"JSONDecodeError", "application/json"),
		mk(g.xmlOrder(at), "UnsupportedMediaType", "application/xml"),
		mk(mojibake(mustJSON(g.orderWithCustomer(at, customers[0], catalog[11]))), "AddressValidationError", "application/json"),
		mk(fmt.Sprintf("ORDER;%s;M\\xfcller;Stra\\xdfe 5;\\xff\\xfe\\x00\\x00;total=12,50 EUR;name=M\uFFFDller\r\n", g.orderID()),
			"EncodingError", "text/csv; charset=iso-8859-1"),
		mk(mustJSON(g.renamed(at, "\x1b]0;pwned\x07\x1b[2J\x1b[31mEvil Corp\x1b[0m\x08\x08")), "SchemaValidationError", "application/json"),
		mk(mustJSON(g.renamed(at, "Mallory \u202egnp.exe\u202c \u200d\u200b\ufeff")), "FraudCheckFailed", "application/json"),
		mk("null", "SchemaValidationError", "application/json"),
		mk(mustJSON(g.bulkOrder(at, 600)), "PayloadTooLarge", "application/json"),
		mk(strings.ReplaceAll(indentJSON(g.order(at)), "\n", "\r\n"), "GatewayTimeout", "application/json"),
		mk(gzipBase64(mustJSON(g.order(at))), "UnsupportedMediaType", "application/json+gzip;base64"),
		mk(nested(g.orderID(), 120), "JSONDecodeError", "application/json"),
	}
	return odd
}

func (g *gen) orderWithCustomer(at time.Time, c customer, p product) orderDoc {
	o := g.order(at)
	o.Customer, o.Currency = c, c.Cur
	o.Items = []lineItem{{SKU: p.SKU, Name: p.Name, Quantity: 2, UnitPrice: p.Price}}
	o.Total = p.Price * 2
	return o
}

// renamed is an order whose customer name carries a payload for whatever
// displays it once the JSON escapes are decoded.
func (g *gen) renamed(at time.Time, name string) orderDoc {
	o := g.order(at)
	o.Customer.Name = name
	return o
}

func (g *gen) bulkOrder(at time.Time, n int) orderDoc {
	o := g.order(at)
	o.Items, o.Total = g.items(n)
	o.Channel = "partner-api"
	return o
}

func (g *gen) xmlOrder(at time.Time) string {
	o := g.order(at)
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	fmt.Fprintf(&b, `<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>`+
		`<PlaceOrder xmlns="urn:partner:orders:v1"><OrderId>%s</OrderId><Customer id="%s"><Name>%s</Name></Customer><Lines>`,
		o.OrderID, o.Customer.ID, xmlEscape(o.Customer.Name))
	for _, it := range o.Items {
		fmt.Fprintf(&b, `<Line sku="%s" qty="%d"><Price currency="%s">%s</Price></Line>`, it.SKU, it.Quantity, o.Currency, it.UnitPrice)
	}
	fmt.Fprintf(&b, `</Lines><Total>%s</Total><CreatedAt>%s</CreatedAt></PlaceOrder></soap:Body></soap:Envelope>`, o.Total, o.CreatedAt)
	return b.String()
}

func xmlEscape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;").Replace(s)
}

// cp1252 maps the bytes 0x80–0x9F the way Windows-1252 shows them; the five
// it leaves undefined fall through to Latin-1, i.e. C1 control characters,
// which is exactly what real mojibake drags into a message.
var cp1252 = [32]rune{
	'€', 0x81, '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', 0x8D, 'Ž', 0x8F,
	0x90, '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', 0x9D, 'ž', 'Ÿ',
}

// mojibake renders UTF-8 text as if it had been decoded as Windows-1252:
// "Zoë Köln" becomes "ZoÃ« KÃ¶ln".
func mojibake(s string) string {
	var b strings.Builder
	for _, c := range []byte(s) {
		switch {
		case c >= 0x80 && c <= 0x9F:
			b.WriteRune(cp1252[c-0x80])
		default:
			b.WriteRune(rune(c))
		}
	}
	return b.String()
}

func indentJSON(v any) string {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "\t")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		panic(err) // only our own plain structs are encoded
	}
	return strings.TrimRight(buf.String(), "\n")
}

func gzipBase64(s string) string {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	// Writes into a bytes.Buffer cannot fail.
	_, _ = zw.Write([]byte(s))
	_ = zw.Close()
	return base64.StdEncoding.EncodeToString(buf.Bytes())
}

// nested is a valid JSON document nested depth levels deep, the kind that
// overflows a recursive pretty-printer.
func nested(id string, depth int) string {
	return fmt.Sprintf(`{"order_id":"%s","meta":`, id) +
		strings.Repeat(`{"meta":`, depth) + `"deep"` + strings.Repeat("}", depth) + "}"
}
