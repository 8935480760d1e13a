package awsclient

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
)

// DefaultDLQRetention is a created DLQ's MessageRetentionPeriod: SQS's
// maximum, so a failed message waits as long as it can for someone to
// look at it.
const DefaultDLQRetention = 14 * 24 * time.Hour

// The steps of CreateQueue, as CreateReport.Step names them.
const (
	StepCreateDLQ    = "create DLQ"
	StepCreateQueue  = "create queue"
	StepAllowPolicy  = "set redrive allow policy"
	dlqSuffix        = "-dlq"
	fifoSuffix       = ".fifo"
	maxReceiveLimit  = 1000
	maxQueueNameSize = 80
)

// QueueExistsError is a queue CreateQueue was asked to create that
// already exists. SQS would answer CreateQueue with the existing queue's
// URL when the attributes match; sqscope refuses instead, so that it
// never reports an old queue as created nor changes its policies.
type QueueExistsError struct{ Name, URL string }

func (e *QueueExistsError) Error() string { return "queue " + e.Name + " already exists" }

// CreateQueue creates spec's queue and its DLQ; see Operator. The steps,
// in the guide's order: the DLQ (14-day retention), the queue with a
// RedrivePolicy naming the DLQ, then the DLQ's RedriveAllowPolicy naming
// the queue (byQueue), so no other queue can dead-letter into it.
func (s *SQS) CreateQueue(ctx context.Context, spec CreateSpec) (CreateReport, error) {
	if s.cfg.ReadOnly {
		return CreateReport{}, &ReadOnlyError{Op: "CreateQueue"}
	}
	spec, err := spec.normalized()
	if err != nil {
		return CreateReport{}, err
	}
	var rep CreateReport
	e := s.entry("create-queue", spec.Name)
	e.Details = map[string]string{}
	for k, v := range spec.Attributes {
		e.Details["attr."+k] = v
	}
	lost := 0
	err = s.createSteps(ctx, spec, &rep, &lost)
	if spec.DLQ != nil {
		e.Details["dlq"] = spec.DLQ.Name
		e.Details["maxReceiveCount"] = strconv.Itoa(spec.MaxReceiveCount)
	}
	if len(rep.Created) > 0 {
		e.Account = accountOf(rep.Created[0])
		e.Details["created"] = strings.Join(rep.Created, " ")
	}
	switch {
	case err == nil:
		e.Outcome = auditOK
	case len(rep.Created) > 0:
		e.Outcome, e.Error = auditPartial, Describe(err)
		e.Details["step"] = rep.Step
	default:
		e.Outcome, e.Error = outcomeOf(err, lost), Describe(err)
		e.Details["step"] = rep.Step
	}
	rep.AuditErr = s.appendAudit(e)
	return rep, err
}

func (s *SQS) createSteps(ctx context.Context, spec CreateSpec, rep *CreateReport, lost *int) error {
	var dlqURL, dlqARN string
	if d := spec.DLQ; d != nil {
		rep.Step = StepCreateDLQ
		attrs := map[string]string{"MessageRetentionPeriod": strconv.Itoa(int(d.Retention / time.Second))}
		if spec.FIFO {
			attrs["FifoQueue"] = "true"
		}
		url, err := s.createOne(ctx, d.Name, attrs, lost)
		if err != nil {
			return err
		}
		rep.Created = append(rep.Created, url)
		dlqURL = url
		if dlqARN, err = s.queueARN(ctx, url); err != nil {
			return err
		}
	}
	rep.Step = StepCreateQueue
	attrs := maps.Clone(spec.Attributes)
	if attrs == nil {
		attrs = map[string]string{}
	}
	if spec.FIFO {
		attrs["FifoQueue"] = "true"
	}
	if dlqARN != "" {
		attrs["RedrivePolicy"] = RedrivePolicyJSON(dlqARN, spec.MaxReceiveCount)
	}
	url, err := s.createOne(ctx, spec.Name, attrs, lost)
	if err != nil {
		return err
	}
	rep.Created = append(rep.Created, url)
	if dlqURL != "" {
		rep.Step = StepAllowPolicy
		srcARN, err := s.queueARN(ctx, url)
		if err != nil {
			return err
		}
		if err := s.call(ctx, spec.DLQ.Name, func(ctx context.Context) error {
			_, err := s.api.SetQueueAttributes(ctx, &sqs.SetQueueAttributesInput{QueueUrl: aws.String(dlqURL),
				Attributes: map[string]string{"RedriveAllowPolicy": RedriveAllowPolicyJSON(srcARN)}})
			return err
		}); err != nil {
			return err
		}
	}
	rep.Step = ""
	return nil
}

