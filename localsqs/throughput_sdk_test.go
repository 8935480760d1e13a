package localsqs_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	"github.com/aws/aws-sdk-go-v2/service/sqs/types"

	"github.com/sqscope/sqscope/localsqs"
)

// BenchmarkSDKBatchRoundTrip is one worker's send→receive→delete cycle of
// 10 messages through the real SDK over loopback HTTP; ns/op is per cycle.
func BenchmarkSDKBatchRoundTrip(b *testing.B) {
	srv := localsqs.New(localsqs.Options{})
	defer srv.Close()
	ctx, cancel := context.WithCancel(context.Background())
	url, wait, err := localsqs.ListenAndServe(ctx, "127.0.0.1:0", srv)
	if err != nil {
		b.Fatal(err)
	}
	defer func() { cancel(); _ = wait() }()
	c := sqs.New(sqs.Options{Region: "us-east-1", BaseEndpoint: aws.String(url), Credentials: aws.AnonymousCredentials{}})
	q, err := c.CreateQueue(ctx, &sqs.CreateQueueInput{QueueName: aws.String("bench")})
	if err != nil {
		b.Fatal(err)
	}
	entries := make([]types.SendMessageBatchRequestEntry, 10)
	for i := range entries {
		entries[i] = types.SendMessageBatchRequestEntry{Id: aws.String(fmt.Sprint(i)),
			MessageBody: aws.String(`{"orderId":"12345","amount":42.5,"currency":"EUR"}`),
			MessageAttributes: map[string]types.MessageAttributeValue{
				"type": {DataType: aws.String("String"), StringValue: aws.String("order")}}}
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := c.SendMessageBatch(ctx, &sqs.SendMessageBatchInput{QueueUrl: q.QueueUrl, Entries: entries}); err != nil {
			b.Fatal(err)
		}
		got, err := c.ReceiveMessage(ctx, &sqs.ReceiveMessageInput{QueueUrl: q.QueueUrl, MaxNumberOfMessages: 10,
			MessageAttributeNames: []string{"All"}})
		if err != nil {
			b.Fatal(err)
		}
		del := make([]types.DeleteMessageBatchRequestEntry, len(got.Messages))
		for j, m := range got.Messages {
			del[j] = types.DeleteMessageBatchRequestEntry{Id: aws.String(fmt.Sprint(j)), ReceiptHandle: m.ReceiptHandle}
		}
		if len(del) > 0 {
			if _, err := c.DeleteMessageBatch(ctx, &sqs.DeleteMessageBatchInput{QueueUrl: q.QueueUrl, Entries: del}); err != nil {
				b.Fatal(err)
			}
		}
	}
}
