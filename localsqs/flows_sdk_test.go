package localsqs_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	"github.com/aws/aws-sdk-go-v2/service/sqs/types"
	"github.com/aws/smithy-go"

	"github.com/sqscope/sqscope/localsqs"
)

func TestSDKListQueuesPaginator(t *testing.T) {
	c, _ := newSDKClient(t, localsqs.Options{})
	ctx := context.Background()
	for i := 0; i < 23; i++ {
		if _, err := c.CreateQueue(ctx, &sqs.CreateQueueInput{QueueName: aws.String(fmt.Sprintf("q%02d", i))}); err != nil {
			t.Fatal(err)
		}
	}
	p := sqs.NewListQueuesPaginator(c, &sqs.ListQueuesInput{MaxResults: aws.Int32(5)})
	n, pages := 0, 0
	for p.HasMorePages() {
		out, err := p.NextPage(ctx)
		if err != nil {
			t.Fatal(err)
		}
		n += len(out.QueueUrls)
		pages++
	}
	if n != 23 || pages != 5 {
		t.Fatalf("paged %d queues in %d pages, want 23 in 5", n, pages)
	}
}

func TestSDKFIFOBatchAndSystemAttributes(t *testing.T) {
	c, _ := newSDKClient(t, localsqs.Options{})
	ctx := context.Background()
	q, err := c.CreateQueue(ctx, &sqs.CreateQueueInput{QueueName: aws.String("pay.fifo"),
		Attributes: map[string]string{"FifoQueue": "true"}})
	if err != nil {
		t.Fatal(err)
	}
	var entries []types.SendMessageBatchRequestEntry
	for i := 0; i < 10; i++ {
		entries = append(entries, types.SendMessageBatchRequestEntry{Id: aws.String(fmt.Sprint("e", i)),
			MessageBody: aws.String(fmt.Sprint("payment ", i)), MessageGroupId: aws.String("acct-1"),
			MessageDeduplicationId: aws.String(fmt.Sprint("d", i)),
			MessageSystemAttributes: map[string]types.MessageSystemAttributeValue{
				"AWSTraceHeader": {DataType: aws.String("String"), StringValue: aws.String("Root=1-abc")}}})
	}
	sent, err := c.SendMessageBatch(ctx, &sqs.SendMessageBatchInput{QueueUrl: q.QueueUrl, Entries: entries})
	if err != nil {
		t.Fatal(err)
	}
	if len(sent.Successful) != 10 || len(sent.Failed) != 0 || aws.ToString(sent.Successful[0].MD5OfMessageSystemAttributes) == "" {
		t.Fatalf("batch: %d ok, %d failed", len(sent.Successful), len(sent.Failed))
	}
	rec, err := c.ReceiveMessage(ctx, &sqs.ReceiveMessageInput{QueueUrl: q.QueueUrl, MaxNumberOfMessages: 10,
		MessageSystemAttributeNames: []types.MessageSystemAttributeName{"All"}})
	if err != nil {
		t.Fatal(err)
	}
	for i, m := range rec.Messages {
		if aws.ToString(m.Body) != fmt.Sprint("payment ", i) || m.Attributes["AWSTraceHeader"] != "Root=1-abc" ||
			m.Attributes["MessageGroupId"] != "acct-1" || m.Attributes["SequenceNumber"] != aws.ToString(sent.Successful[i].SequenceNumber) {
			t.Fatalf("message %d: %s %v", i, aws.ToString(m.Body), m.Attributes)
		}
	}
	var reset []types.ChangeMessageVisibilityBatchRequestEntry
	for i, m := range rec.Messages {
		reset = append(reset, types.ChangeMessageVisibilityBatchRequestEntry{Id: aws.String(fmt.Sprint(i)), ReceiptHandle: m.ReceiptHandle})
	}
	// VisibilityTimeout 0 is omitted by the SDK: the server must read it as 0.
	out, err := c.ChangeMessageVisibilityBatch(ctx, &sqs.ChangeMessageVisibilityBatchInput{QueueUrl: q.QueueUrl, Entries: reset})
	if err != nil || len(out.Successful) != 10 {
		t.Fatalf("reset: %v %+v", err, out)
	}
	ga, err := c.GetQueueAttributes(ctx, &sqs.GetQueueAttributesInput{QueueUrl: q.QueueUrl,
		AttributeNames: []types.QueueAttributeName{types.QueueAttributeNameApproximateNumberOfMessages}})
	if err != nil || ga.Attributes["ApproximateNumberOfMessages"] != "10" {
		t.Fatalf("after reset: %v %v", err, ga.Attributes)
	}
}

