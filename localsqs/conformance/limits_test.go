package conformance

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	"github.com/aws/aws-sdk-go-v2/service/sqs/types"
)

const maxMessageBytes = 1 << 20 // 1,048,576: AWS's maximum since August 2025

func TestMessageSizeLimit(t *testing.T) {
	forEachTarget(t, []feature{featMessageSize1MiB}, func(t *testing.T, tg *target) {
		ctx := testCtx(t)
		url := createQueue(t, tg, uniqueName("size", false), nil)
		if got := queueAttrs(t, tg, url, types.QueueAttributeNameMaximumMessageSize)["MaximumMessageSize"]; got != fmt.Sprint(maxMessageBytes) {
			t.Errorf("default MaximumMessageSize = %q, want %d", got, maxMessageBytes)
		}

		exact := strings.Repeat("a", maxMessageBytes)
		if _, err := tg.client.SendMessage(ctx, &sqs.SendMessageInput{QueueUrl: aws.String(url), MessageBody: aws.String(exact)}); err != nil {
			t.Fatalf("SendMessage of exactly %d bytes: %v", maxMessageBytes, err)
		}
		m := receiveOne(t, tg, url)
		if len(aws.ToString(m.Body)) != maxMessageBytes {
			t.Errorf("received body of %d bytes, want %d", len(aws.ToString(m.Body)), maxMessageBytes)
		}

		_, err := tg.client.SendMessage(ctx, &sqs.SendMessageInput{QueueUrl: aws.String(url), MessageBody: aws.String(exact + "a")})
		if err == nil {
			t.Fatalf("SendMessage of %d bytes succeeded, want an error", maxMessageBytes+1)
		}
	})
}

func TestMessageAttributesCountTowardsSize(t *testing.T) {
	forEachTarget(t, []feature{featMessageSize1MiB, featSizeWithAttrs}, func(t *testing.T, tg *target) {
		url := createQueue(t, tg, uniqueName("size-attr", false), nil)
		// The body alone fits; with the attribute's name, type and value the
		// message is over the limit, which AWS counts as one total.
		_, err := tg.client.SendMessage(testCtx(t), &sqs.SendMessageInput{
			QueueUrl:    aws.String(url),
			MessageBody: aws.String(strings.Repeat("a", maxMessageBytes-10)),
			MessageAttributes: map[string]types.MessageAttributeValue{
				"padding": {DataType: aws.String("String"), StringValue: aws.String(strings.Repeat("p", 64))},
			},
		})
		if err == nil {
			t.Fatalf("body of %d bytes plus a 64-byte attribute was accepted, want an error", maxMessageBytes-10)
		}
	})
}

func TestInvalidMessageContents(t *testing.T) {
	forEachTarget(t, []feature{featCharset}, func(t *testing.T, tg *target) {
		url := createQueue(t, tg, uniqueName("chars", false), nil)
		for _, tc := range []struct{ name, body string }{
			{"U+0000", "nul \u0000 here"},
			{"U+FFFF", "nonchar \uFFFF here"},
			{"U+0008", "backspace \b here"},
		} {
			_, err := tg.client.SendMessage(testCtx(t), &sqs.SendMessageInput{QueueUrl: aws.String(url), MessageBody: aws.String(tc.body)})
			var invalid *types.InvalidMessageContents
			if !errors.As(err, &invalid) {
				t.Errorf("body with %s: err = %v (%T), want *types.InvalidMessageContents", tc.name, err, err)
			}
		}
		if c := queueCounts(t, tg, url); c != (counts{}) {
			t.Errorf("rejected sends left messages: %+v", c)
		}
	})
}

func TestTooManyMessageAttributes(t *testing.T) {
	forEachTarget(t, []feature{featAttrCountLimit}, func(t *testing.T, tg *target) {
		url := createQueue(t, tg, uniqueName("many-attrs", false), nil)
		attrs := map[string]types.MessageAttributeValue{}
		for i := range 11 {
			attrs[fmt.Sprintf("a%02d", i)] = types.MessageAttributeValue{DataType: aws.String("String"), StringValue: aws.String("v")}
		}
		_, err := tg.client.SendMessage(testCtx(t), &sqs.SendMessageInput{QueueUrl: aws.String(url), MessageBody: aws.String("x"), MessageAttributes: attrs})
		if err == nil {
			t.Fatalf("11 message attributes accepted; AWS allows at most 10")
		}
	})
}
