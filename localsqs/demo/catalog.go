package demo

import "strconv"

// The shop behind the scenario: a European electronics retailer with
// customers whose names exercise accents, CJK, RTL-adjacent and emoji
// widths in the UI.

type customer struct {
	ID      string `json:"id"`
	Name    string `json:"name"`
	Email   string `json:"email"`
	Phone   string `json:"-"`
	Country string `json:"country"`
	City    string `json:"-"`
	Locale  string `json:"-"`
	Cur     string `json:"-"`
}

var customers = []customer{
	{"CUST-10231", "Zoë Fischer", "zoe.fischer@example.de", "+49 151 23456789", "DE", "Köln", "de-DE", "EUR"},
	{"CUST-10877", "Mateo Álvarez", "mateo.alvarez@example.es", "+34 612 345 678", "ES", "Sevilla", "es-ES", "EUR"},
	{"CUST-11402", "佐藤 花子", "hanako.sato@example.jp", "+81 90-1234-5678", "JP", "東京", "ja-JP", "USD"},
	{"CUST-12019", "Olamide Adeyemi", "olamide.adeyemi@example.com", "+234 803 123 4567", "NG", "Lagos", "en-NG", "USD"},
	{"CUST-12550", "Priya Raghunathan", "priya.r@example.in", "+91 98765 43210", "IN", "Bengaluru", "en-IN", "INR"},
	{"CUST-13008", "Liam O'Connor", "liam.oconnor@example.ie", "+353 85 123 4567", "IE", "Cork", "en-IE", "EUR"},
	{"CUST-13377", "Ana Łukasik", "ana.lukasik@example.pl", "+48 512 345 678", "PL", "Łódź", "pl-PL", "PLN"},
	{"CUST-14102", "Noah Williams", "noah.williams@example.com", "+1 415 555 0134", "US", "Oakland", "en-US", "USD"},
	{"CUST-14540", "Chloé Dubois", "chloe.dubois@example.fr", "+33 6 12 34 56 78", "FR", "Lyon", "fr-FR", "EUR"},
	{"CUST-15011", "Søren Kjær", "soren.kjaer@example.dk", "+45 20 12 34 56", "DK", "Aarhus", "da-DK", "DKK"},
	{"CUST-15623", "فاطمة السيد", "fatima.alsayed@example.ae", "+971 50 123 4567", "AE", "Dubai", "ar-AE", "USD"},
	{"CUST-16090", "Ethan Chen 🚀", "ethan.chen@example.ca", "+1 604 555 0199", "CA", "Vancouver", "en-CA", "CAD"},
	{"CUST-16712", "Grace Whitfield", "grace.whitfield@example.co.uk", "+44 7700 900123", "GB", "Leeds", "en-GB", "GBP"},
}

type product struct {
	SKU   string
	Name  string
	Price cents
}

var catalog = []product{
	{"SKU-KB-0042", "Mechanical keyboard (ISO-DE)", 8990},
	{"SKU-HUB-0107", "USB-C hub 7-in-1", 3499},
	{"SKU-MON-2704", "27\" 4K monitor", 32900},
	{"SKU-HP-0311", "Noise-cancelling headphones", 19900},
	{"SKU-MS-0077", "Ergonomic mouse", 4950},
	{"SKU-LS-0019", "Laptop stand, aluminium", 3990},
	{"SKU-CBL-2100", "HDMI 2.1 cable 2 m", 1299},
	{"SKU-CAM-1080", "Webcam 1080p", 5900},
	{"SKU-MAT-0900", "Desk mat XXL", 2490},
	{"SKU-DCK-0004", "Thunderbolt 4 dock", 27900},
	{"SKU-SSD-1000", "Portable SSD 1 TB", 10990},
	{"SKU-COF-0001", "Café crème beans 1 kg", 1890},
}

var warehouses = []string{"FRA-2", "AMS-1", "WAW-1", "DUB-3"}

// cents is an amount in minor units, rendered as a JSON number with two
// decimals ("89.90") the way order services serialise money.
type cents int64

func (c cents) String() string {
	s := strconv.FormatInt(int64(c)/100, 10) + "."
	if r := int64(c) % 100; r < 10 {
		return s + "0" + strconv.FormatInt(r, 10)
	} else {
		return s + strconv.FormatInt(r, 10)
	}
}

// MarshalJSON keeps the trailing zero that float64 would drop.
func (c cents) MarshalJSON() ([]byte, error) { return []byte(c.String()), nil }

// failure is why an order could not be processed.
type failure struct {
	Type    string `json:"type"`
	Reason  string `json:"reason"`
	Service string `json:"service"`
}

// orderFailures are realistic reasons; %[1]s is the order id, %[2]s a SKU,
// %[3]s the customer's country.
var orderFailures = []failure{
	{"PaymentDeclined", "card_declined: insufficient_funds", "payment-gateway"},
	{"PaymentDeclined", "card_declined: do_not_honor", "payment-gateway"},
	{"InventoryUnavailable", "%[2]s out of stock at every warehouse (reserved 0 of 1)", "inventory-service"},
	{"AddressValidationError", "postcode \"00000\" is not valid for country %[3]s", "shipping-service"},
	{"GatewayTimeout", "POST https://psp.example.com/v1/charges: context deadline exceeded (Client.Timeout exceeded while awaiting headers)", "payment-gateway"},
	{"FraudCheckFailed", "risk score 0.93 exceeds threshold 0.85", "fraud-service"},
	{"NullPointerException", "java.lang.NullPointerException: Cannot invoke \"Coupon.getRate()\" because \"coupon\" is null\n\tat com.example.orders.PricingService.applyDiscount(PricingService.java:214)\n\tat com.example.orders.OrderHandler.handle(OrderHandler.java:88)\n\tat java.base/java.lang.Thread.run(Thread.java:1583)", "order-service"},
	{"DuplicateOrder", "order %[1]s already exists (idempotency key reused)", "order-service"},
	{"SchemaValidationError", "items[0].quantity: must be greater than 0", "order-service"},
}

var paymentDeclines = []string{"do_not_honor", "insufficient_funds", "expired_card", "invalid_iban", "authentication_required", "processing_error"}
var paymentMethods = []string{"card", "sepa_debit", "paypal", "apple_pay", "klarna"}
var templates = []string{"order_confirmed", "payment_failed", "order_shipped", "delivery_window", "refund_issued"}
