package localsqs

import "testing"

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
