package localsqs

import (
	"bufio"
	"context"
	"fmt"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestMalformedRequestsGetAWSErrors(t *testing.T) {
	h := newHarness(t)
	tests := []struct {
		name, op string
		body     any
		shape    string
	}{
		{"bad json", "CreateQueue", `{"QueueName":`, "SerializationException"},
		{"wrong type", "CreateQueue", `{"QueueName":5}`, "SerializationException"},
		{"unknown op", "FlyToTheMoon", `{}`, "InvalidAction"},
		{"missing name", "CreateQueue", `{}`, "MissingParameter"},
		{"missing url", "SendMessage", `{"MessageBody":"x"}`, "MissingParameter"},
		{"no such queue", "SendMessage", `{"QueueUrl":"http://x/000000000000/nope","MessageBody":"x"}`, "QueueDoesNotExist"},
		{"other account", "GetQueueAttributes", `{"QueueUrl":"http://x/123456789012/nope"}`, "QueueDoesNotExist"},
		{"empty body", "ListQueues", ``, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.shape == "" {
				h.ok(tt.op, tt.body)
				return
			}
			h.fail(tt.op, tt.body, tt.shape)
		})
	}
}

func TestErrorCarriesQueryErrorHeader(t *testing.T) {
	h := newHarness(t)
	code, _, q := h.do("GetQueueUrl", obj{"QueueName": "nope"})
	if code != 400 || q != "AWS.SimpleQueueService.NonExistentQueue;Sender" {
		t.Fatalf("got %d %q", code, q)
	}
}

func TestCreateQueueValidationAndIdempotence(t *testing.T) {
	h := newHarness(t)
	url := h.createQueue("orders", map[string]string{"VisibilityTimeout": "10"})
	if url != "http://127.0.0.1:9324/000000000000/orders" {
		t.Fatalf("url = %s", url)
	}
	if again := h.createQueue("orders", map[string]string{"VisibilityTimeout": "10"}); again != url {
		t.Fatalf("idempotent create returned %s", again)
	}
	h.fail("CreateQueue", obj{"QueueName": "orders", "Attributes": obj{"VisibilityTimeout": "11"}}, "QueueNameExists")
	for _, bad := range []obj{
		{"QueueName": "has space"},
		{"QueueName": strings.Repeat("a", 81)},
		{"QueueName": "x.fifo"}, // FIFO name without FifoQueue=true
		{"QueueName": "x", "Attributes": obj{"FifoQueue": "true"}},
	} {
		h.fail("CreateQueue", bad, "InvalidParameterValue")
	}
	h.fail("CreateQueue", obj{"QueueName": "y", "Attributes": obj{"VisibilityTimeout": "43201"}}, "InvalidAttributeValue")
	h.fail("CreateQueue", obj{"QueueName": "y", "Attributes": obj{"Bogus": "1"}}, "InvalidAttributeName")
	h.fail("CreateQueue", obj{"QueueName": "y", "Attributes": obj{"ContentBasedDeduplication": "true"}}, "InvalidAttributeName")
}

func TestQueueAttributesAndSet(t *testing.T) {
	h := newHarness(t)
	url := h.createQueue("q", nil)
	a := h.attrs(url)
	want := map[string]string{
		"VisibilityTimeout": "30", "MaximumMessageSize": "1048576", "MessageRetentionPeriod": "345600",
		"DelaySeconds": "0", "ReceiveMessageWaitTimeSeconds": "0", "QueueArn": "arn:aws:sqs:us-east-1:000000000000:q",
		"ApproximateNumberOfMessages": "0", "SqsManagedSseEnabled": "true",
		"CreatedTimestamp": fmt.Sprint(h.clock.Now().Unix()),
	}
	for k, v := range want {
		if a[k] != v {
			t.Errorf("%s = %v, want %s", k, a[k], v)
		}
	}
	h.ok("SetQueueAttributes", obj{"QueueUrl": url, "Attributes": obj{"VisibilityTimeout": "5", "DelaySeconds": "3"}})
	got := h.ok("GetQueueAttributes", obj{"QueueUrl": url, "AttributeNames": []string{"VisibilityTimeout", "DelaySeconds"}})["Attributes"].(obj)
	if len(got) != 2 || got["VisibilityTimeout"] != "5" || got["DelaySeconds"] != "3" {
		t.Fatalf("after set: %v", got)
	}
	h.fail("SetQueueAttributes", obj{"QueueUrl": url, "Attributes": obj{"MaximumMessageSize": "1048577"}}, "InvalidAttributeValue")
	h.fail("SetQueueAttributes", obj{"QueueUrl": url, "Attributes": obj{"FifoQueue": "true"}}, "InvalidAttributeValue")
	h.fail("GetQueueAttributes", obj{"QueueUrl": url, "AttributeNames": []string{"Nope"}}, "InvalidAttributeName")
}

