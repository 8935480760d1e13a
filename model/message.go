package model

import "time"

// MessageAttribute is one user-defined message attribute. DataType keeps any
// custom suffix (e.g. "String.json"); Binary types carry BinaryValue.
type MessageAttribute struct {
	DataType    string
	StringValue string
	BinaryValue []byte
}

// IsBinary reports whether the attribute holds bytes rather than text.
func (a MessageAttribute) IsBinary() bool {
	return len(a.DataType) >= 6 && a.DataType[:6] == "Binary"
}

// Message is one message as peeked from a queue. Body and attribute values
// are untrusted bytes: render them only through ui/sanitize.
type Message struct {
	ID            string
	ReceiptHandle string // from the receive that read it; empty once released
	Body          string
	MD5OfBody     string
	Attributes    map[string]MessageAttribute
	// System holds every system attribute as SQS returned it (strings).
	System map[string]string

	SentAt         time.Time
	FirstReceiveAt time.Time
	ReceiveCount   int
	SenderID       string
	DLQSourceARN   string // DeadLetterQueueSourceArn: the queue it failed in

	// FIFO only.
	GroupID        string
	DedupID        string
	SequenceNumber string
}

// Size is the message's payload size as SQS counts it toward the 1 MiB
// limit: the body plus every attribute's name, type and value.
func (m Message) Size() int { return len(m.Body) + attributesSize(m.Attributes) }

// attributesSize is what message attributes count toward the 1 MiB
// limit: each one's name, type and value.
func attributesSize(attrs map[string]MessageAttribute) int {
	n := 0
	for name, a := range attrs {
		n += len(name) + len(a.DataType) + len(a.StringValue) + len(a.BinaryValue)
	}
	return n
}

// AtRisk reports whether one more receive moves the message to its DLQ:
// SQS dead-letters it when a receive would exceed maxReceiveCount.
func (m Message) AtRisk(maxReceiveCount int) bool {
	return maxReceiveCount > 0 && m.ReceiveCount >= maxReceiveCount
}
