package localsqs

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
)

// queueConfig holds a queue's settable attributes, parsed.
type queueConfig struct {
	delay       int // DelaySeconds
	maxSize     int // MaximumMessageSize
	retention   int // MessageRetentionPeriod, seconds
	receiveWait int // ReceiveMessageWaitTimeSeconds
	visibility  int // VisibilityTimeout

	redrive      *redrivePolicy // nil when unset
	redriveRaw   string
	redriveAllow string
	policy       string

	fifo            bool
	contentDedup    bool
	dedupScope      string
	throughputLimit string

	sseEnabled   bool
	kmsKeyID     string
	kmsReuseSecs int
}

// maxMessageSize is SQS's ceiling for one message and for a batch payload
// (raised from 256 KiB to 1 MiB in 2025).
const maxMessageSize = 1 << 20

func defaultConfig(fifo bool) queueConfig {
	c := queueConfig{
		maxSize: maxMessageSize, retention: 345600, visibility: 30,
		sseEnabled: true, fifo: fifo,
	}
	if fifo {
		c.dedupScope, c.throughputLimit = "queue", "perQueue"
	}
	return c
}

// intAttr describes a numeric attribute and its allowed range.
type intAttr struct {
	min, max int
	field    func(*queueConfig) *int
}

var intAttrs = map[string]intAttr{
	"DelaySeconds":                  {0, 900, func(c *queueConfig) *int { return &c.delay }},
	"MaximumMessageSize":            {1024, maxMessageSize, func(c *queueConfig) *int { return &c.maxSize }},
	"MessageRetentionPeriod":        {60, 1209600, func(c *queueConfig) *int { return &c.retention }},
	"ReceiveMessageWaitTimeSeconds": {0, 20, func(c *queueConfig) *int { return &c.receiveWait }},
	"VisibilityTimeout":             {0, 43200, func(c *queueConfig) *int { return &c.visibility }},
	"KmsDataKeyReusePeriodSeconds":  {60, 86400, func(c *queueConfig) *int { return &c.kmsReuseSecs }},
}

func invalidValue(name string) *apiError {
	return errInvalidAttributeValue(fmt.Sprintf("Invalid value for the parameter %s.", name))
}

// applyAttrs validates attrs and applies them to c. creating allows
// FifoQueue, which cannot change later. RedrivePolicy is only parsed here;
// the caller checks that its target exists.
func applyAttrs(c *queueConfig, attrs map[string]string, creating bool) error {
	for name, v := range attrs {
		if ia, ok := intAttrs[name]; ok {
			n, err := strconv.Atoi(strings.TrimSpace(v))
			if err != nil || n < ia.min || n > ia.max {
				return invalidValue(name)
			}
			*ia.field(c) = n
			continue
		}
		if err := applyOther(c, name, v, creating); err != nil {
			return err
		}
	}
	return nil
}

func applyOther(c *queueConfig, name, v string, creating bool) error {
	switch name {
	case "FifoQueue":
		b, err := strconv.ParseBool(v)
		if err != nil || (!creating && b != c.fifo) {
			return invalidValue(name)
		}
		if creating && b != c.fifo {
			return errInvalidParameterValue("The name of a FIFO queue can only include alphanumeric characters, hyphens, or underscores, must end with .fifo suffix and be 1 to 80 in length.")
		}
	case "ContentBasedDeduplication", "DeduplicationScope", "FifoThroughputLimit":
		if !c.fifo {
			return errInvalidAttributeName(name)
		}
		return applyFIFOAttr(c, name, v)
	case "SqsManagedSseEnabled":
		b, err := strconv.ParseBool(v)
		if err != nil {
			return invalidValue(name)
		}
		c.sseEnabled = b
	case "KmsMasterKeyId":
		c.kmsKeyID = v
	case "Policy":
		if v != "" && !json.Valid([]byte(v)) {
			return invalidValue(name)
		}
		c.policy = v
	case "RedrivePolicy":
		if v == "" {
			c.redrive, c.redriveRaw = nil, ""
			return nil
		}
		rp, err := parseRedrivePolicy(v)
		if err != nil {
			return err
		}
		c.redrive, c.redriveRaw = rp, rp.String()
	case "RedriveAllowPolicy":
		if v != "" {
			if err := validateRedriveAllow(v); err != nil {
				return err
			}
		}
		c.redriveAllow = v
	default:
		return errInvalidAttributeName(name)
	}
	return nil
}

