package model

import (
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"strings"
)

// A deep link names a queue the way an alert or a runbook does: by name,
// by queue URL, by ARN or by an AWS console link. ParseQueueRef reads all
// of them into one QueueRef, saying plainly what is wrong with one it
// cannot read; Locate then finds the queue in the session's list.

// RefKind is the form a QueueRef was given in.
type RefKind int

const (
	RefName    RefKind = iota // orders
	RefURL                    // https://sqs.us-east-1.amazonaws.com/123456789012/orders
	RefARN                    // arn:aws:sqs:us-east-1:123456789012:orders
	RefConsole                // https://us-east-1.console.aws.amazon.com/sqs/v3/home?…#/queues/…
)

// QueueRef is a queue named by a deep link, and where the link says it
// lives.
type QueueRef struct {
	Kind RefKind
	Name string
	// Region is "" when the link does not say: a name, or an endpoint URL
	// (localsqs, an emulator) whose host names no region.
	Region string
	// Account is "" for a name, and for an emulator's URL without one.
	Account string
}

// queueName is SQS's rule: 1 to 80 letters, digits, hyphens and
// underscores, a FIFO queue's name ending in ".fifo" (within the 80).
var queueName = regexp.MustCompile(`^[A-Za-z0-9_-]{1,75}(\.fifo)?$|^[A-Za-z0-9_-]{1,80}$`)

// account is an AWS account id: twelve digits.
var account = regexp.MustCompile(`^[0-9]{12}$`)

// ParseQueueRef reads s as a queue name, a queue URL, an ARN or a console
// link. The error is one line that says what is wrong, for the status
// line or the command line.
func ParseQueueRef(s string) (QueueRef, error) {
	s = strings.TrimSpace(s)
	switch {
	case s == "":
		return QueueRef{}, errors.New("no queue given: a name, a queue URL, an ARN or a console link")
	case strings.HasPrefix(s, "arn:"):
		return parseARN(s)
	case strings.HasPrefix(s, "https://"), strings.HasPrefix(s, "http://"):
		return parseLink(s)
	case strings.Contains(s, "://"):
		return QueueRef{}, fmt.Errorf("%q: a queue URL starts with https:// or http://", s)
	case !queueName.MatchString(s):
		return QueueRef{}, fmt.Errorf("%q is not a queue name (up to 80 letters, digits, - and _, "+
			".fifo at the end), a queue URL, an ARN or a console link", s)
	}
	return QueueRef{Kind: RefName, Name: s}, nil
}

// parseARN reads arn:PARTITION:sqs:REGION:ACCOUNT:NAME.
func parseARN(s string) (QueueRef, error) {
	f := strings.Split(s, ":")
	switch {
	case len(f) != 6:
		return QueueRef{}, fmt.Errorf("%q is not an SQS queue ARN (arn:aws:sqs:REGION:ACCOUNT:NAME)", s)
	case f[2] != "sqs":
		return QueueRef{}, fmt.Errorf("%q is an ARN of %s, not of an SQS queue", s, cmpOr(f[2], "no service"))
	case f[1] == "" || f[3] == "":
		return QueueRef{}, fmt.Errorf("%q lacks its partition or region (arn:aws:sqs:REGION:ACCOUNT:NAME)", s)
	case !account.MatchString(f[4]):
		return QueueRef{}, fmt.Errorf("%q: the account %q is not 12 digits", s, f[4])
	case !queueName.MatchString(f[5]):
		return QueueRef{}, fmt.Errorf("%q: %q is not a queue name", s, f[5])
	}
	return QueueRef{Kind: RefARN, Name: f[5], Region: f[3], Account: f[4]}, nil
}

// parseLink reads a console link or a queue URL.
func parseLink(s string) (QueueRef, error) {
	u, err := url.Parse(s)
	if err != nil || u.Host == "" {
		return QueueRef{}, fmt.Errorf("%q is not a URL", s)
	}
	host := strings.ToLower(u.Hostname())
	if host == "console.aws.amazon.com" || strings.HasSuffix(host, ".console.aws.amazon.com") ||
		strings.HasSuffix(host, ".console.amazonaws.cn") {
		return parseConsole(s, u)
	}
	return parseQueueURL(s, u)
}

func cmpOr(s, alt string) string {
	if s == "" {
		return alt
	}
	return s
}
