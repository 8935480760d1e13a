package conformance

import (
	"errors"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	"github.com/aws/aws-sdk-go-v2/service/sqs/types"
	"github.com/aws/smithy-go"
)

// apiCode returns the error code the SDK exposes for err, or "" when err is
// not an API error at all (a transport failure, a panic turned 500, …).
func apiCode(err error) string {
	var ae smithy.APIError
	if errors.As(err, &ae) {
		return ae.ErrorCode()
	}
	return ""
}

// TestRequestValidationErrors checks that invalid requests fail with the
// error AWS documents for each, as an API error the SDK can classify.
func TestRequestValidationErrors(t *testing.T) {
	forEachTarget(t, nil, func(t *testing.T, tg *target) {
		ctx := testCtx(t)
		url := createQueue(t, tg, uniqueName("validate", false), nil)

		_, err := tg.client.GetQueueAttributes(ctx, &sqs.GetQueueAttributesInput{
			QueueUrl:       aws.String(url),
			AttributeNames: []types.QueueAttributeName{"NoSuchAttribute"},
		})
		var badName *types.InvalidAttributeName
		if !errors.As(err, &badName) {
			t.Errorf("GetQueueAttributes(NoSuchAttribute): err = %v (%T), want *types.InvalidAttributeName", err, err)
		}

		_, err = tg.client.DeleteMessage(ctx, &sqs.DeleteMessageInput{QueueUrl: aws.String(url), ReceiptHandle: aws.String("garbage")})
		var badHandle *types.ReceiptHandleIsInvalid
		if !errors.As(err, &badHandle) {
			t.Errorf("DeleteMessage(garbage handle): err = %v (%T), want *types.ReceiptHandleIsInvalid", err, err)
		}

		_, err = tg.client.SendMessage(ctx, &sqs.SendMessageInput{QueueUrl: aws.String(url), MessageBody: aws.String("x"), DelaySeconds: 901})
		if code := apiCode(err); code != "InvalidParameterValue" {
			t.Errorf("SendMessage(DelaySeconds 901): err = %v, code %q, want InvalidParameterValue", err, code)
		}

		_, err = tg.client.CreateQueue(ctx, &sqs.CreateQueueInput{QueueName: aws.String("bad name!")})
		if code := apiCode(err); code != "InvalidParameterValue" {
			t.Errorf("CreateQueue(\"bad name!\"): err = %v, code %q, want InvalidParameterValue", err, code)
		}
	})
}

func TestEmptyBodyRejected(t *testing.T) {
	forEachTarget(t, []feature{featEmptyBody}, func(t *testing.T, tg *target) {
		url := createQueue(t, tg, uniqueName("empty", false), nil)
		_, err := tg.client.SendMessage(testCtx(t), &sqs.SendMessageInput{QueueUrl: aws.String(url), MessageBody: aws.String("")})
		if apiCode(err) == "" {
			t.Errorf("SendMessage with an empty body: err = %v, want an API error (AWS requires at least one character)", err)
		}
	})
}

func TestSetQueueAttributesRejectsOutOfRange(t *testing.T) {
	forEachTarget(t, []feature{featInvalidAttrValue}, func(t *testing.T, tg *target) {
		url := createQueue(t, tg, uniqueName("range", false), nil)
		_, err := tg.client.SetQueueAttributes(testCtx(t), &sqs.SetQueueAttributesInput{
			QueueUrl:   aws.String(url),
			Attributes: map[string]string{"VisibilityTimeout": "43201"}, // max is 12 hours
		})
		var badValue *types.InvalidAttributeValue
		if !errors.As(err, &badValue) {
			t.Errorf("VisibilityTimeout 43201: err = %v (%T), want *types.InvalidAttributeValue", err, err)
		}
		if got := queueAttrs(t, tg, url, types.QueueAttributeNameVisibilityTimeout)["VisibilityTimeout"]; got != "30" {
			t.Errorf("VisibilityTimeout after the rejected change = %q, want the default 30", got)
		}
	})
}

// A receipt handle is proof of a receive, not a name: a real handle with
// its end changed deletes nothing and changes nothing.
func TestTamperedReceiptHandleRejected(t *testing.T) {
	forEachTarget(t, nil, func(t *testing.T, tg *target) {
		ctx := testCtx(t)
		url := createQueue(t, tg, uniqueName("forged", false), nil)
		send(t, tg, url, "precious")
		m := receiveOne(t, tg, url)
		real := aws.ToString(m.ReceiptHandle)
		fill := "A"
		if strings.HasSuffix(real, "A") {
			fill = "B"
		}
		tampered := real[:len(real)-8] + strings.Repeat(fill, 8)
		_, err := tg.client.DeleteMessage(ctx, &sqs.DeleteMessageInput{QueueUrl: aws.String(url), ReceiptHandle: aws.String(tampered)})
		var invalid *types.ReceiptHandleIsInvalid
		if !errors.As(err, &invalid) {
			t.Errorf("DeleteMessage with a tampered handle: err = %v (%T), want *types.ReceiptHandleIsInvalid", err, err)
		}
		_, err = tg.client.ChangeMessageVisibility(ctx, &sqs.ChangeMessageVisibilityInput{QueueUrl: aws.String(url), ReceiptHandle: aws.String(tampered)})
		if !errors.As(err, &invalid) {
			t.Errorf("ChangeMessageVisibility with a tampered handle: err = %v (%T), want *types.ReceiptHandleIsInvalid", err, err)
		}
		if c := queueCounts(t, tg, url); c.notVisible != 1 {
			t.Errorf("after tampered handles: %+v, want the message still in flight", c)
		}
		deleteMsg(t, tg, url, m)
	})
}
