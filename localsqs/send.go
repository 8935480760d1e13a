package localsqs

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"time"
)

func (s *Server) sendMessage(_ context.Context, r *request, raw json.RawMessage) (any, error) {
	var in sendMessageInput
	q, err := s.decodeForQueue(raw, &in)
	if err != nil {
		return nil, err
	}
	m, err := buildMessage(&in, r.sender)
	if err != nil {
		return nil, err
	}
	q.mu.Lock()
	defer q.mu.Unlock()
	return s.enqueue(q, m, &in)
}

// buildMessage validates what can be checked without the queue and builds
// the message to store.
func buildMessage(in *sendMessageInput, sender string) (*message, error) {
	if in.MessageBody == nil {
		return nil, errMissingParameter("MessageBody")
	}
	body := *in.MessageBody
	if body == "" {
		return nil, errInvalidParameterValue("The request must contain a non-empty message body.")
	}
	if err := checkChars(body); err != nil {
		return nil, err
	}
	attrSize, err := validateAttributes(in.MessageAttributes)
	if err != nil {
		return nil, err
	}
	for name, v := range in.MessageSystemAttributes {
		if name != "AWSTraceHeader" {
			return nil, errInvalidParameterValue("Message system attribute name '%s' is invalid.", name)
		}
		if v.DataType != "String" || v.StringValue == nil || *v.StringValue == "" {
			return nil, errInvalidParameterValue("Message system attribute '%s' must be a non-empty String.", name)
		}
	}
	m := &message{
		id:       newMessageID(),
		body:     body,
		attrs:    in.MessageAttributes,
		sysAttrs: in.MessageSystemAttributes,
		md5Body:  md5Hex(body),
		md5Attrs: md5OfAttributes(in.MessageAttributes),
		md5Sys:   md5OfAttributes(in.MessageSystemAttributes),
		size:     len(body) + attrSize,
		senderID: sender,
	}
	if len(m.attrs) == 0 {
		m.attrs = nil
	}
	if in.MessageGroupId != nil {
		m.groupID = *in.MessageGroupId
	}
	return m, nil
}

// enqueue applies the queue's rules to m and stores it. Caller holds q.mu.
func (s *Server) enqueue(q *queue, m *message, in *sendMessageInput) (sendMessageOutput, error) {
	if q.deleted {
		return sendMessageOutput{}, errQueueDoesNotExist()
	}
	now := s.now()
	q.tick(now)
	if m.size > q.cfg.maxSize {
		return sendMessageOutput{}, errInvalidParameterValue("One or more parameters are invalid. Reason: Message must be shorter than %d bytes.", q.cfg.maxSize)
	}
	delay := time.Duration(q.cfg.delay) * time.Second
	if in.DelaySeconds != nil {
		d := *in.DelaySeconds
		if d < 0 || d > 900 {
			return sendMessageOutput{}, errInvalidParam("DelaySeconds", d, "DelaySeconds must be >= 0 and <= 900.")
		}
		if q.isFIFO && d != 0 {
			return sendMessageOutput{}, errInvalidParam("DelaySeconds", d, "The request include parameter that is not valid for this queue type.")
		}
		if !q.isFIFO {
			delay = time.Duration(d) * time.Second
		}
	}
	out := sendMessageOutput{
		MessageId:                    m.id,
		MD5OfMessageBody:             m.md5Body,
		MD5OfMessageAttributes:       m.md5Attrs,
		MD5OfMessageSystemAttributes: m.md5Sys,
	}
	if q.isFIFO {
		rec, dup, err := s.fifoAdmit(q, m, in, now)
		if err != nil {
			return sendMessageOutput{}, err
		}
		if dup {
			// A duplicate is accepted but not stored; SQS answers with the
			// original's id and sequence number.
			out.MessageId, out.SequenceNumber = rec.msgID, rec.seq
			return out, nil
		}
		out.SequenceNumber = m.seq
	} else if in.MessageDeduplicationId != nil {
		return sendMessageOutput{}, errInvalidParameterValue("The request include parameter MessageDeduplicationId that is not valid for this queue type")
	}
	m.sentAt, m.retainFrom = now, now
	q.add(m, delay, now)
	q.count(mSent, 1)
	out.MessageId = m.id
	return out, nil
}

// fifoAdmit checks a FIFO send's group and deduplication id and assigns
// its sequence number. dup reports a duplicate inside the window.
func (s *Server) fifoAdmit(q *queue, m *message, in *sendMessageInput, now time.Time) (dedupRecord, bool, error) {
	if in.MessageGroupId == nil || *in.MessageGroupId == "" {
		return dedupRecord{}, false, errMissingParameter("MessageGroupId")
	}
	if !validDedupToken(*in.MessageGroupId) {
		return dedupRecord{}, false, errInvalidParam("MessageGroupId", *in.MessageGroupId, "MessageGroupId can only include alphanumeric and punctuation characters. 1 to 128 in length.")
	}
	switch {
	case in.MessageDeduplicationId != nil && *in.MessageDeduplicationId != "":
		m.dedupID = *in.MessageDeduplicationId
		if !validDedupToken(m.dedupID) {
			return dedupRecord{}, false, errInvalidParam("MessageDeduplicationId", m.dedupID, "MessageDeduplicationId can only include alphanumeric and punctuation characters. 1 to 128 in length.")
		}
	case q.cfg.contentDedup:
		sum := sha256.Sum256([]byte(m.body))
		m.dedupID = hex.EncodeToString(sum[:])
	default:
		return dedupRecord{}, false, errInvalidParameterValue("The queue should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly")
	}
	key := m.dedupID
	if q.cfg.dedupScope == "messageGroup" {
		key = m.groupID + "\x00" + key
	}
	if rec, ok := q.fifo.dedupLookup(key, now); ok {
		return rec, true, nil
	}
	m.seq = q.fifo.nextSeq()
	q.fifo.dedupRecord(key, dedupRecord{at: now, msgID: m.id, seq: m.seq})
	return dedupRecord{}, false, nil
}

// validDedupToken: 1–128 printable ASCII characters.
func validDedupToken(s string) bool {
	if s == "" || len(s) > 128 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < 0x21 || s[i] > 0x7e {
			return false
		}
	}
	return true
}
