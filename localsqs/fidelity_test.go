package localsqs

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// Issue 15, defect 10: what SQS refuses, localsqs refuses too, instead of
// quietly storing something else.

// Raw invalid UTF-8 and lone surrogate escapes are not characters. Go's
// JSON decoder would turn each into U+FFFD and the message would be stored
// (and its MD5 computed) as something the client never sent; SQS rejects
// them. The requests are written by hand: an SDK cannot send them.
func TestInvalidUTF8AndLoneSurrogatesRejected(t *testing.T) {
	h := newHarness(t)
	url := h.createQueue("q", nil)
	fifo := h.createQueue("q.fifo", map[string]string{"FifoQueue": "true"})
	send := func(url, fields string) string { return `{"QueueUrl":"` + url + `",` + fields + `}` }
	tests := []struct {
		name, op, req, shape string
	}{
		{"lone high surrogate", "SendMessage", send(url, `"MessageBody":"a\ud800b"`), "InvalidMessageContents"},
		{"lone low surrogate", "SendMessage", send(url, `"MessageBody":"a\uDC00b"`), "InvalidMessageContents"},
		{"high surrogate at the end", "SendMessage", send(url, `"MessageBody":"ab\ud83d"`), "InvalidMessageContents"},
		{"two high surrogates", "SendMessage", send(url, `"MessageBody":"\ud83d\ud83d\ude80"`), "InvalidMessageContents"},
		{"raw invalid byte", "SendMessage", send(url, "\"MessageBody\":\"a\xffb\""), "InvalidMessageContents"},
		{"raw encoded surrogate", "SendMessage", send(url, "\"MessageBody\":\"a\xed\xa0\x80b\""), "InvalidMessageContents"},
		{"truncated sequence", "SendMessage", send(url, "\"MessageBody\":\"a\xe6\xb3\""), "InvalidMessageContents"},
		{"attribute value", "SendMessage", send(url, `"MessageBody":"ok","MessageAttributes":{"a":{"DataType":"String","StringValue":"x\udc00"}}`), "InvalidMessageContents"},
		{"attribute name", "SendMessage", send(url, "\"MessageBody\":\"ok\",\"MessageAttributes\":{\"a\xff\":{\"DataType\":\"String\",\"StringValue\":\"x\"}}"), "InvalidParameterValue"},
		{"group id", "SendMessage", send(fifo, "\"MessageBody\":\"ok\",\"MessageGroupId\":\"g\xff\",\"MessageDeduplicationId\":\"d\""), "InvalidParameterValue"},
		{"dedup id", "SendMessage", send(fifo, `"MessageBody":"ok","MessageGroupId":"g","MessageDeduplicationId":"d\ud800"`), "InvalidParameterValue"},
	}
	for _, tt := range tests {
		if code, out, _ := h.do(tt.op, tt.req); code == 200 || out["__type"] != "com.amazonaws.sqs#"+tt.shape {
			t.Errorf("%s: %d %v, want %s", tt.name, code, out, tt.shape)
		}
	}
	if c := h.counts(url); c != [3]string{"0", "0", "0"} {
		t.Errorf("rejected sends left messages: %v", c)
	}
	if c := h.counts(fifo); c != [3]string{"0", "0", "0"} {
		t.Errorf("rejected FIFO sends left messages: %v", c)
	}

	// A surrogate pair is one character, and an escaped backslash before
	// "ud800" is no escape at all: both are accepted as sent.
	out := h.ok("SendMessage", send(url, `"MessageBody":"rocket \ud83d\ude80 \\ud800"`))
	if want := md5Hex(`rocket 🚀 \ud800`); out["MD5OfMessageBody"] != want {
		t.Errorf("MD5OfMessageBody = %v, want %s", out["MD5OfMessageBody"], want)
	}
	if m := h.receive(url, nil); len(m) != 1 || m[0]["Body"] != `rocket 🚀 \ud800` {
		t.Errorf("received %v", m)
	}

	// In a batch the bad entry fails alone, as any invalid body does.
	res := h.ok("SendMessageBatch", `{"QueueUrl":"`+url+`","Entries":[`+
		`{"Id":"good","MessageBody":"fine"},{"Id":"bad","MessageBody":"x\ud800"}]}`)
	failed, _ := res["Failed"].([]any)
	if ok, _ := res["Successful"].([]any); len(ok) != 1 || len(failed) != 1 ||
		failed[0].(obj)["Id"] != "bad" || failed[0].(obj)["Code"] != "InvalidMessageContents" {
		t.Errorf("batch with one lone surrogate: %v", res)
	}
	if got := h.counts(url)[0]; got != "1" {
		t.Errorf("%s visible after the batch, want 1 (the good entry; the rocket is in flight)", got)
	}
}

