package conformance

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	"github.com/aws/aws-sdk-go-v2/service/sqs/types"
)

func sendEntries(bodies ...string) []types.SendMessageBatchRequestEntry {
	var out []types.SendMessageBatchRequestEntry
	for i, b := range bodies {
		out = append(out, types.SendMessageBatchRequestEntry{Id: aws.String(fmt.Sprintf("e%d", i)), MessageBody: aws.String(b)})
	}
	return out
}

func successIDs(out *sqs.SendMessageBatchOutput) []string {
	var ids []string
	for _, s := range out.Successful {
		ids = append(ids, aws.ToString(s.Id))
	}
	slices.Sort(ids)
	return ids
}

func TestSendMessageBatchPartialFailure(t *testing.T) {
	forEachTarget(t, []feature{featCharset}, func(t *testing.T, tg *target) {
		url := createQueue(t, tg, uniqueName("batch-partial", false), nil)
		entries := sendEntries("first", "bad \u0000 body", "third")
		entries[2].MessageAttributes = sampleAttrs() // the SDK checks each entry's MD5s too
		// A partial failure is HTTP 200 with the failure in Failed; the SDK
		// returns no error for it.
		out, err := tg.client.SendMessageBatch(testCtx(t), &sqs.SendMessageBatchInput{QueueUrl: aws.String(url), Entries: entries})
		if err != nil {
			t.Fatalf("SendMessageBatch: %v (want HTTP 200 with the bad entry in Failed)", err)
		}
		if got := successIDs(out); !slices.Equal(got, []string{"e0", "e2"}) {
			t.Errorf("Successful ids = %v, want [e0 e2]", got)
		}
		if len(out.Failed) != 1 {
			t.Fatalf("Failed = %+v, want exactly e1", out.Failed)
		}
		f := out.Failed[0]
		if aws.ToString(f.Id) != "e1" || !f.SenderFault || aws.ToString(f.Code) == "" {
			t.Errorf("Failed[0] = {Id %q SenderFault %v Code %q Message %q}, want e1, sender fault, a code",
				aws.ToString(f.Id), f.SenderFault, aws.ToString(f.Code), aws.ToString(f.Message))
		}
		for _, s := range out.Successful {
			if aws.ToString(s.MessageId) == "" || aws.ToString(s.MD5OfMessageBody) == "" {
				t.Errorf("Successful entry %s lacks MessageId or MD5OfMessageBody", aws.ToString(s.Id))
			}
			if aws.ToString(s.Id) == "e2" && aws.ToString(s.MD5OfMessageAttributes) != attrsMD5(sampleAttrs()) {
				t.Errorf("entry e2 MD5OfMessageAttributes = %q, want %q", aws.ToString(s.MD5OfMessageAttributes), attrsMD5(sampleAttrs()))
			}
		}
		if c := queueCounts(t, tg, url); c.visible != 2 {
			t.Errorf("queue holds %d messages, want 2", c.visible)
		}
	})
}

