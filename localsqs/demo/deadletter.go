package demo

import (
	"context"
	"fmt"
)

// deadLetter fails entries into the source queue's DLQ the way production
// does, so the DLQ copies carry what real ones carry (receive counts,
// DeadLetterQueueSourceArn): each message is received maxReceiveCount
// times and released at once, and the receive after that moves it.
// Releasing with ChangeMessageVisibility 0 makes this instant.
func (s *seeder) deadLetter(ctx context.Context, source string, entries []sendEntry) error {
	spec, ok := specByName(source)
	if !ok || spec.dlq == "" {
		return fmt.Errorf("demo: %s has no dead-letter queue", source)
	}
	url := s.urls[source]
	if err := s.c.sendBatch(ctx, url, entries); err != nil {
		return err
	}
	// Every message needs maxRecv+1 receives of at most 10; allow twice that
	// before concluding the server does not dead-letter at all.
	limit := 2 * (spec.maxRecv + 1) * (len(entries)/10 + 1)
	for range limit {
		msgs, err := s.c.receive(ctx, url, 10, 30)
		if err != nil {
			return err
		}
		if len(msgs) == 0 {
			return nil
		}
		if err := s.c.releaseBatch(ctx, url, receiptHandles(msgs)); err != nil {
			return err
		}
	}
	return fmt.Errorf("demo: %s still holds messages after %d receives; does the server honour RedrivePolicy?", source, limit)
}

// holdAll receives n messages and keeps them in flight for seconds.
func (s *seeder) holdAll(ctx context.Context, url string, n, seconds int) error {
	for got := 0; got < n; {
		msgs, err := s.c.receive(ctx, url, min(10, n-got), seconds)
		if err != nil {
			return err
		}
		if len(msgs) == 0 {
			return fmt.Errorf("demo: held only %d of %d messages in %s", got, n, url)
		}
		got += len(msgs)
	}
	return nil
}

func specByName(name string) (queueSpec, bool) {
	for _, q := range queueSpecs {
		if q.name == name {
			return q, true
		}
	}
	return queueSpec{}, false
}