// Valid JSON passes markInvalidText byte for byte, however it is escaped.
func TestMarkInvalidTextKeepsValidJSON(t *testing.T) {
	for _, s := range []string{
		`{"MessageBody":"plain"}`,
		`{"MessageBody":"\u00e9\u6f22 \ud83d\ude80 \uD83D\uDE80 \\ud800 \\\ud83d\ude80 \" \\"}`,
		`{"MessageBody":"é 漢 🚀 \t\n","k":["\u0041",1,true]}`,
		`{"a":"\uFFFD\uE000\u10FF"}`,
	} {
		if got := markInvalidText([]byte(s)); string(got) != s {
			t.Errorf("markInvalidText(%s) = %s", s, got)
		}
	}
}

// A receipt handle proves a receive. One put together from a MessageId
// (which SendMessage hands to every producer), or a real one with its
// random part changed, is ReceiptHandleIsInvalid, and the message stays.
func TestForgedReceiptHandlesRejected(t *testing.T) {
	h := newHarness(t)
	url := h.createQueue("q", nil)
	id := h.send(url, "precious", nil)["MessageId"].(string)
	forged := []string{
		// Every field right but the MAC, which only the server can make.
		base64.RawURLEncoding.EncodeToString([]byte(handlePrefix + "\x00q\x00" + id + "\x001\x00" +
			strings.Repeat("0", 24) + "\x00" + strings.Repeat("0", 32))),
		// The format before handles carried a MAC.
		base64.RawURLEncoding.EncodeToString([]byte("lsq1\x00q\x00" + id + "\x001\x00" + strings.Repeat("0", 24))),
	}
	for i, f := range forged {
		h.fail("DeleteMessage", obj{"QueueUrl": url, "ReceiptHandle": f}, "ReceiptHandleIsInvalid")
		h.fail("ChangeMessageVisibility", obj{"QueueUrl": url, "ReceiptHandle": f, "VisibilityTimeout": 0}, "ReceiptHandleIsInvalid")
		if c := h.counts(url); c[0] != "1" {
			t.Fatalf("forged handle %d: counts %v, want the message still visible", i, c)
		}
	}

	m := h.receive(url, obj{"VisibilityTimeout": 60})[0]
	real := m["ReceiptHandle"].(string)
	raw, err := base64.RawURLEncoding.DecodeString(real)
	if err != nil {
		t.Fatal(err)
	}
	// Same queue, id and receive; another random part.
	parts := strings.Split(string(raw), "\x00")
	for i := 4; i < len(parts); i++ {
		parts[i] = strings.Repeat("0", len(parts[i]))
	}
	tampered := base64.RawURLEncoding.EncodeToString([]byte(strings.Join(parts, "\x00")))
	h.fail("DeleteMessage", obj{"QueueUrl": url, "ReceiptHandle": tampered}, "ReceiptHandleIsInvalid")
	h.fail("ChangeMessageVisibility", obj{"QueueUrl": url, "ReceiptHandle": tampered, "VisibilityTimeout": 0}, "ReceiptHandleIsInvalid")
	res := h.ok("DeleteMessageBatch", obj{"QueueUrl": url, "Entries": []obj{{"Id": "a", "ReceiptHandle": tampered}}})
	if f, _ := res["Failed"].([]any); len(f) != 1 || f[0].(obj)["Code"] != "ReceiptHandleIsInvalid" {
		t.Errorf("DeleteMessageBatch with a tampered handle: %v", res)
	}
	if c := h.counts(url); c[1] != "1" {
		t.Fatalf("after tampered handles: counts %v, want the message still in flight", c)
	}
	h.ok("DeleteMessage", obj{"QueueUrl": url, "ReceiptHandle": real})
	if c := h.counts(url); c != [3]string{"0", "0", "0"} {
		t.Errorf("the real handle did not delete: %v", c)
	}
}

// VisibilityTimeout is required on ChangeMessageVisibility (the Go SDK
// always sends it); a request without it is an error, not a reset to 0.
func TestChangeVisibilityNeedsATimeout(t *testing.T) {
	h := newHarness(t)
	url := h.createQueue("q", nil)
	h.send(url, "x", nil)
	handle := h.receive(url, obj{"VisibilityTimeout": 60})[0]["ReceiptHandle"]
	h.fail("ChangeMessageVisibility", obj{"QueueUrl": url, "ReceiptHandle": handle}, "MissingParameter")
	res := h.ok("ChangeMessageVisibilityBatch", obj{"QueueUrl": url, "Entries": []obj{{"Id": "a", "ReceiptHandle": handle}}})
	if f, _ := res["Failed"].([]any); len(f) != 1 || f[0].(obj)["Code"] != "MissingParameter" {
		t.Errorf("batch entry without VisibilityTimeout: %v, want it failed with MissingParameter", res)
	}
	if c := h.counts(url); c[1] != "1" {
		t.Errorf("counts %v: the message must still be in flight", c)
	}
}

