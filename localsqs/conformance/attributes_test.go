package conformance

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	"github.com/aws/aws-sdk-go-v2/service/sqs/types"
)

func TestGetQueueAttributesAllAndByName(t *testing.T) {
	forEachTarget(t, nil, func(t *testing.T, tg *target) {
		name := uniqueName("attrs", false)
		url := createQueue(t, tg, name, map[string]string{"VisibilityTimeout": "40", "DelaySeconds": "0"})

		all := queueAttrs(t, tg, url)
		arn := all["QueueArn"]
		if !strings.HasPrefix(arn, "arn:aws:sqs:us-east-1:") || !strings.HasSuffix(arn, ":"+name) {
			t.Errorf("QueueArn = %q, want arn:aws:sqs:us-east-1:ACCOUNT:%s", arn, name)
		}
		// Defaults AWS documents for a queue created without them.
		want := map[string]string{
			"VisibilityTimeout":                     "40",
			"DelaySeconds":                          "0",
			"MessageRetentionPeriod":                "345600",
			"ReceiveMessageWaitTimeSeconds":         "0",
			"ApproximateNumberOfMessages":           "0",
			"ApproximateNumberOfMessagesNotVisible": "0",
			"ApproximateNumberOfMessagesDelayed":    "0",
		}
		for k, v := range want {
			if all[k] != v {
				t.Errorf("All: %s = %q, want %q", k, all[k], v)
			}
		}
		if _, ok := all["FifoQueue"]; ok {
			t.Errorf("All on a standard queue includes FifoQueue=%q; AWS returns it only for FIFO queues", all["FifoQueue"])
		}

		byName := queueAttrs(t, tg, url, types.QueueAttributeNameQueueArn, types.QueueAttributeNameVisibilityTimeout)
		if len(byName) != 2 || byName["QueueArn"] != arn || byName["VisibilityTimeout"] != "40" {
			t.Errorf("by name = %v, want exactly QueueArn=%s and VisibilityTimeout=40", byName, arn)
		}
	})
}

func TestQueueTimestampsAreEpochSeconds(t *testing.T) {
	forEachTarget(t, []feature{featEpochSeconds}, func(t *testing.T, tg *target) {
		url := createQueue(t, tg, uniqueName("ts", false), nil)
		all := queueAttrs(t, tg, url)
		for _, k := range []string{"CreatedTimestamp", "LastModifiedTimestamp"} {
			if _, err := strconv.ParseInt(all[k], 10, 64); err != nil {
				t.Errorf("%s = %q, want whole epoch seconds", k, all[k])
			}
		}
	})
}

func TestApproximateCountsFollowMessages(t *testing.T) {
	forEachTarget(t, []feature{featApproxCounts}, func(t *testing.T, tg *target) {
		url := createQueue(t, tg, uniqueName("counts", false), nil)
		check := func(step string, want counts) {
			t.Helper()
			if got := queueCounts(t, tg, url); got != want {
				t.Errorf("%s: counts = %+v, want %+v", step, got, want)
			}
		}
		for i := range 3 {
			send(t, tg, url, fmt.Sprintf("m%d", i))
		}
		check("after 3 sends", counts{visible: 3})
		m := receiveOne(t, tg, url)
		check("after 1 receive", counts{visible: 2, notVisible: 1})
		deleteMsg(t, tg, url, m)
		check("after delete", counts{visible: 2})
	})
}

func TestSetQueueAttributesRedrivePolicy(t *testing.T) {
	forEachTarget(t, nil, func(t *testing.T, tg *target) {
		dlqURL := createQueue(t, tg, uniqueName("rp-dlq", false), nil)
		dlqArn := queueArn(t, tg, dlqURL)
		url := createQueue(t, tg, uniqueName("rp-src", false), nil)

		_, err := tg.client.SetQueueAttributes(testCtx(t), &sqs.SetQueueAttributesInput{
			QueueUrl:   aws.String(url),
			Attributes: map[string]string{"RedrivePolicy": redrivePolicy(dlqArn, 5), "VisibilityTimeout": "12"},
		})
		if err != nil {
			t.Fatalf("SetQueueAttributes: %v", err)
		}
		got := queueAttrs(t, tg, url, types.QueueAttributeNameRedrivePolicy, types.QueueAttributeNameVisibilityTimeout)
		if got["VisibilityTimeout"] != "12" {
			t.Errorf("VisibilityTimeout = %q, want 12", got["VisibilityTimeout"])
		}
		var rp struct {
			DeadLetterTargetArn string          `json:"deadLetterTargetArn"`
			MaxReceiveCount     json.RawMessage `json:"maxReceiveCount"`
		}
		if err := json.Unmarshal([]byte(got["RedrivePolicy"]), &rp); err != nil {
			t.Fatalf("RedrivePolicy %q is not JSON: %v", got["RedrivePolicy"], err)
		}
		if rp.DeadLetterTargetArn != dlqArn {
			t.Errorf("deadLetterTargetArn = %q, want %q", rp.DeadLetterTargetArn, dlqArn)
		}
		// AWS returns the count as a JSON number; clients must also accept
		// the string form some tools write, so either parses here.
		if n, err := strconv.Atoi(strings.Trim(string(rp.MaxReceiveCount), `"`)); err != nil || n != 5 {
			t.Errorf("maxReceiveCount = %s, want 5", rp.MaxReceiveCount)
		}
	})
}