func TestSDKBatchErrorsAreTyped(t *testing.T) {
	c, _ := newSDKClient(t, localsqs.Options{})
	ctx := context.Background()
	q, _ := c.CreateQueue(ctx, &sqs.CreateQueueInput{QueueName: aws.String("b")})
	entry := types.SendMessageBatchRequestEntry{Id: aws.String("same"), MessageBody: aws.String("x")}
	_, err := c.SendMessageBatch(ctx, &sqs.SendMessageBatchInput{QueueUrl: q.QueueUrl, Entries: []types.SendMessageBatchRequestEntry{entry, entry}})
	var dup *types.BatchEntryIdsNotDistinct
	if !errors.As(err, &dup) {
		t.Fatalf("duplicate ids: %v", err)
	}
	_, err = c.ReceiveMessage(ctx, &sqs.ReceiveMessageInput{QueueUrl: q.QueueUrl, MaxNumberOfMessages: 11})
	var api smithy.APIError
	if !errors.As(err, &api) || api.ErrorCode() != "InvalidParameterValue" {
		t.Fatalf("MaxNumberOfMessages 11: %v", err)
	}
	_, err = c.PurgeQueue(ctx, &sqs.PurgeQueueInput{QueueUrl: q.QueueUrl})
	if err == nil {
		_, err = c.PurgeQueue(ctx, &sqs.PurgeQueueInput{QueueUrl: q.QueueUrl})
	}
	var purge *types.PurgeQueueInProgress
	if !errors.As(err, &purge) {
		t.Fatalf("second purge: %v", err)
	}
}

func TestSDKMoveTaskOverListenAndServe(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	url, wait, err := localsqs.ListenAndServe(ctx, "127.0.0.1:0", localsqs.New(localsqs.Options{}))
	if err != nil {
		t.Fatal(err)
	}
	defer func() {
		cancel()
		if err := wait(); err != nil {
			t.Errorf("wait: %v", err)
		}
	}()
	c := sqs.New(sqs.Options{Region: "us-east-1", BaseEndpoint: aws.String(url),
		Credentials: aws.AnonymousCredentials{}})
	dlq, _ := c.CreateQueue(ctx, &sqs.CreateQueueInput{QueueName: aws.String("dlq")})
	dlqARN := "arn:aws:sqs:us-east-1:000000000000:dlq"
	src, err := c.CreateQueue(ctx, &sqs.CreateQueueInput{QueueName: aws.String("src"), Attributes: map[string]string{
		"RedrivePolicy": `{"deadLetterTargetArn":"` + dlqARN + `","maxReceiveCount":"1"}`}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.SendMessage(ctx, &sqs.SendMessageInput{QueueUrl: src.QueueUrl, MessageBody: aws.String("boom")}); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 2; i++ {
		got, err := c.ReceiveMessage(ctx, &sqs.ReceiveMessageInput{QueueUrl: src.QueueUrl})
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range got.Messages {
			_, _ = c.ChangeMessageVisibility(ctx, &sqs.ChangeMessageVisibilityInput{QueueUrl: src.QueueUrl, ReceiptHandle: m.ReceiptHandle})
		}
	}
	if _, err := c.StartMessageMoveTask(ctx, &sqs.StartMessageMoveTaskInput{SourceArn: aws.String(dlqARN)}); err != nil {
		t.Fatal(err)
	}
	for start := time.Now(); ; time.Sleep(5 * time.Millisecond) {
		l, err := c.ListMessageMoveTasks(ctx, &sqs.ListMessageMoveTasksInput{SourceArn: aws.String(dlqARN)})
		if err != nil {
			t.Fatal(err)
		}
		if len(l.Results) == 1 && aws.ToString(l.Results[0].Status) == "COMPLETED" {
			if l.Results[0].ApproximateNumberOfMessagesMoved != 1 {
				t.Fatalf("moved %d", l.Results[0].ApproximateNumberOfMessagesMoved)
			}
			break
		}
		if time.Since(start) > 30*time.Second {
			t.Fatal("move task did not complete (hang guard)")
		}
	}
	got, err := c.ReceiveMessage(ctx, &sqs.ReceiveMessageInput{QueueUrl: src.QueueUrl, WaitTimeSeconds: 1})
	if err != nil || len(got.Messages) != 1 || aws.ToString(got.Messages[0].Body) != "boom" {
		t.Fatalf("message not back at source: %v %v", err, got)
	}
	_ = dlq
}