// At most 50 tags per queue, however they arrive; keys and values hold
// only what AWS allows in tags (letters, digits, spaces, _ . : / = + - @),
// so no terminal escape reaches a console that lists them.
func TestTagRules(t *testing.T) {
	h := newHarness(t)
	many := obj{}
	for i := range 51 {
		many[fmt.Sprintf("k%02d", i)] = "v"
	}
	h.fail("CreateQueue", obj{"QueueName": "tagged", "tags": many}, "InvalidParameterValue")
	if h.s.queueByName("tagged") != nil {
		t.Error("the queue was created although its tags were refused")
	}
	url := h.createQueue("q", nil)
	h.fail("TagQueue", obj{"QueueUrl": url, "Tags": many}, "InvalidParameterValue")
	for _, bad := range []obj{
		{"k": "a\x1b[2Jb"}, {"k\x1b": "v"}, {"k": "\x1b]52;c;cm0=\x07"}, {"k": "line\nbreak"},
		{"k": "\u202egnp.exe"}, {"k": "\u009b2J"},
	} {
		h.fail("TagQueue", obj{"QueueUrl": url, "Tags": bad}, "InvalidParameterValue")
		h.fail("CreateQueue", obj{"QueueName": "tagged", "tags": bad}, "InvalidParameterValue")
	}
	good := obj{"team": "Zoë Müller", "cost-center": "a_b.c:d/e=f+g-h@i 42", "漢字": "値"}
	h.ok("TagQueue", obj{"QueueUrl": url, "Tags": good})
	if tags := h.ok("ListQueueTags", obj{"QueueUrl": url})["Tags"].(obj); len(tags) != len(good) {
		t.Errorf("tags = %v, want %v", tags, good)
	}
}

// QueueUrls are built from the address the server was given or listens
// on, never from the Host header: that is the client's to choose, and
// echoing it lets anyone who reaches the server hand other clients URLs
// that point elsewhere.
func TestQueueURLIgnoresHostHeader(t *testing.T) {
	h := newHarness(t)
	url := h.createQueue("orders", nil)
	req := func(host, op, body string) *http.Request {
		r := httptest.NewRequest(http.MethodPost, "http://"+host+"/", strings.NewReader(body))
		r.Header.Set("X-Amz-Target", "AmazonSQS."+op)
		return r
	}
	for _, op := range []struct{ name, body string }{
		{"CreateQueue", `{"QueueName":"orders"}`},
		{"GetQueueUrl", `{"QueueName":"orders"}`},
		{"ListQueues", `{}`},
	} {
		rec := httptest.NewRecorder()
		h.s.ServeHTTP(rec, req("evil.example:666", op.name, op.body))
		if strings.Contains(rec.Body.String(), "evil.example") || !strings.Contains(rec.Body.String(), url) {
			t.Errorf("%s with Host evil.example: %s, want %s", op.name, rec.Body.String(), url)
		}
	}

	// Listening, the URL is the listener's, whatever Host a client sends.
	ctx, cancel := context.WithCancel(context.Background())
	base, wait, err := ListenAndServe(ctx, "127.0.0.1:0", New(Options{}))
	if err != nil {
		t.Fatal(err)
	}
	defer func() { cancel(); _ = wait() }()
	r, _ := http.NewRequest(http.MethodPost, base+"/", strings.NewReader(`{"QueueName":"q"}`))
	r.Host = "evil.example"
	r.Header.Set("X-Amz-Target", "AmazonSQS.CreateQueue")
	resp, err := http.DefaultClient.Do(r)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out struct{ QueueUrl string }
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil || out.QueueUrl != base+"/000000000000/q" {
		t.Errorf("CreateQueue over HTTP with Host evil.example: %q (%v), want %s/000000000000/q", out.QueueUrl, err, base)
	}
}

func TestDialableURL(t *testing.T) {
	for _, c := range []struct {
		ip   net.IP
		want string
	}{
		{net.IPv4zero, "http://127.0.0.1:9324"},
		{net.IPv6unspecified, "http://127.0.0.1:9324"},
		{net.IPv4(127, 0, 0, 1), "http://127.0.0.1:9324"},
		{net.ParseIP("::1"), "http://[::1]:9324"},
		{net.IPv4(10, 1, 2, 3), "http://10.1.2.3:9324"},
	} {
		if got := dialableURL(&net.TCPAddr{IP: c.ip, Port: 9324}); got != c.want {
			t.Errorf("dialableURL(%v) = %s, want %s", c.ip, got, c.want)
		}
	}
}