func TestRedriveAllowPolicyRoundTrip(t *testing.T) {
	forEachTarget(t, []feature{featRedriveAllow}, func(t *testing.T, tg *target) {
		src := createQueue(t, tg, uniqueName("rap-src", false), nil)
		srcArn := queueArn(t, tg, src)
		dlq := createQueue(t, tg, uniqueName("rap-dlq", false), nil)
		policy := `{"redrivePermission":"byQueue","sourceQueueArns":["` + srcArn + `"]}`
		_, err := tg.client.SetQueueAttributes(testCtx(t), &sqs.SetQueueAttributesInput{
			QueueUrl:   aws.String(dlq),
			Attributes: map[string]string{"RedriveAllowPolicy": policy},
		})
		if err != nil {
			t.Fatalf("SetQueueAttributes RedriveAllowPolicy: %v", err)
		}
		raw := queueAttrs(t, tg, dlq, types.QueueAttributeNameRedriveAllowPolicy)["RedriveAllowPolicy"]
		var got struct {
			RedrivePermission string   `json:"redrivePermission"`
			SourceQueueArns   []string `json:"sourceQueueArns"`
		}
		if err := json.Unmarshal([]byte(raw), &got); err != nil {
			t.Fatalf("RedriveAllowPolicy %q is not JSON: %v", raw, err)
		}
		if got.RedrivePermission != "byQueue" || len(got.SourceQueueArns) != 1 || got.SourceQueueArns[0] != srcArn {
			t.Errorf("RedriveAllowPolicy = %s, want byQueue for [%s]", raw, srcArn)
		}
	})
}

func TestListQueuesPaging(t *testing.T) {
	forEachTarget(t, []feature{featListPaging}, func(t *testing.T, tg *target) {
		ctx := testCtx(t)
		prefix := uniqueName("page", false)
		want := map[string]bool{}
		for i := range 25 {
			want[createQueue(t, tg, fmt.Sprintf("%s-%02d", prefix, i), nil)] = true
		}

		seen := map[string]int{}
		var token *string
		var pages []int
		for {
			out, err := tg.client.ListQueues(ctx, &sqs.ListQueuesInput{
				QueueNamePrefix: aws.String(prefix),
				MaxResults:      aws.Int32(10),
				NextToken:       token,
			})
			if err != nil {
				t.Fatalf("ListQueues page %d: %v", len(pages)+1, err)
			}
			pages = append(pages, len(out.QueueUrls))
			for _, u := range out.QueueUrls {
				seen[u]++
			}
			if out.NextToken == nil {
				break
			}
			if len(pages) > 10 {
				t.Fatalf("paging does not end: pages so far %v", pages)
			}
			token = out.NextToken
		}
		if fmt.Sprint(pages) != "[10 10 5]" {
			t.Errorf("page sizes = %v, want [10 10 5]", pages)
		}
		for u := range want {
			if seen[u] != 1 {
				t.Errorf("%s seen %d times, want exactly once", u, seen[u])
			}
		}
		if len(seen) != len(want) {
			t.Errorf("saw %d distinct queues, want %d", len(seen), len(want))
		}

		// Without MaxResults AWS returns everything (up to 1,000) and no token.
		out, err := tg.client.ListQueues(ctx, &sqs.ListQueuesInput{QueueNamePrefix: aws.String(prefix)})
		if err != nil {
			t.Fatalf("ListQueues without MaxResults: %v", err)
		}
		if len(out.QueueUrls) != 25 || out.NextToken != nil {
			t.Errorf("without MaxResults: %d URLs, NextToken %v; want 25 and none", len(out.QueueUrls), aws.ToString(out.NextToken))
		}
	})
}
