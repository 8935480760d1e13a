package model

import (
	"errors"
	"strings"
	"testing"
)

func TestParseQueueRef(t *testing.T) {
	const acct = "123456789012"
	name := func(n string) QueueRef { return QueueRef{Kind: RefName, Name: n} }
	aws := func(k RefKind, n, region string) QueueRef {
		return QueueRef{Kind: k, Name: n, Region: region, Account: acct}
	}
	for _, tc := range []struct {
		in   string
		want QueueRef
	}{
		{"orders", name("orders")},
		{"  orders-dlq \n", name("orders-dlq")},
		{"payments.fifo", name("payments.fifo")},
		{"Under_score-9", name("Under_score-9")},
		{strings.Repeat("a", 80), name(strings.Repeat("a", 80))},
		{strings.Repeat("a", 75) + ".fifo", name(strings.Repeat("a", 75) + ".fifo")},

		{"https://sqs.us-east-1.amazonaws.com/123456789012/orders", aws(RefURL, "orders", "us-east-1")},
		{"https://sqs.eu-west-1.amazonaws.com/123456789012/orders/", aws(RefURL, "orders", "eu-west-1")},
		{"https://sqs.eu-west-1.amazonaws.com/123456789012/payments.fifo", aws(RefURL, "payments.fifo", "eu-west-1")},
		{"https://SQS.EU-WEST-1.amazonaws.com/123456789012/orders", aws(RefURL, "orders", "eu-west-1")},
		{"https://sqs-fips.us-gov-west-1.amazonaws.com/123456789012/orders", aws(RefURL, "orders", "us-gov-west-1")},
		{"https://sqs.cn-north-1.amazonaws.com.cn/123456789012/orders", aws(RefURL, "orders", "cn-north-1")},
		{"https://sqs.us-east-2.api.aws/123456789012/orders", aws(RefURL, "orders", "us-east-2")},
		{"https://vpce-0a1b.sqs.us-east-1.vpce.amazonaws.com/123456789012/orders", aws(RefURL, "orders", "us-east-1")},
		{"https://us-west-2.queue.amazonaws.com/123456789012/orders", aws(RefURL, "orders", "us-west-2")},
		{"https://queue.amazonaws.com/123456789012/orders", aws(RefURL, "orders", "us-east-1")},
		{"http://127.0.0.1:9324/000000000000/orders", QueueRef{Kind: RefURL, Name: "orders", Account: "000000000000"}},
		{"http://localhost:9324/queue/orders", QueueRef{Kind: RefURL, Name: "orders"}},
		{"http://localhost:4566/000000000000/orders.fifo/", QueueRef{Kind: RefURL, Name: "orders.fifo", Account: "000000000000"}},

		{"arn:aws:sqs:us-east-1:123456789012:orders", aws(RefARN, "orders", "us-east-1")},
		{"arn:aws-cn:sqs:cn-north-1:123456789012:payments.fifo", aws(RefARN, "payments.fifo", "cn-north-1")},
		{"arn:aws-us-gov:sqs:us-gov-west-1:123456789012:orders", aws(RefARN, "orders", "us-gov-west-1")},

		// The v3 console, as its address bar shows it.
		{"https://us-east-1.console.aws.amazon.com/sqs/v3/home?region=us-east-1#/queues/" +
			"https%3A%2F%2Fsqs.us-east-1.amazonaws.com%2F123456789012%2Forders", aws(RefConsole, "orders", "us-east-1")},
		// … on a tab of the queue's page.
		{"https://eu-west-1.console.aws.amazon.com/sqs/v3/home?region=eu-west-1#/queues/" +
			"https%3A%2F%2Fsqs.eu-west-1.amazonaws.com%2F123456789012%2Forders-dlq/send-receive", aws(RefConsole, "orders-dlq", "eu-west-1")},
		// Lower-case escapes, a FIFO queue.
		{"https://console.aws.amazon.com/sqs/v2/home?region=us-east-2#/queues/" +
			"https%3a%2f%2fsqs.us-east-2.amazonaws.com%2f123456789012%2fpay.fifo", aws(RefConsole, "pay.fifo", "us-east-2")},
		// Unescaped, as some chat tools rewrite it.
		{"https://console.aws.amazon.com/sqs/v2/home?region=us-east-1#/queues/https://sqs.us-east-1.amazonaws.com/123456789012/orders",
			aws(RefConsole, "orders", "us-east-1")},
		// The classic console.
		{"https://console.aws.amazon.com/sqs/home?region=ap-southeast-2#queue-browser:selected=" +
			"https://sqs.ap-southeast-2.amazonaws.com/123456789012/orders;prefix=", aws(RefConsole, "orders", "ap-southeast-2")},
		{"https://console.aws.amazon.com/sqs/home?region=us-east-1#queue-browser:selected=" +
			"https%3A%2F%2Fsqs.us-east-1.amazonaws.com%2F123456789012%2Forders;prefix=ord", aws(RefConsole, "orders", "us-east-1")},
	} {
		got, err := ParseQueueRef(tc.in)
		if err != nil {
			t.Errorf("ParseQueueRef(%q): %v", tc.in, err)
			continue
		}
		if got != tc.want {
			t.Errorf("ParseQueueRef(%q) = %+v, want %+v", tc.in, got, tc.want)
		}
	}
}

