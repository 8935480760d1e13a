package demo

import (
	"encoding/json"
	"fmt"
	"time"
)

// Bodies of the high-volume and supporting queues: small, regular JSON.

var analyticsEvents = []string{"page_view", "page_view", "page_view", "search", "add_to_cart", "checkout_started", "purchase"}

type analyticsDoc struct {
	Event     string `json:"event"`
	SessionID string `json:"session_id"`
	UserID    string `json:"user_id,omitempty"`
	Path      string `json:"path"`
	TS        string `json:"ts"`
}

// analyticsEvent is one clickstream event for analytics-events.
func (g *gen) analyticsEvent(at time.Time) sendEntry {
	p := catalog[g.pick(len(catalog))]
	d := analyticsDoc{
		Event: analyticsEvents[g.pick(len(analyticsEvents))], SessionID: "s-" + g.hex(8),
		Path: "/p/" + p.SKU, TS: stamp(at),
	}
	if g.chance(0.4) {
		d.UserID = g.customer().ID
	}
	if d.Event == "search" {
		d.Path = "/search?q=" + []string{"usb-c", "monitor+27", "keyboard", "caf%C3%A9"}[g.pick(4)]
	}
	return sendEntry{Body: mustJSON(d)}
}

type inventoryDoc struct {
	SKU       string `json:"sku"`
	Warehouse string `json:"warehouse"`
	Delta     int    `json:"delta"`
	Reason    string `json:"reason"`
	OrderID   string `json:"order_id,omitempty"`
	TS        string `json:"ts"`
}

// inventoryUpdate is a stock movement for inventory-updates.
func (g *gen) inventoryUpdate(at time.Time) sendEntry {
	d := inventoryDoc{
		SKU: catalog[g.pick(len(catalog))].SKU, Warehouse: warehouses[g.pick(len(warehouses))],
		Delta: -1 - g.pick(3), Reason: "order_reserved", OrderID: g.orderID(), TS: stamp(at),
	}
	if g.chance(0.2) {
		d.Delta, d.Reason, d.OrderID = 20+g.pick(200), "restock", ""
	}
	return sendEntry{Body: mustJSON(d), Attributes: map[string]attrValue{"event_type": strAttr("StockChanged")}}
}

type shipTo struct {
	City    string `json:"city"`
	Country string `json:"country"`
}

type labelDoc struct {
	ShipmentID  string      `json:"shipment_id"`
	OrderID     string      `json:"order_id"`
	Carrier     string      `json:"carrier"`
	Service     string      `json:"service"`
	WeightKg    json.Number `json:"weight_kg"`
	LabelFormat string      `json:"label_format"`
	ShipTo      shipTo      `json:"ship_to"`
}

// shippingLabel is a label request for shipping-labels.
func (g *gen) shippingLabel() sendEntry {
	c := g.customer()
	d := labelDoc{
		ShipmentID: "SHP-" + g.hex(10), OrderID: g.orderID(),
		Carrier:  []string{"DHL", "UPS", "DPD", "PostNL"}[g.pick(4)],
		Service:  []string{"express", "standard", "economy"}[g.pick(3)],
		WeightKg: json.Number(fmt.Sprintf("%d.%02d", g.pick(12), g.pick(100))), LabelFormat: []string{"ZPL", "PDF"}[g.pick(2)],
		ShipTo: shipTo{City: c.City, Country: c.Country},
	}
	return sendEntry{Body: mustJSON(d), Attributes: map[string]attrValue{"event_type": strAttr("LabelRequested")}}
}
