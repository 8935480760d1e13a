package conformance

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
)

// Some requests cannot be made with the SDK: it replaces bytes that are not
// UTF-8 with U+FFFD before sending, cannot write a lone surrogate, and always
// sends the members it considers required. These cases speak the wire
// protocol directly, as a hand-written or buggy client would.

// rawAnswer is one answer to a hand-written request.
type rawAnswer struct {
	status int
	code   string // the error code: x-amzn-query-error, else __type without its namespace
	body   []byte
}

// rawCall POSTs body as one AWS JSON 1.0 request for op. The Authorization
// header is a well-formed SigV4 header with a dummy signature: emulators
// read the region and access key from it and check nothing else.
func rawCall(t *testing.T, tg *target, op string, body []byte) rawAnswer {
	t.Helper()
	req, err := http.NewRequestWithContext(testCtx(t), http.MethodPost, tg.endpoint+"/", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("X-Amz-Target", "AmazonSQS."+op)
	req.Header.Set("Content-Type", "application/x-amz-json-1.0")
	req.Header.Set("Authorization", "AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/sqs/aws4_request, SignedHeaders=host;x-amz-date, Signature=00")
	req.Header.Set("X-Amz-Date", "20260101T000000Z")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s: %v", op, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	a := rawAnswer{status: resp.StatusCode, body: b}
	if q := resp.Header.Get("x-amzn-query-error"); q != "" {
		a.code, _, _ = strings.Cut(q, ";")
		return a
	}
	var shape struct {
		Type string `json:"__type"`
	}
	if json.Unmarshal(b, &shape) == nil && shape.Type != "" {
		a.code = shape.Type[strings.LastIndexByte(shape.Type, '#')+1:]
	}
	return a
}

// jsonString quotes s for a hand-written JSON body (s must be plain text).
func jsonString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// Text that is not Unicode characters is refused: bytes that are not UTF-8
// and lone UTF-16 surrogates, in a body or a String attribute value. It is
// not quietly stored as U+FFFD.
func TestInvalidUTF8Rejected(t *testing.T) {
	forEachTarget(t, []feature{featStrictUTF8}, func(t *testing.T, tg *target) {
		url := createQueue(t, tg, uniqueName("utf8", false), nil)
		q := `{"QueueUrl":` + jsonString(url) + `,`
		for _, tc := range []struct{ name, body string }{
			{"lone high surrogate in the body", q + `"MessageBody":"a\ud800b"}`},
			{"lone low surrogate in the body", q + `"MessageBody":"a\udc00b"}`},
			{"byte 0xFF in the body", q + "\"MessageBody\":\"a\xffb\"}"},
			{"lone surrogate in a String attribute", q + `"MessageBody":"ok","MessageAttributes":{"a":{"DataType":"String","StringValue":"x\ud800"}}}`},
		} {
			a := rawCall(t, tg, "SendMessage", []byte(tc.body))
			if a.status != http.StatusBadRequest || a.code != "InvalidMessageContents" {
				t.Errorf("%s: HTTP %d code %q, want 400 InvalidMessageContents (%.120s)", tc.name, a.status, a.code, a.body)
			}
		}
		// A surrogate pair is one character and is accepted.
		if a := rawCall(t, tg, "SendMessage", []byte(q+`"MessageBody":"\ud83d\ude80"}`)); a.status != http.StatusOK {
			t.Errorf("surrogate pair: HTTP %d %q, want 200", a.status, a.body)
		}
		if c := queueCounts(t, tg, url); c.visible != 1 {
			t.Errorf("queue holds %d messages, want only the surrogate pair's", c.visible)
		}
		if m := receiveOne(t, tg, url); *m.Body != "🚀" {
			t.Errorf("body %q, want the rocket", *m.Body)
		}
	})
}

// VisibilityTimeout is required: without it ChangeMessageVisibility is
// MissingParameter (a batch entry fails alone, with that code) and the
// message stays in flight. It must not be read as 0, a reset.
func TestChangeVisibilityRequiresTimeout(t *testing.T) {
	forEachTarget(t, []feature{featVisibilityNeeded}, func(t *testing.T, tg *target) {
		url := createQueue(t, tg, uniqueName("cmv-vt", false), nil)
		send(t, tg, url, "x")
		m := receiveOne(t, tg, url)
		q := `{"QueueUrl":` + jsonString(url) + `,`
		h := jsonString(*m.ReceiptHandle)
		if a := rawCall(t, tg, "ChangeMessageVisibility", []byte(q+`"ReceiptHandle":`+h+`}`)); a.status != http.StatusBadRequest || a.code != "MissingParameter" {
			t.Errorf("ChangeMessageVisibility without VisibilityTimeout: HTTP %d code %q, want 400 MissingParameter (%.120s)", a.status, a.code, a.body)
		}
		a := rawCall(t, tg, "ChangeMessageVisibilityBatch", []byte(q+`"Entries":[{"Id":"a","ReceiptHandle":`+h+`}]}`))
		var out struct{ Failed []struct{ Id, Code string } }
		if err := json.Unmarshal(a.body, &out); a.status != http.StatusOK || err != nil || len(out.Failed) != 1 || out.Failed[0].Code != "MissingParameter" {
			t.Errorf("batch entry without VisibilityTimeout: HTTP %d %.160s, want 200 with the entry failed as MissingParameter", a.status, a.body)
		}
		if c := queueCounts(t, tg, url); c.notVisible != 1 {
			t.Errorf("counts %+v: the message must still be in flight", c)
		}
	})
}
