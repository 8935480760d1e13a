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
		// AWS: sourceQueueArns "only when the redrivePermission
		// parameter is set to byQueue".
		if ra.SourceQueueArns != nil {
			return ra, errInvalidParameterValue("Value %s for parameter RedriveAllowPolicy is invalid. Reason: sourceQueueArns can be specified only when redrivePermission is byQueue.", v)
		}
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
	if !redriveAllows(dlq.config().redriveAllow, src) {
		return errInvalidParameterValue("Value %s for parameter RedrivePolicy is invalid. Reason: Queue %s does not allow this queue as a dead-letter source.", p.String(), p.targetARN)
	}
	return nil
}

// redriveTarget returns q's dead-letter queue, or nil when q has no redrive
// policy or its target no longer exists: then nothing is dead-lettered and
// messages stay receivable, since there is nowhere to move them. It takes
// the registry lock, so the caller must hold no queue lock.
func (s *Server) redriveTarget(q *queue) *queue {
	rp := q.config().redrive
	if rp == nil {
		return nil
	}
	return s.queueByARN(rp.targetARN)
}

// deadLetter moves msgs, already taken out of src, into dlq. If dlq was
// deleted meanwhile they go back to src so nothing is lost (and the next
// receive, finding no DLQ, delivers them). The caller holds no lock.
func (s *Server) deadLetter(src, dlq *queue, msgs []*message) {
	now := s.now()
	dlq.mu.Lock()
	if dlq.deleted {
		dlq.mu.Unlock()
		s.requeue(src, msgs)
		return
	}
	dlq.tick(now)
	for _, m := range msgs {
		c := m.copyForMove()
		c.dlqSourceARN = src.arn
		dlq.addCopy(c, now)
	}
	dlq.mu.Unlock()
}

// deadLetterSources returns, sorted, the names of the queues whose redrive
// policy targets dlq.
func (s *Server) deadLetterSources(dlq *queue) []string {
	return s.sourcesOf(dlq, false)
}

// sourcesOf is deadLetterSources, optionally only the sources dlq's
// RedriveAllowPolicy admits now: a policy changed after a source named
// the DLQ (to denyAll, or byQueue without it) takes that source's right
// to it away, and a move task needs a DLQ some admitted source uses.
func (s *Server) sourcesOf(dlq *queue, admitted bool) []string {
	allow := dlq.config().redriveAllow
	s.mu.RLock()
	defer s.mu.RUnlock()
	var names []string
	for name, q := range s.queues {
		rp := q.config().redrive
		if rp == nil || rp.targetARN != dlq.arn || (admitted && !redriveAllows(allow, q.arn)) {
			continue
		}
		names = append(names, name)
	}
	sort.Strings(names)
	return names
}

func (s *Server) listDeadLetterSourceQueues(_ context.Context, r *request, raw json.RawMessage) (any, error) {
	var in listDLSourcesInput
	dlq, err := s.decodeForQueue(raw, &in)
	if err != nil {
		return nil, err
	}
	page, next, err := paginate(s.deadLetterSources(dlq), in.MaxResults, in.NextToken)
	if err != nil {
		return nil, err
	}
	out := listDLSourcesOutput{QueueUrls: []string{}, NextToken: next}
	for _, n := range page {
		out.QueueUrls = append(out.QueueUrls, s.queueURL(n))
	}
	return out, nil
}
