package conformance

import (
	"bytes"
	"crypto/md5"
	"encoding/binary"
	"encoding/hex"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	"github.com/aws/aws-sdk-go-v2/service/sqs/types"
)

// sampleAttrs covers every data type class, including a custom type whose
// name the MD5 must include verbatim.
func sampleAttrs() map[string]types.MessageAttributeValue {
	return map[string]types.MessageAttributeValue{
		"kind":    {DataType: aws.String("String"), StringValue: aws.String("order.created")},
		"attempt": {DataType: aws.String("Number"), StringValue: aws.String("3")},
		"blob":    {DataType: aws.String("Binary"), BinaryValue: []byte{0, 1, 2, 0xfe, 0xff}},
		"payload": {DataType: aws.String("String.json"), StringValue: aws.String(`{"a":[1,2]}`)},
		"price":   {DataType: aws.String("Number.float"), StringValue: aws.String("12.50")},
	}
}

// assertSameAttrs compares message attributes as sent and as received.
func assertSameAttrs(t *testing.T, got, want map[string]types.MessageAttributeValue) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("received %d message attributes %v, want %d", len(got), attrNames(got), len(want))
	}
	for name, w := range want {
		g, ok := got[name]
		if !ok {
			t.Errorf("message attribute %q missing", name)
			continue
		}
		if aws.ToString(g.DataType) != aws.ToString(w.DataType) ||
			aws.ToString(g.StringValue) != aws.ToString(w.StringValue) ||
			!bytes.Equal(g.BinaryValue, w.BinaryValue) {
			t.Errorf("attribute %q = {%s %q %v}, want {%s %q %v}", name,
				aws.ToString(g.DataType), aws.ToString(g.StringValue), g.BinaryValue,
				aws.ToString(w.DataType), aws.ToString(w.StringValue), w.BinaryValue)
		}
	}
}

func attrNames(m map[string]types.MessageAttributeValue) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

func md5Hex(s string) string {
	sum := md5.Sum([]byte(s))
	return hex.EncodeToString(sum[:])
}

// attrsMD5 is MD5OfMessageAttributes as the SQS developer guide defines it:
// over the attributes sorted by name, each as length-prefixed name and data
// type, a transport byte (1 string/number, 2 binary) and the length-prefixed
// value. aws-sdk-go-v2 v1.53 verifies only MD5OfMessageBody, so the suite
// checks this one itself; moto computes it independently and agrees.
func attrsMD5(attrs map[string]types.MessageAttributeValue) string {
	names := attrNames(attrs)
	slices.Sort(names)
	h := md5.New()
	put := func(b []byte) {
		_ = binary.Write(h, binary.BigEndian, uint32(len(b)))
		h.Write(b)
	}
	for _, n := range names {
		v := attrs[n]
		put([]byte(n))
		put([]byte(aws.ToString(v.DataType)))
		if strings.HasPrefix(aws.ToString(v.DataType), "Binary") {
			h.Write([]byte{2})
			put(v.BinaryValue)
		} else {
			h.Write([]byte{1})
			put([]byte(aws.ToString(v.StringValue)))
		}
	}
	return hex.EncodeToString(h.Sum(nil))
}

func TestSendReceiveDeleteWithAttributes(t *testing.T) {
	forEachTarget(t, nil, func(t *testing.T, tg *target) {
		ctx := testCtx(t)
		url := createQueue(t, tg, uniqueName("attrs-msg", false), nil)
		// Characters from every allowed range, so MD5s are over real UTF-8.
		body := "order #42 \t\n\r é 漢字 \uFFFD 🚀 " + string(rune(0xE000))
		// The SDK verifies MD5OfMessageBody and MD5OfMessageAttributes on
		// send and receive and fails the call on a mismatch.
		out, err := tg.client.SendMessage(ctx, &sqs.SendMessageInput{
			QueueUrl:          aws.String(url),
			MessageBody:       aws.String(body),
			MessageAttributes: sampleAttrs(),
		})
		if err != nil {
			t.Fatalf("SendMessage: %v", err)
		}
		if got := aws.ToString(out.MD5OfMessageBody); got != md5Hex(body) {
			t.Errorf("MD5OfMessageBody = %q, want %q", got, md5Hex(body))
		}
		if got, want := aws.ToString(out.MD5OfMessageAttributes), attrsMD5(sampleAttrs()); got != want {
			t.Errorf("MD5OfMessageAttributes = %q, want %q", got, want)
		}
		if aws.ToString(out.MessageId) == "" {
			t.Errorf("SendMessage output lacks a MessageId")
		}

		m := receiveOne(t, tg, url)
		if aws.ToString(m.Body) != body {
			t.Errorf("body = %q, want %q", aws.ToString(m.Body), body)
		}
		if aws.ToString(m.MessageId) != aws.ToString(out.MessageId) {
			t.Errorf("MessageId = %q, want %q", aws.ToString(m.MessageId), aws.ToString(out.MessageId))
		}
		if got, want := aws.ToString(m.MD5OfMessageAttributes), attrsMD5(sampleAttrs()); got != want {
			t.Errorf("received MD5OfMessageAttributes = %q, want %q", got, want)
		}
		if got, want := aws.ToString(m.MD5OfBody), md5Hex(body); got != want {
			t.Errorf("received MD5OfBody = %q, want %q", got, want)
		}
		assertSameAttrs(t, m.MessageAttributes, sampleAttrs())

		deleteMsg(t, tg, url, m)
		if c := queueCounts(t, tg, url); c != (counts{}) {
			t.Errorf("counts after delete = %+v, want zero", c)
		}
	})
}