func TestListQueuesPaging(t *testing.T) {
	h := newHarness(t)
	for i := 0; i < 25; i++ {
		h.createQueue(fmt.Sprintf("q-%02d", i), nil)
	}
	h.createQueue("other", nil)
	var seen []string
	token := ""
	for pages := 0; ; pages++ {
		in := obj{"QueueNamePrefix": "q-", "MaxResults": 10}
		if token != "" {
			in["NextToken"] = token
		}
		out := h.ok("ListQueues", in)
		for _, u := range out["QueueUrls"].([]any) {
			seen = append(seen, u.(string)[strings.LastIndex(u.(string), "/")+1:])
		}
		token, _ = out["NextToken"].(string)
		if token == "" {
			break
		}
		if pages > 5 {
			t.Fatal("paging does not end")
		}
	}
	if len(seen) != 25 || seen[0] != "q-00" || seen[24] != "q-24" {
		t.Fatalf("paged %d queues: %v", len(seen), seen)
	}
	all := h.ok("ListQueues", obj{})
	if n := len(all["QueueUrls"].([]any)); n != 26 || all["NextToken"] != nil {
		t.Fatalf("unpaged list: %d urls, token %v", n, all["NextToken"])
	}
	h.fail("ListQueues", obj{"MaxResults": 0}, "InvalidParameterValue")
	h.fail("ListQueues", obj{"MaxResults": 1001}, "InvalidParameterValue")
}

func TestDeleteQueue(t *testing.T) {
	h := newHarness(t)
	url := h.createQueue("gone", nil)
	h.send(url, "x", nil)
	h.ok("DeleteQueue", obj{"QueueUrl": url})
	h.fail("GetQueueUrl", obj{"QueueName": "gone"}, "QueueDoesNotExist")
	h.fail("SendMessage", obj{"QueueUrl": url, "MessageBody": "x"}, "QueueDoesNotExist")
}

func TestTags(t *testing.T) {
	h := newHarness(t)
	url := h.ok("CreateQueue", obj{"QueueName": "t", "tags": obj{"team": "core"}})["QueueUrl"]
	h.ok("TagQueue", obj{"QueueUrl": url, "Tags": obj{"env": "dev"}})
	h.ok("UntagQueue", obj{"QueueUrl": url, "TagKeys": []string{"team"}})
	tags := h.ok("ListQueueTags", obj{"QueueUrl": url})["Tags"].(obj)
	if len(tags) != 1 || tags["env"] != "dev" {
		t.Fatalf("tags = %v", tags)
	}
}

// A client that promises a body and stalls must not hold a handler (and a
// goroutine) forever: the server gives up after readTimeout.
func TestStalledBodyIsCutOff(t *testing.T) {
	old := readTimeout
	readTimeout = 100 * time.Millisecond
	defer func() { readTimeout = old }()
	ctx, cancel := context.WithCancel(context.Background())
	url, wait, err := ListenAndServe(ctx, "127.0.0.1:0", New(Options{}))
	if err != nil {
		t.Fatal(err)
	}
	defer func() { cancel(); _ = wait() }()

	conn, err := net.Dial("tcp", strings.TrimPrefix(url, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	_, err = conn.Write([]byte("POST / HTTP/1.1\r\nHost: x\r\nX-Amz-Target: AmazonSQS.ListQueues\r\n" +
		"Content-Type: application/x-amz-json-1.0\r\nContent-Length: 100\r\n\r\n{\"Queue"))
	if err != nil {
		t.Fatal(err)
	}
	// Hang guard only: without a read timeout the server would never answer.
	_ = conn.SetReadDeadline(time.Now().Add(30 * time.Second))
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("no answer to a stalled request: %v", err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusBadRequest || !strings.HasPrefix(resp.Header.Get("x-amzn-query-error"), "SerializationException") {
		t.Fatalf("stalled request answered %d %q", resp.StatusCode, resp.Header.Get("x-amzn-query-error"))
	}
}