// createOne creates one queue that must not exist yet. CreateQueue is
// idempotent (same name, same attributes: the same queue), so the SDK's
// retries of it are safe.
func (s *SQS) createOne(ctx context.Context, name string, attrs map[string]string, lost *int) (string, error) {
	var existing *sqs.GetQueueUrlOutput
	err := s.call(ctx, name, func(ctx context.Context) (err error) {
		existing, err = s.api.GetQueueUrl(ctx, &sqs.GetQueueUrlInput{QueueName: aws.String(name)})
		return err
	})
	switch {
	case err == nil:
		return "", &QueueExistsError{Name: name, URL: aws.ToString(existing.QueueUrl)}
	case !queueGone(err):
		return "", err
	}
	var out *sqs.CreateQueueOutput
	var l atomic.Int32
	err = s.call(ctx, name, func(ctx context.Context) (err error) {
		out, err = s.api.CreateQueue(ctx, &sqs.CreateQueueInput{QueueName: aws.String(name), Attributes: attrs}, observeAttempts(&l))
		return err
	})
	*lost += int(l.Load())
	if err != nil {
		return "", err
	}
	return aws.ToString(out.QueueUrl), nil
}

func (s *SQS) queueARN(ctx context.Context, url string) (string, error) {
	attrs, err := s.queueAttrs(ctx, url, "QueueArn")
	if err != nil {
		return "", err
	}
	arn := attrs["QueueArn"]
	if arn == "" {
		return "", errors.New("GetQueueAttributes gave no QueueArn for " + url)
	}
	return arn, nil
}

// RedrivePolicyJSON is a RedrivePolicy naming dlqARN, as SQS takes it.
func RedrivePolicyJSON(dlqARN string, maxReceiveCount int) string {
	b, _ := json.Marshal(struct {
		DeadLetterTargetArn string `json:"deadLetterTargetArn"`
		MaxReceiveCount     int    `json:"maxReceiveCount"`
	}{dlqARN, maxReceiveCount})
	return string(b)
}

// RedriveAllowPolicyJSON lets only the queues sourceARNs (at most 10)
// name a DLQ in their RedrivePolicy.
func RedriveAllowPolicyJSON(sourceARNs ...string) string {
	b, _ := json.Marshal(struct {
		RedrivePermission string   `json:"redrivePermission"`
		SourceQueueArns   []string `json:"sourceQueueArns"`
	}{"byQueue", sourceARNs})
	return string(b)
}

// normalized checks spec before any call and fills in the defaults: the
// DLQ's name ("<name>-dlq", before ".fifo") and retention.
func (spec CreateSpec) normalized() (CreateSpec, error) {
	if spec.Name == "" {
		return spec, errors.New("the queue needs a name")
	}
	if spec.FIFO != strings.HasSuffix(spec.Name, fifoSuffix) {
		return spec, fmt.Errorf("queue %s: a FIFO queue's name ends in .fifo, and only a FIFO queue's does", spec.Name)
	}
	if !validQueueName(spec.Name) {
		return spec, fmt.Errorf("queue name %q: 1 to 80 letters, digits, hyphens or underscores (and .fifo at the end of a FIFO queue's)", spec.Name)
	}
	if spec.DLQ == nil {
		return spec, nil
	}
	d := *spec.DLQ
	if d.Name == "" {
		d.Name = strings.TrimSuffix(spec.Name, fifoSuffix) + dlqSuffix
		if spec.FIFO {
			d.Name += fifoSuffix
		}
	}
	if d.Retention == 0 {
		d.Retention = DefaultDLQRetention
	}
	spec.DLQ = &d
	switch {
	case spec.FIFO != strings.HasSuffix(d.Name, fifoSuffix):
		return spec, fmt.Errorf("DLQ %s: a FIFO queue's DLQ is a FIFO queue too (name ending in .fifo), and a standard queue's is standard", d.Name)
	case !validQueueName(d.Name):
		return spec, fmt.Errorf("DLQ name %q: 1 to 80 letters, digits, hyphens or underscores (and .fifo at the end of a FIFO queue's)", d.Name)
	case d.Name == spec.Name:
		return spec, fmt.Errorf("a queue cannot be its own DLQ")
	case d.Retention < time.Minute || d.Retention > DefaultDLQRetention:
		return spec, fmt.Errorf("DLQ retention %s: between 1 minute and 14 days", d.Retention)
	case spec.MaxReceiveCount < 1 || spec.MaxReceiveCount > maxReceiveLimit:
		return spec, fmt.Errorf("maxReceiveCount %d: between 1 and %d", spec.MaxReceiveCount, maxReceiveLimit)
	}
	return spec, nil
}

func validQueueName(name string) bool {
	base := strings.TrimSuffix(name, fifoSuffix)
	if base == "" || len(name) > maxQueueNameSize {
		return false
	}
	for _, c := range base {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
			return false
		}
	}
	return true
}