func TestReceiveMessageAttributeNameFilter(t *testing.T) {
	forEachTarget(t, []feature{featAttrNamePrefix}, func(t *testing.T, tg *target) {
		ctx := testCtx(t)
		url := createQueue(t, tg, uniqueName("attr-filter", false), nil)
		_, err := tg.client.SendMessage(ctx, &sqs.SendMessageInput{
			QueueUrl:    aws.String(url),
			MessageBody: aws.String("filtered"),
			MessageAttributes: map[string]types.MessageAttributeValue{
				"order.id":    {DataType: aws.String("String"), StringValue: aws.String("42")},
				"order.total": {DataType: aws.String("Number"), StringValue: aws.String("9")},
				"trace":       {DataType: aws.String("String"), StringValue: aws.String("t-1")},
			},
		})
		if err != nil {
			t.Fatalf("SendMessage: %v", err)
		}
		// Each receive asks for a subset; the message is reset to visible
		// in between so the same message is read every time.
		for _, tc := range []struct {
			names []string
			want  []string
		}{
			{[]string{"trace"}, []string{"trace"}},
			{[]string{"order.*"}, []string{"order.id", "order.total"}},
			{[]string{"All"}, []string{"order.id", "order.total", "trace"}},
		} {
			out, err := tg.client.ReceiveMessage(ctx, &sqs.ReceiveMessageInput{
				QueueUrl:              aws.String(url),
				MessageAttributeNames: tc.names,
			})
			if err != nil || len(out.Messages) != 1 {
				t.Fatalf("ReceiveMessage %v: %d messages, err %v", tc.names, len(out.Messages), err)
			}
			m := out.Messages[0]
			got := attrNames(m.MessageAttributes)
			if len(got) != len(tc.want) {
				t.Errorf("MessageAttributeNames %v returned %v, want %v", tc.names, got, tc.want)
			}
			for _, w := range tc.want {
				if _, ok := m.MessageAttributes[w]; !ok {
					t.Errorf("MessageAttributeNames %v returned %v, want %v", tc.names, got, tc.want)
				}
			}
			makeVisible(t, tg, url, m)
		}
	})
}

func TestSystemAttributes(t *testing.T) {
	forEachTarget(t, []feature{featSystemAttrs, featReceiveCount}, func(t *testing.T, tg *target) {
		url := createQueue(t, tg, uniqueName("sysattr", false), nil)
		before := time.Now().Add(-time.Minute).UnixMilli()
		sent := send(t, tg, url, "hello")
		after := time.Now().Add(time.Minute).UnixMilli()

		first := receiveOne(t, tg, url)
		a := first.Attributes
		sentTS := msAttr(t, a, "SentTimestamp")
		if sentTS < before || sentTS > after {
			t.Errorf("SentTimestamp %d is not epoch milliseconds near now (%d..%d)", sentTS, before, after)
		}
		firstRecv := msAttr(t, a, "ApproximateFirstReceiveTimestamp")
		if firstRecv < sentTS {
			t.Errorf("ApproximateFirstReceiveTimestamp %d before SentTimestamp %d", firstRecv, sentTS)
		}
		if a["ApproximateReceiveCount"] != "1" {
			t.Errorf("first receive: ApproximateReceiveCount = %q, want 1", a["ApproximateReceiveCount"])
		}
		if a["SenderId"] == "" {
			t.Errorf("SenderId missing from %v", a)
		}
		if aws.ToString(first.MessageId) != aws.ToString(sent.MessageId) {
			t.Errorf("MessageId = %q, want %q", aws.ToString(first.MessageId), aws.ToString(sent.MessageId))
		}

		makeVisible(t, tg, url, first)
		second := receiveOne(t, tg, url)
		if got := second.Attributes["ApproximateReceiveCount"]; got != "2" {
			t.Errorf("second receive: ApproximateReceiveCount = %q, want 2", got)
		}
		if got := msAttr(t, second.Attributes, "ApproximateFirstReceiveTimestamp"); got != firstRecv {
			t.Errorf("ApproximateFirstReceiveTimestamp changed on second receive: %d, want %d", got, firstRecv)
		}
		if aws.ToString(second.ReceiptHandle) == aws.ToString(first.ReceiptHandle) {
			t.Errorf("second receive reused receipt handle %q; AWS issues a new one per receive", aws.ToString(first.ReceiptHandle))
		}
		if aws.ToString(second.MessageId) != aws.ToString(first.MessageId) {
			t.Errorf("second receive MessageId %q, want %q", aws.ToString(second.MessageId), aws.ToString(first.MessageId))
		}
	})
}

func msAttr(t *testing.T, a map[string]string, key string) int64 {
	t.Helper()
	n, err := strconv.ParseInt(a[key], 10, 64)
	if err != nil {
		t.Fatalf("system attribute %s = %q, want epoch milliseconds (all: %v)", key, a[key], a)
	}
	return n
}
