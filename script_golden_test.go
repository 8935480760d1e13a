package main

import (
	"context"
	"flag"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	"github.com/aws/aws-sdk-go-v2/service/sqs/types"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/sqscope/sqscope/scripting"
)

// The output of ls and peek is a promise to scripts and to people's eyes:
// goldens of both forms on fixed data (localsqs only; the server's
// address, message ids and timestamps are normalized). Regenerate with
// go test -run TestScriptGolden -update after an intended change, and say
// in the README when a JSON field changes.
func TestScriptGolden(t *testing.T) {
	for _, c := range []struct {
		name string
		args []string
	}{
		{"ls", []string{"ls"}},
		{"ls_json", []string{"ls", "--json"}},
		{"ls_prefix", []string{"ls", "--prefix", "orders"}},
		{"peek", []string{"peek", "orders-dlq"}},
		{"peek_json", []string{"peek", "orders-dlq", "--json"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			// A fresh server each: a peek releases its messages in no
			// particular order, so a second peek would read them in another.
			b := goldenFixture(t)
			code, stdout, stderr := b.script(t, nil, c.args...)
			if code != 0 {
				t.Fatalf("exit %d, stderr:\n%s", code, stderr)
			}
			golden.RequireEqual(t, normalize(stdout+"--- stderr\n"+stderr, b.endpoint))
		})
	}
}

// goldenFixture is a source queue with a DLQ, a FIFO queue and an empty
// one; counts in every state; DLQ messages with attributes and hostile text.
func goldenFixture(t *testing.T) sqsBackend {
	b := localBackend(t, nil)
	ctx := context.Background()
	_, dlqARN := b.queue(t, "orders-dlq", nil)
	orders, _ := b.queue(t, "orders", redriveTo(dlqARN, 3))
	events, _ := b.queue(t, "events.fifo", map[string]string{"FifoQueue": "true"})
	b.queue(t, "audit", nil)
	b.send(t, orders, nil, "o1", "o2")
	if _, err := b.admin.SendMessage(ctx, &sqs.SendMessageInput{QueueUrl: aws.String(orders), MessageBody: aws.String("later"), DelaySeconds: 600}); err != nil {
		t.Fatal(err)
	}
	if _, err := b.admin.ReceiveMessage(ctx, &sqs.ReceiveMessageInput{QueueUrl: aws.String(orders), MaxNumberOfMessages: 1, VisibilityTimeout: 600}); err != nil {
		t.Fatal(err)
	}
	b.send(t, events, nil, "e1")
	attrs := map[string]types.MessageAttributeValue{
		"kind":  {DataType: aws.String("String"), StringValue: aws.String("refund\nline two")},
		"trace": {DataType: aws.String("Binary"), BinaryValue: []byte{0, 1, 0xfe, 0xff}},
	}
	dlq := strings.Replace(orders, "/orders", "/orders-dlq", 1)
	b.send(t, dlq, nil, `{"order":1,"error":"declined"}`)
	b.send(t, dlq, attrs, "with attributes")
	b.send(t, dlq, nil, "hostile: \u009b31m red \u202e reversed \u200b\ttab")
	return b
}

// A command line the command cannot use is exit 2 with one line, before
// any connection is made (the endpoint here does not exist).
func TestScriptUsage(t *testing.T) {
	b := sqsBackend{endpoint: "http://127.0.0.1:1"}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"peek"}, "sqscope: peek needs a QUEUE: a queue name, queue URL, ARN or console link (see sqscope help peek)"},
		{[]string{"export"}, "sqscope: export needs a QUEUE: a queue name, queue URL, ARN or console link (see sqscope help export)"},
		{[]string{"peek", "a", "b"}, `sqscope: unexpected argument "b": peek takes one QUEUE (see sqscope help peek)`},
		{[]string{"ls", "orders"}, `sqscope: unexpected argument "orders": ls takes only flags (see sqscope help ls)`},
		{[]string{"peek", "orders", "-n", "0"}, "sqscope: -n 0: read between 1 and 10000 messages"},
		{[]string{"peek", "-n", "x", "orders"}, `sqscope: -n "x" is not a whole number`},
		{[]string{"peek", "orders", "--", "-n"}, `sqscope: unexpected argument "-n": peek takes one QUEUE (see sqscope help peek)`},
		{[]string{"export", "orders", "-n", "-1"}, "sqscope: -n -1: write between 1 and 10000 messages (or leave -n out for all)"},
		{[]string{"peek", "not a queue!"}, `sqscope: "not a queue!" is not a queue name (up to 80 letters, digits, - and _, .fifo at the end), a queue URL, an ARN or a console link`},
	} {
		code, stdout, stderr := b.script(t, nil, c.args...)
		if code != scripting.ExitUsage || stdout != "" || stderr != c.want+"\n" {
			t.Errorf("%q: exit %d, stdout %q, stderr %q; want 2 and %q", c.args, code, stdout, stderr, c.want)
		}
	}
}

// Every subcommand has help, and every flag that takes a value names it.
func TestScriptHelp(t *testing.T) {
	for _, c := range scripting.Commands() {
		fs, _ := newScriptFlags(c, &tuiFlags{})
		var stdout, stderr strings.Builder
		if code := run([]string{"help", c.Name}, &stdout, &stderr); code != 0 || stdout.String() != usageOf(fs) {
			t.Errorf("help %s: exit %d, stdout:\n%s", c.Name, code, stdout.String())
		}
		fs.VisitAll(func(f *flag.Flag) {
			if !isSwitch(f) && placeholders[f.Name] == "" {
				t.Errorf("%s: --%s takes a value but has no placeholder for the usage", c.Name, f.Name)
			}
		})
	}
}
