package localsqs

import (
	"context"
	"encoding/json"
	"sort"
	"strconv"
	"strings"
)

// redrivePolicy is a parsed RedrivePolicy attribute.
type redrivePolicy struct {
	targetARN       string
	maxReceiveCount int
}

func (p *redrivePolicy) String() string {
	b, _ := json.Marshal(struct {
		DeadLetterTargetArn string `json:"deadLetterTargetArn"`
		MaxReceiveCount     int    `json:"maxReceiveCount"`
	}{p.targetARN, p.maxReceiveCount})
	return string(b)
}

// parseRedrivePolicy accepts maxReceiveCount as a number or a string, as
// SQS does.
func parseRedrivePolicy(v string) (*redrivePolicy, error) {
	var doc struct {
		DeadLetterTargetArn string          `json:"deadLetterTargetArn"`
		MaxReceiveCount     json.RawMessage `json:"maxReceiveCount"`
	}
	if err := json.Unmarshal([]byte(v), &doc); err != nil {
		return nil, errInvalidParameterValue("Value %s for parameter RedrivePolicy is invalid. Reason: Redrive policy is not a valid JSON map.", v)
	}
	if doc.DeadLetterTargetArn == "" {
		return nil, errInvalidParameterValue("Value %s for parameter RedrivePolicy is invalid. Reason: Redrive policy does not contain mandatory attribute: deadLetterTargetArn.", v)
	}
	n, err := strconv.Atoi(strings.Trim(string(doc.MaxReceiveCount), `"`))
	if err != nil || n < 1 || n > 1000 {
		return nil, errInvalidParameterValue("Value %s for parameter RedrivePolicy is invalid. Reason: Invalid value for maxReceiveCount: %s, valid values are from 1 to 1000 both inclusive.", v, doc.MaxReceiveCount)
	}
	return &redrivePolicy{targetARN: doc.DeadLetterTargetArn, maxReceiveCount: n}, nil
}

type redriveAllow struct {
	RedrivePermission string   `json:"redrivePermission"`
	SourceQueueArns   []string `json:"sourceQueueArns"`
}

func parseRedriveAllow(v string) (redriveAllow, error) {
	var ra redriveAllow
	if err := json.Unmarshal([]byte(v), &ra); err != nil {
		return ra, errInvalidParameterValue("Value %s for parameter RedriveAllowPolicy is invalid. Reason: Invalid JSON.", v)
	}
	switch ra.RedrivePermission {
	case "allowAll", "denyAll":
	case "byQueue":
		if len(ra.SourceQueueArns) == 0 || len(ra.SourceQueueArns) > 10 {
			return ra, errInvalidParameterValue("Value %s for parameter RedriveAllowPolicy is invalid. Reason: byQueue needs 1 to 10 sourceQueueArns.", v)
		}
	default:
		return ra, errInvalidParameterValue("Value %s for parameter RedriveAllowPolicy is invalid. Reason: Invalid redrivePermission.", v)
	}
	return ra, nil
}

func validateRedriveAllow(v string) error {
	_, err := parseRedriveAllow(v)
	return err
}

// allows reports whether a DLQ with allow policy v accepts sourceARN.
func redriveAllows(v, sourceARN string) bool {
	if v == "" {
		return true
	}
	ra, err := parseRedriveAllow(v)
	if err != nil {
		return true
	}
	switch ra.RedrivePermission {
	case "denyAll":
		return false
	case "byQueue":
		for _, a := range ra.SourceQueueArns {
			if a == sourceARN {
				return true
			}
		}
		return false
	}
	return true
}

// checkRedriveTarget verifies that the DLQ a source's new policy names
// exists, has the same type and lets the source use it. The caller must not
// hold any queue lock.
func (s *Server) checkRedriveTarget(src string, srcFIFO bool, p *redrivePolicy) error {
	if p.targetARN == src {
		return errInvalidParameterValue("Value %s for parameter RedrivePolicy is invalid. Reason: A queue cannot be its own dead-letter queue.", p.String())
	}
	dlq := s.queueByARN(p.targetARN)
	if dlq == nil {
		return errInvalidParameterValue("Value %s for parameter RedrivePolicy is invalid. Reason: Dead letter target does not exist.", p.String())
	}
	if dlq.isFIFO != srcFIFO {
		return errInvalidParameterValue("Value %s for parameter RedrivePolicy is invalid. Reason: Dead-letter queue must be same type of queue as the source.", p.String())
	}
	dlq.mu.Lock()
	allow := dlq.cfg.redriveAllow
	dlq.mu.Unlock()
	if !redriveAllows(allow, src) {
		return errInvalidParameterValue("Value %s for parameter RedrivePolicy is invalid. Reason: Queue %s does not allow this queue as a dead-letter source.", p.String(), p.targetARN)
	}
	return nil
}

// deadLetter moves msgs, already taken out of src, into the queue at
// dlqARN. If that queue is gone they go back to src as visible messages so
// nothing is lost. The caller holds no lock.
func (s *Server) deadLetter(src *queue, dlqARN string, msgs []*message) {
	now := s.now()
	if dlq := s.queueByARN(dlqARN); dlq != nil {
		dlq.mu.Lock()
		if !dlq.deleted {
			dlq.tick(now)
			for _, m := range msgs {
				c := m.copyForMove()
				c.dlqSourceARN = src.arn
				if dlq.isFIFO {
					c.seq = dlq.fifo.nextSeq()
				}
				dlq.add(c, 0, now)
			}
			dlq.mu.Unlock()
			return
		}
		dlq.mu.Unlock()
	}
	src.mu.Lock()
	defer src.mu.Unlock()
	if src.deleted {
		return
	}
	for _, m := range msgs {
		c := m.copyForMove()
		if src.isFIFO {
			c.seq = src.fifo.nextSeq()
		}
		src.add(c, 0, now)
	}
}

func (s *Server) listDeadLetterSourceQueues(_ context.Context, r *request, raw json.RawMessage) (any, error) {
	var in listDLSourcesInput
	if err := decode(raw, &in); err != nil {
		return nil, err
	}
	dlq, err := s.queueForURL(in.QueueUrl)
	if err != nil {
		return nil, err
	}
	s.mu.RLock()
	var names []string
	for name, q := range s.queues {
		q.mu.Lock()
		if q.cfg.redrive != nil && q.cfg.redrive.targetARN == dlq.arn {
			names = append(names, name)
		}
		q.mu.Unlock()
	}
	s.mu.RUnlock()
	sort.Strings(names)
	page, next, err := paginate(names, in.MaxResults, in.NextToken)
	if err != nil {
		return nil, err
	}
	out := listDLSourcesOutput{QueueUrls: []string{}, NextToken: next}
	for _, n := range page {
		out.QueueUrls = append(out.QueueUrls, s.queueURL(r, n))
	}
	return out, nil
}
