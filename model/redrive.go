package model

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
)

// RedrivePolicy is a source queue's RedrivePolicy attribute: after
// MaxReceiveCount receives a message moves to DeadLetterTargetARN.
type RedrivePolicy struct {
	DeadLetterTargetARN string
	MaxReceiveCount     int
}

// ParseRedrivePolicy decodes the RedrivePolicy attribute. SQS and the
// emulators disagree on whether maxReceiveCount is a number or a string, so
// both are accepted. An empty attribute yields (nil, nil).
func ParseRedrivePolicy(raw string) (*RedrivePolicy, error) {
	if strings.TrimSpace(raw) == "" {
		return nil, nil
	}
	var doc struct {
		DeadLetterTargetArn string          `json:"deadLetterTargetArn"`
		MaxReceiveCount     json.RawMessage `json:"maxReceiveCount"`
	}
	if err := json.Unmarshal([]byte(raw), &doc); err != nil {
		return nil, fmt.Errorf("redrive policy: %w", err)
	}
	if doc.DeadLetterTargetArn == "" {
		return nil, fmt.Errorf("redrive policy: no deadLetterTargetArn")
	}
	n, err := strconv.Atoi(strings.Trim(string(doc.MaxReceiveCount), `"`))
	if err != nil || n < 1 {
		return nil, fmt.Errorf("redrive policy: bad maxReceiveCount %s", doc.MaxReceiveCount)
	}
	return &RedrivePolicy{DeadLetterTargetARN: doc.DeadLetterTargetArn, MaxReceiveCount: n}, nil
}

// NameFromARN returns the queue name, the last colon-separated field of an
// SQS ARN (arn:aws:sqs:REGION:ACCOUNT:NAME).
func NameFromARN(arn string) string {
	if i := strings.LastIndexByte(arn, ':'); i >= 0 {
		return arn[i+1:]
	}
	return arn
}

// NameFromURL returns the queue name, the last path segment of a queue URL.
func NameFromURL(url string) string {
	url = strings.TrimRight(url, "/")
	if i := strings.LastIndexByte(url, '/'); i >= 0 {
		return url[i+1:]
	}
	return url
}