func TestBatchRequestErrors(t *testing.T) {
	forEachTarget(t, nil, func(t *testing.T, tg *target) {
		ctx := testCtx(t)
		url := createQueue(t, tg, uniqueName("batch-err", false), nil)
		sendBatch := func(entries []types.SendMessageBatchRequestEntry) error {
			_, err := tg.client.SendMessageBatch(ctx, &sqs.SendMessageBatchInput{QueueUrl: aws.String(url), Entries: entries})
			return err
		}

		eleven := sendEntries(strings.Split("a b c d e f g h i j k", " ")...)
		var tooMany *types.TooManyEntriesInBatchRequest
		if err := sendBatch(eleven); !errors.As(err, &tooMany) {
			t.Errorf("11 entries: err = %v (%T), want *types.TooManyEntriesInBatchRequest", err, err)
		}

		dup := sendEntries("a", "b")
		dup[1].Id = dup[0].Id
		var notDistinct *types.BatchEntryIdsNotDistinct
		if err := sendBatch(dup); !errors.As(err, &notDistinct) {
			t.Errorf("duplicate ids: err = %v (%T), want *types.BatchEntryIdsNotDistinct", err, err)
		}

		var empty *types.EmptyBatchRequest
		if err := sendBatch([]types.SendMessageBatchRequestEntry{}); !errors.As(err, &empty) {
			t.Errorf("no entries: err = %v (%T), want *types.EmptyBatchRequest", err, err)
		}
		_, err := tg.client.DeleteMessageBatch(ctx, &sqs.DeleteMessageBatchInput{QueueUrl: aws.String(url), Entries: []types.DeleteMessageBatchRequestEntry{}})
		if !errors.As(err, &empty) {
			t.Errorf("DeleteMessageBatch with no entries: err = %v (%T), want *types.EmptyBatchRequest", err, err)
		}

		badID := sendEntries("a")
		badID[0].Id = aws.String("has space!")
		var invalidID *types.InvalidBatchEntryId
		if err := sendBatch(badID); !errors.As(err, &invalidID) {
			t.Errorf("id with invalid characters: err = %v (%T), want *types.InvalidBatchEntryId", err, err)
		}

		if c := queueCounts(t, tg, url); c != (counts{}) {
			t.Errorf("a rejected batch left messages behind: %+v", c)
		}
	})
}

func TestBatchPayloadLimit(t *testing.T) {
	forEachTarget(t, []feature{featBatchSizeLimit}, func(t *testing.T, tg *target) {
		url := createQueue(t, tg, uniqueName("batch-big", false), nil)
		// Each entry is legal alone; together they exceed 1 MiB.
		half := strings.Repeat("x", 600*1024)
		_, err := tg.client.SendMessageBatch(testCtx(t), &sqs.SendMessageBatchInput{QueueUrl: aws.String(url), Entries: sendEntries(half, half)})
		var tooLong *types.BatchRequestTooLong
		if !errors.As(err, &tooLong) {
			t.Errorf("2 × 600 KiB batch: err = %v (%T), want *types.BatchRequestTooLong", err, err)
		}
	})
}

func TestDeleteMessageBatchPartialFailure(t *testing.T) {
	forEachTarget(t, nil, func(t *testing.T, tg *target) {
		url := createQueue(t, tg, uniqueName("delbatch", false), nil)
		send(t, tg, url, "one")
		send(t, tg, url, "two")
		var held []types.Message
		for range 5 {
			held = append(held, receive(t, tg, url, 10, 30)...)
			if len(held) == 2 {
				break
			}
		}
		if len(held) != 2 {
			t.Fatalf("received %d messages, want 2", len(held))
		}
		out, err := tg.client.DeleteMessageBatch(testCtx(t), &sqs.DeleteMessageBatchInput{
			QueueUrl: aws.String(url),
			Entries: []types.DeleteMessageBatchRequestEntry{
				{Id: aws.String("good1"), ReceiptHandle: held[0].ReceiptHandle},
				{Id: aws.String("bogus"), ReceiptHandle: aws.String("not-a-receipt-handle")},
				{Id: aws.String("good2"), ReceiptHandle: held[1].ReceiptHandle},
			},
		})
		if err != nil {
			t.Fatalf("DeleteMessageBatch: %v (want HTTP 200 with the bad entry in Failed)", err)
		}
		var ok []string
		for _, s := range out.Successful {
			ok = append(ok, aws.ToString(s.Id))
		}
		slices.Sort(ok)
		if !slices.Equal(ok, []string{"good1", "good2"}) {
			t.Errorf("Successful = %v, want [good1 good2]", ok)
		}
		if len(out.Failed) != 1 || aws.ToString(out.Failed[0].Id) != "bogus" || !out.Failed[0].SenderFault {
			t.Fatalf("Failed = %+v, want exactly bogus as a sender fault", out.Failed)
		}
		if code := aws.ToString(out.Failed[0].Code); code != "ReceiptHandleIsInvalid" {
			t.Errorf("Failed[0].Code = %q, want ReceiptHandleIsInvalid", code)
		}
		if c := queueCounts(t, tg, url); c != (counts{}) {
			t.Errorf("counts after deleting both = %+v, want zero", c)
		}
	})
}
