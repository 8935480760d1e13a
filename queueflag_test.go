package main

import (
	"bytes"
	"strings"
	"testing"
)

// --queue: a link is read before the TUI starts, so a malformed one is a
// command-line mistake (exit 2, one line); whether the queue exists is
// known only once the list has loaded, in the TUI.
func TestQueueFlag(t *testing.T) {
	for _, arg := range []string{
		"orders", "arn:aws:sqs:eu-west-1:123456789012:orders",
		"https://eu-west-1.console.aws.amazon.com/sqs/v3/home?region=eu-west-1#/queues/" +
			"https%3A%2F%2Fsqs.eu-west-1.amazonaws.com%2F123456789012%2Forders",
	} {
		f, code, done := parseTUIFlags([]string{"--demo", "--queue", arg}, &bytes.Buffer{}, &bytes.Buffer{})
		if done || code != 0 || f.queue != arg {
			t.Errorf("--queue %s: done %v, code %d, queue %q", arg, done, code, f.queue)
		}
	}
	var stderr bytes.Buffer
	_, code, done := parseTUIFlags([]string{"--queue", "arn:aws:sns:us-east-1:123456789012:orders"}, &bytes.Buffer{}, &stderr)
	if !done || code != 2 {
		t.Errorf("a malformed --queue: done %v, code %d", done, code)
	}
	if got := stderr.String(); !strings.HasPrefix(got, "sqscope: --queue: ") || !strings.Contains(got, "not of an SQS queue") ||
		strings.Count(got, "\n") != 1 {
		t.Errorf("a malformed --queue says %q", got)
	}
}