func TestParseQueueRefMalformed(t *testing.T) {
	for _, tc := range []struct{ in, says string }{
		{"", "no queue given"},
		{"   ", "no queue given"},
		{"orders dlq", "not a queue name"},
		{"orders;rm -rf", "not a queue name"},
		{strings.Repeat("a", 81), "not a queue name"},
		{strings.Repeat("a", 77) + ".fifo", "not a queue name"},
		{"ftp://sqs.us-east-1.amazonaws.com/123456789012/orders", "starts with https://"},
		{"https://", "not a URL"},
		{"https://sqs.us-east-1.amazonaws.com/orders", "path should be /ACCOUNT/NAME"},
		{"https://sqs.us-east-1.amazonaws.com/123456789012/orders/extra", "path should be /ACCOUNT/NAME"},
		{"https://sqs.us-east-1.amazonaws.com/12345/orders", "not 12 digits"},
		{"https://sqs.us-east-1.amazonaws.com/123456789012/ord%20ers", "not a queue name"},
		{"https://s3.amazonaws.com/123456789012/orders", "not an SQS endpoint"},
		{"http://localhost:9324/", "names no queue"},
		{"arn:aws:sqs:us-east-1:123456789012", "not an SQS queue ARN"},
		{"arn:aws:sns:us-east-1:123456789012:orders", "not of an SQS queue"},
		{"arn:aws:sqs::123456789012:orders", "lacks its partition or region"},
		{"arn:aws:sqs:us-east-1:1234:orders", "not 12 digits"},
		{"arn:aws:sqs:us-east-1:123456789012:a/b", "not a queue name"},
		{"https://us-east-1.console.aws.amazon.com/sqs/v3/home?region=us-east-1#/queues", "opens no queue"},
		{"https://us-east-1.console.aws.amazon.com/sqs/v3/home?region=us-east-1", "opens no queue"},
		{"https://us-east-1.console.aws.amazon.com/sqs/v3/home#/queues/%ZZ", "not a URL"},
		{"https://us-east-1.console.aws.amazon.com/sqs/v3/home#/queues/https%3A%2F%2Fsqs.us-east-1.amazonaws.com%2Forders",
			"in this console link"},
	} {
		_, err := ParseQueueRef(tc.in)
		if err == nil {
			t.Errorf("ParseQueueRef(%q) took it", tc.in)
			continue
		}
		if !strings.Contains(err.Error(), tc.says) || strings.Contains(err.Error(), "\n") {
			t.Errorf("ParseQueueRef(%q) = %q, want one line saying %q", tc.in, err, tc.says)
		}
	}
}

func TestLocate(t *testing.T) {
	q := func(name, acct string) Queue {
		return Queue{Name: name, URL: "https://sqs.us-east-1.amazonaws.com/" + acct + "/" + name,
			ARN: "arn:aws:sqs:us-east-1:" + acct + ":" + name}
	}
	qs := []Queue{q("orders", "111111111111"), q("orders-dlq", "111111111111")}
	ref := func(s string) QueueRef {
		r, err := ParseQueueRef(s)
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	got, err := ref("orders-dlq").Locate(qs, "us-east-1")
	if err != nil || got.Name != "orders-dlq" {
		t.Errorf("a name: %v, %v", got.Name, err)
	}
	got, err = ref("arn:aws:sqs:us-east-1:111111111111:orders").Locate(qs, "us-east-1")
	if err != nil || got.Name != "orders" {
		t.Errorf("an ARN: %v, %v", got.Name, err)
	}
	// The session's endpoint names no region (an emulator): only the
	// account is checked.
	if _, err = ref("https://sqs.eu-west-1.amazonaws.com/111111111111/orders").Locate(qs, ""); err != nil {
		t.Errorf("no session region: %v", err)
	}

	var away *ElsewhereError
	_, err = ref("arn:aws:sqs:eu-west-1:111111111111:orders").Locate(qs, "us-east-1")
	if !errors.As(err, &away) || away.Region != "us-east-1" || len(away.Accounts) != 0 {
		t.Fatalf("another region: %#v", err)
	}
	if want := "this link is for eu-west-1, you are in us-east-1"; err.Error() != want {
		t.Errorf("another region says %q, want %q", err, want)
	}
	_, err = ref("arn:aws:sqs:us-east-1:222222222222:orders").Locate(qs, "us-east-1")
	if !errors.As(err, &away) || away.Region != "" || len(away.Accounts) != 1 {
		t.Fatalf("another account: %#v", err)
	}
	if want := "the link's account is 222222222222, the listed queues are in 111111111111"; err.Error() != want {
		t.Errorf("another account says %q, want %q", err, want)
	}
	var missing *NotListedError
	if _, err = ref("payments").Locate(qs, "us-east-1"); !errors.As(err, &missing) || missing.Name != "payments" {
		t.Errorf("an unlisted name: %v", err)
	}
	// Names are case-sensitive in SQS: ORDERS is another queue.
	if _, err = ref("ORDERS").Locate(qs, "us-east-1"); !errors.As(err, &missing) {
		t.Errorf("ORDERS found %v", err)
	}
	// An empty list knows no account: the link is looked for, not refused.
	if _, err = ref("arn:aws:sqs:us-east-1:222222222222:orders").Locate(nil, "us-east-1"); !errors.As(err, &missing) {
		t.Errorf("empty list: %v", err)
	}
}

func TestAccountOf(t *testing.T) {
	for _, tc := range []struct {
		q    Queue
		want string
	}{
		{Queue{ARN: "arn:aws:sqs:us-east-1:123456789012:a"}, "123456789012"},
		{Queue{URL: "http://127.0.0.1:9324/000000000000/a"}, "000000000000"},
		{Queue{URL: "http://localhost:9324/queue/a"}, ""},
		{Queue{}, ""},
	} {
		if got := AccountOf(tc.q); got != tc.want {
			t.Errorf("AccountOf(%+v) = %q, want %q", tc.q, got, tc.want)
		}
	}
}
