package localsqs_test

import (
	"context"
	"errors"
	"net/http/httptest"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	"github.com/aws/aws-sdk-go-v2/service/sqs/types"

	"github.com/sqscope/sqscope/localsqs"
)

// newSDKClient starts srv behind httptest and returns a real SDK client for
// it; the SDK verifies body MD5s and decodes error shapes, so these tests
// check wire fidelity rather than internals.
func newSDKClient(t *testing.T, opts localsqs.Options) (*sqs.Client, *localsqs.Server) {
	t.Helper()
	srv := localsqs.New(opts)
	hs := httptest.NewServer(srv)
	t.Cleanup(func() { srv.Close(); hs.Close() })
	c := sqs.New(sqs.Options{
		Region:       "us-east-1",
		BaseEndpoint: aws.String(hs.URL),
		Credentials: aws.CredentialsProviderFunc(func(context.Context) (aws.Credentials, error) {
			return aws.Credentials{AccessKeyID: "AKIDTEST", SecretAccessKey: "secret"}, nil
		}),
	})
	return c, srv
}

func TestSDKErrorsAreTyped(t *testing.T) {
	c, _ := newSDKClient(t, localsqs.Options{})
	ctx := context.Background()
	_, err := c.GetQueueUrl(ctx, &sqs.GetQueueUrlInput{QueueName: aws.String("nope")})
	var dne *types.QueueDoesNotExist
	if !errors.As(err, &dne) {
		t.Fatalf("GetQueueUrl(nope) = %v, want QueueDoesNotExist", err)
	}
	if _, err := c.CreateQueue(ctx, &sqs.CreateQueueInput{QueueName: aws.String("q"),
		Attributes: map[string]string{"VisibilityTimeout": "5"}}); err != nil {
		t.Fatal(err)
	}
	_, err = c.CreateQueue(ctx, &sqs.CreateQueueInput{QueueName: aws.String("q"),
		Attributes: map[string]string{"VisibilityTimeout": "6"}})
	var exists *types.QueueNameExists
	if !errors.As(err, &exists) {
		t.Fatalf("CreateQueue with other attributes = %v, want QueueNameExists", err)
	}
}

func TestSDKSendReceiveDeleteWithAttributes(t *testing.T) {
	c, _ := newSDKClient(t, localsqs.Options{})
	ctx := context.Background()
	cq, err := c.CreateQueue(ctx, &sqs.CreateQueueInput{QueueName: aws.String("orders")})
	if err != nil {
		t.Fatal(err)
	}
	attrs := map[string]types.MessageAttributeValue{
		"type":   {DataType: aws.String("String"), StringValue: aws.String("order.created")},
		"count":  {DataType: aws.String("Number"), StringValue: aws.String("42")},
		"blob":   {DataType: aws.String("Binary"), BinaryValue: []byte{0, 1, 2, 255}},
		"x.code": {DataType: aws.String("String.custom"), StringValue: aws.String("héllo ✓")},
	}
	sent, err := c.SendMessage(ctx, &sqs.SendMessageInput{QueueUrl: cq.QueueUrl,
		MessageBody: aws.String(`{"id":1,"note":"ünïcode 🎉"}`), MessageAttributes: attrs})
	if err != nil {
		t.Fatal(err) // includes the SDK's MD5 check of the body
	}
	if aws.ToString(sent.MD5OfMessageAttributes) != "" && len(*sent.MD5OfMessageAttributes) != 32 {
		t.Fatalf("MD5OfMessageAttributes = %q", aws.ToString(sent.MD5OfMessageAttributes))
	}
	rec, err := c.ReceiveMessage(ctx, &sqs.ReceiveMessageInput{QueueUrl: cq.QueueUrl,
		MessageAttributeNames:       []string{"All"},
		MessageSystemAttributeNames: []types.MessageSystemAttributeName{"All"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(rec.Messages) != 1 {
		t.Fatalf("received %d messages, want 1", len(rec.Messages))
	}
	m := rec.Messages[0]
	if aws.ToString(m.MessageId) != aws.ToString(sent.MessageId) {
		t.Fatalf("id %s, want %s", aws.ToString(m.MessageId), aws.ToString(sent.MessageId))
	}
	if aws.ToString(m.MD5OfMessageAttributes) != aws.ToString(sent.MD5OfMessageAttributes) {
		t.Fatalf("receive attr MD5 %s != send attr MD5 %s", aws.ToString(m.MD5OfMessageAttributes), aws.ToString(sent.MD5OfMessageAttributes))
	}
	if got := m.MessageAttributes["blob"].BinaryValue; string(got) != "\x00\x01\x02\xff" {
		t.Fatalf("binary attribute = %v", got)
	}
	if m.Attributes["ApproximateReceiveCount"] != "1" || m.Attributes["SenderId"] != "AKIDTEST" {
		t.Fatalf("system attributes = %v", m.Attributes)
	}
	if _, err := c.DeleteMessage(ctx, &sqs.DeleteMessageInput{QueueUrl: cq.QueueUrl, ReceiptHandle: m.ReceiptHandle}); err != nil {
		t.Fatal(err)
	}
	ga, err := c.GetQueueAttributes(ctx, &sqs.GetQueueAttributesInput{QueueUrl: cq.QueueUrl,
		AttributeNames: []types.QueueAttributeName{"All"}})
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"} {
		if ga.Attributes[k] != "0" {
			t.Fatalf("%s = %q after delete, want 0", k, ga.Attributes[k])
		}
	}
}