func applyFIFOAttr(c *queueConfig, name, v string) error {
	switch name {
	case "ContentBasedDeduplication":
		b, err := strconv.ParseBool(v)
		if err != nil {
			return invalidValue(name)
		}
		c.contentDedup = b
	case "DeduplicationScope":
		if v != "queue" && v != "messageGroup" {
			return invalidValue(name)
		}
		c.dedupScope = v
	case "FifoThroughputLimit":
		if v != "perQueue" && v != "perMessageGroupId" {
			return invalidValue(name)
		}
		c.throughputLimit = v
	}
	return nil
}

// configAttrs renders c as SQS attribute strings.
func (c *queueConfig) configAttrs() map[string]string {
	m := map[string]string{
		"DelaySeconds":                  strconv.Itoa(c.delay),
		"MaximumMessageSize":            strconv.Itoa(c.maxSize),
		"MessageRetentionPeriod":        strconv.Itoa(c.retention),
		"ReceiveMessageWaitTimeSeconds": strconv.Itoa(c.receiveWait),
		"VisibilityTimeout":             strconv.Itoa(c.visibility),
		"SqsManagedSseEnabled":          strconv.FormatBool(c.sseEnabled),
	}
	if c.redriveRaw != "" {
		m["RedrivePolicy"] = c.redriveRaw
	}
	if c.redriveAllow != "" {
		m["RedriveAllowPolicy"] = c.redriveAllow
	}
	if c.policy != "" {
		m["Policy"] = c.policy
	}
	if c.kmsKeyID != "" {
		m["KmsMasterKeyId"] = c.kmsKeyID
		reuse := c.kmsReuseSecs
		if reuse == 0 {
			reuse = 300
		}
		m["KmsDataKeyReusePeriodSeconds"] = strconv.Itoa(reuse)
	}
	if c.fifo {
		m["FifoQueue"] = "true"
		m["ContentBasedDeduplication"] = strconv.FormatBool(c.contentDedup)
		m["DeduplicationScope"] = c.dedupScope
		m["FifoThroughputLimit"] = c.throughputLimit
	}
	return m
}

// queueAttributes returns every attribute of q. Caller holds q.mu.
func (q *queue) queueAttributes() map[string]string {
	m := q.cfg.configAttrs()
	m["ApproximateNumberOfMessages"] = strconv.Itoa(q.nVisible)
	m["ApproximateNumberOfMessagesNotVisible"] = strconv.Itoa(q.nInflight)
	m["ApproximateNumberOfMessagesDelayed"] = strconv.Itoa(q.nDelayed)
	m["CreatedTimestamp"] = strconv.FormatInt(q.createdAt.Unix(), 10)
	m["LastModifiedTimestamp"] = strconv.FormatInt(q.modifiedAt.Unix(), 10)
	m["QueueArn"] = q.arn
	return m
}

// knownAttributeNames are the names GetQueueAttributes accepts.
var knownAttributeNames = map[string]bool{
	"All": true, "ApproximateNumberOfMessages": true, "ApproximateNumberOfMessagesNotVisible": true,
	"ApproximateNumberOfMessagesDelayed": true, "CreatedTimestamp": true, "LastModifiedTimestamp": true,
	"QueueArn": true, "VisibilityTimeout": true, "MaximumMessageSize": true, "MessageRetentionPeriod": true,
	"DelaySeconds": true, "ReceiveMessageWaitTimeSeconds": true, "RedrivePolicy": true,
	"RedriveAllowPolicy": true, "FifoQueue": true, "ContentBasedDeduplication": true,
	"DeduplicationScope": true, "FifoThroughputLimit": true, "SqsManagedSseEnabled": true,
	"KmsMasterKeyId": true, "KmsDataKeyReusePeriodSeconds": true, "Policy": true,
}

// selectAttributes filters all by the requested names; unknown names are an
// error, names that do not apply to this queue are simply absent.
func selectAttributes(all map[string]string, names []string) (map[string]string, error) {
	out := map[string]string{}
	for _, n := range names {
		if !knownAttributeNames[n] {
			return nil, errInvalidAttributeName(n)
		}
		if n == "All" {
			return all, nil
		}
		if v, ok := all[n]; ok {
			out[n] = v
		}
	}
	return out, nil
}
