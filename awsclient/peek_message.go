package awsclient

import (
	"strconv"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sqs/types"

	"github.com/sqscope/sqscope/model"
)

// messageFromSDK converts one received message. System keeps every system
// attribute as sent (including ones this version does not know, e.g.
// AWSTraceHeader); the typed fields are read leniently, since a message is
// worth showing even when an emulator formats a timestamp oddly.
func messageFromSDK(m types.Message) model.Message {
	sys := make(map[string]string, len(m.Attributes))
	for k, v := range m.Attributes {
		sys[k] = v
	}
	out := model.Message{
		ID:             aws.ToString(m.MessageId),
		ReceiptHandle:  aws.ToString(m.ReceiptHandle),
		Body:           aws.ToString(m.Body),
		MD5OfBody:      aws.ToString(m.MD5OfBody),
		System:         sys,
		SentAt:         epochMillis(sys["SentTimestamp"]),
		FirstReceiveAt: epochMillis(sys["ApproximateFirstReceiveTimestamp"]),
		ReceiveCount:   atoi(sys["ApproximateReceiveCount"]),
		SenderID:       sys["SenderId"],
		DLQSourceARN:   sys["DeadLetterQueueSourceArn"],
		GroupID:        sys["MessageGroupId"],
		DedupID:        sys["MessageDeduplicationId"],
		SequenceNumber: sys["SequenceNumber"],
	}
	if len(m.MessageAttributes) > 0 {
		out.Attributes = make(map[string]model.MessageAttribute, len(m.MessageAttributes))
		for name, a := range m.MessageAttributes {
			out.Attributes[name] = model.MessageAttribute{
				DataType:    aws.ToString(a.DataType),
				StringValue: aws.ToString(a.StringValue),
				BinaryValue: a.BinaryValue,
			}
		}
	}
	return out
}

// epochMillis reads SQS's millisecond timestamps; some emulators send
// seconds with a fraction ("1795774449.986"), which is accepted too.
func epochMillis(raw string) time.Time {
	if raw == "" {
		return time.Time{}
	}
	if !strings.Contains(raw, ".") {
		if ms, err := strconv.ParseInt(raw, 10, 64); err == nil && ms > 0 {
			return time.UnixMilli(ms)
		}
		return time.Time{}
	}
	if d := seconds(raw); d > 0 {
		return time.Unix(0, int64(d))
	}
	return time.Time{}
}

func atoi(raw string) int {
	n, err := strconv.Atoi(raw)
	if err != nil || n < 0 {
		return 0
	}
	return n
}
