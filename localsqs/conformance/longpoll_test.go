package conformance

import (
	"context"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
)

func TestLongPollWakesOnSend(t *testing.T) {
	forEachTarget(t, nil, func(t *testing.T, tg *target) {
		url := createQueue(t, tg, uniqueName("longpoll", false), nil)
		body := uniqueName("woken", false)
		sendErr := make(chan error, 1)
		go func() {
			// Give the receive below time to be waiting on the server; if
			// it were not, it would simply find the message already there.
			time.Sleep(400 * time.Millisecond)
			// Its own context: t may have finished if the receive failed.
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			_, err := tg.client.SendMessage(ctx, &sqs.SendMessageInput{QueueUrl: aws.String(url), MessageBody: aws.String(body)})
			sendErr <- err
		}()
		// The queue is empty when the receive starts, so the only message
		// it can return is the one the goroutine sent while it waited.
		got := receiveWait(t, tg, url, 1, 30, 5)
		if err := <-sendErr; err != nil {
			t.Fatalf("SendMessage: %v", err)
		}
		if len(got) != 1 || aws.ToString(got[0].Body) != body {
			t.Fatalf("long poll returned %v, want [%s]", bodies(got), body)
		}
	})
}

func TestLongPollOnEmptyQueueReturnsNothing(t *testing.T) {
	forEachTarget(t, nil, func(t *testing.T, tg *target) {
		url := createQueue(t, tg, uniqueName("empty-poll", false), nil)
		if got := receiveWait(t, tg, url, 10, 30, 1); len(got) != 0 {
			t.Errorf("long poll of an empty queue returned %v", bodies(got))
		}
	})
}
