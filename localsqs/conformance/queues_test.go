package conformance

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	"github.com/aws/aws-sdk-go-v2/service/sqs/types"
)

func TestQueueLifecycle(t *testing.T) {
	forEachTarget(t, []feature{featImmediateDelete}, func(t *testing.T, tg *target) {
		ctx := testCtx(t)
		name := uniqueName("life", false)
		url := createQueue(t, tg, name, nil)
		if !hasSuffixName(url, name) {
			t.Errorf("queue URL %q does not end in /%s", url, name)
		}
		// Contains the name but does not start with it: a prefix filter
		// must leave it out.
		other := createQueue(t, tg, "z"+name, nil)

		got, err := tg.client.GetQueueUrl(ctx, &sqs.GetQueueUrlInput{QueueName: aws.String(name)})
		if err != nil {
			t.Fatalf("GetQueueUrl: %v", err)
		}
		if aws.ToString(got.QueueUrl) != url {
			t.Errorf("GetQueueUrl = %q, want %q", aws.ToString(got.QueueUrl), url)
		}

		list, err := tg.client.ListQueues(ctx, &sqs.ListQueuesInput{QueueNamePrefix: aws.String(name)})
		if err != nil {
			t.Fatalf("ListQueues: %v", err)
		}
		if !slices.Equal(list.QueueUrls, []string{url}) {
			t.Errorf("ListQueues(prefix %s) = %v, want [%s] (and not %s)", name, list.QueueUrls, url, other)
		}

		if _, err := tg.client.DeleteQueue(ctx, &sqs.DeleteQueueInput{QueueUrl: aws.String(url)}); err != nil {
			t.Fatalf("DeleteQueue: %v", err)
		}
		_, err = tg.client.GetQueueUrl(ctx, &sqs.GetQueueUrlInput{QueueName: aws.String(name)})
		var qdne *types.QueueDoesNotExist
		if !errors.As(err, &qdne) {
			t.Fatalf("GetQueueUrl after delete: err = %v (%T), want *types.QueueDoesNotExist", err, err)
		}
		list, err = tg.client.ListQueues(ctx, &sqs.ListQueuesInput{QueueNamePrefix: aws.String(name)})
		if err != nil {
			t.Fatalf("ListQueues after delete: %v", err)
		}
		if len(list.QueueUrls) != 0 {
			t.Errorf("ListQueues after delete = %v, want none", list.QueueUrls)
		}
	})
}

func TestCreateQueueIdempotentAndConflict(t *testing.T) {
	forEachTarget(t, nil, func(t *testing.T, tg *target) {
		ctx := testCtx(t)
		name := uniqueName("idem", false)
		attrs := map[string]string{"VisibilityTimeout": "45"}
		url := createQueue(t, tg, name, attrs)

		again, err := tg.client.CreateQueue(ctx, &sqs.CreateQueueInput{QueueName: aws.String(name), Attributes: attrs})
		if err != nil {
			t.Fatalf("CreateQueue with identical attributes: %v (AWS documents it as idempotent)", err)
		}
		if aws.ToString(again.QueueUrl) != url {
			t.Errorf("second CreateQueue URL = %q, want %q", aws.ToString(again.QueueUrl), url)
		}

		_, err = tg.client.CreateQueue(ctx, &sqs.CreateQueueInput{
			QueueName:  aws.String(name),
			Attributes: map[string]string{"VisibilityTimeout": "60"},
		})
		var exists *types.QueueNameExists
		if !errors.As(err, &exists) {
			t.Fatalf("CreateQueue with different attributes: err = %v (%T), want *types.QueueNameExists", err, err)
		}
	})
}

func TestQueueDoesNotExistIsTyped(t *testing.T) {
	forEachTarget(t, nil, func(t *testing.T, tg *target) {
		ctx := testCtx(t)
		name := uniqueName("missing", false)
		var qdne *types.QueueDoesNotExist

		_, err := tg.client.GetQueueUrl(ctx, &sqs.GetQueueUrlInput{QueueName: aws.String(name)})
		if !errors.As(err, &qdne) {
			t.Errorf("GetQueueUrl(missing): err = %v (%T), want *types.QueueDoesNotExist", err, err)
		}

		// A URL built like a real one but naming no queue.
		realName := uniqueName("real", false)
		missing := strings.TrimSuffix(createQueue(t, tg, realName, nil), realName) + name
		_, err = tg.client.GetQueueAttributes(ctx, &sqs.GetQueueAttributesInput{
			QueueUrl:       aws.String(missing),
			AttributeNames: []types.QueueAttributeName{types.QueueAttributeNameAll},
		})
		if !errors.As(err, &qdne) {
			t.Errorf("GetQueueAttributes(%s): err = %v (%T), want *types.QueueDoesNotExist", missing, err, err)
		}
		_, err = tg.client.SendMessage(ctx, &sqs.SendMessageInput{QueueUrl: aws.String(missing), MessageBody: aws.String("x")})
		if !errors.As(err, &qdne) {
			t.Errorf("SendMessage(%s): err = %v (%T), want *types.QueueDoesNotExist", missing, err, err)
		}
	})
}

func TestPurgeQueue(t *testing.T) {
	forEachTarget(t, []feature{featPurge}, func(t *testing.T, tg *target) {
		url := createQueue(t, tg, uniqueName("purge", false), nil)
		for _, b := range []string{"a", "b", "c"} {
			send(t, tg, url, b)
		}
		receiveOne(t, tg, url) // one in flight: purge removes those too
		if _, err := tg.client.PurgeQueue(testCtx(t), &sqs.PurgeQueueInput{QueueUrl: aws.String(url)}); err != nil {
			t.Fatalf("PurgeQueue: %v", err)
		}
		if c := queueCounts(t, tg, url); c != (counts{}) {
			t.Errorf("counts after purge = %+v, want all zero", c)
		}
		expectEmpty(t, tg, url, "after purge")
	})
}

func TestPurgeQueueOncePerMinute(t *testing.T) {
	forEachTarget(t, []feature{featPurge, featPurgeLimit}, func(t *testing.T, tg *target) {
		ctx := testCtx(t)
		url := createQueue(t, tg, uniqueName("purge2", false), nil)
		if _, err := tg.client.PurgeQueue(ctx, &sqs.PurgeQueueInput{QueueUrl: aws.String(url)}); err != nil {
			t.Fatalf("first PurgeQueue: %v", err)
		}
		_, err := tg.client.PurgeQueue(ctx, &sqs.PurgeQueueInput{QueueUrl: aws.String(url)})
		var inProgress *types.PurgeQueueInProgress
		if !errors.As(err, &inProgress) {
			t.Errorf("second PurgeQueue within 60 s: err = %v (%T), want *types.PurgeQueueInProgress", err, err)
		}
	})
}

func TestQueueTags(t *testing.T) {
	forEachTarget(t, nil, func(t *testing.T, tg *target) {
		ctx := testCtx(t)
		name := uniqueName("tags", false)
		out, err := tg.client.CreateQueue(ctx, &sqs.CreateQueueInput{
			QueueName: aws.String(name),
			Tags:      map[string]string{"team": "payments", "env": "dev"},
		})
		if err != nil {
			t.Fatalf("CreateQueue with tags: %v", err)
		}
		url := aws.ToString(out.QueueUrl)
		t.Cleanup(func() {
			_, _ = tg.client.DeleteQueue(context.Background(), &sqs.DeleteQueueInput{QueueUrl: out.QueueUrl})
		})

		assertTags := func(want map[string]string) {
			t.Helper()
			got, err := tg.client.ListQueueTags(ctx, &sqs.ListQueueTagsInput{QueueUrl: aws.String(url)})
			if err != nil {
				t.Fatalf("ListQueueTags: %v", err)
			}
			if len(got.Tags) != len(want) {
				t.Fatalf("tags = %v, want %v", got.Tags, want)
			}
			for k, v := range want {
				if got.Tags[k] != v {
					t.Fatalf("tags = %v, want %v", got.Tags, want)
				}
			}
		}
		assertTags(map[string]string{"team": "payments", "env": "dev"})

		_, err = tg.client.TagQueue(ctx, &sqs.TagQueueInput{QueueUrl: aws.String(url), Tags: map[string]string{"env": "prod", "owner": "oncall"}})
		if err != nil {
			t.Fatalf("TagQueue: %v", err)
		}
		assertTags(map[string]string{"team": "payments", "env": "prod", "owner": "oncall"})

		_, err = tg.client.UntagQueue(ctx, &sqs.UntagQueueInput{QueueUrl: aws.String(url), TagKeys: []string{"team", "owner"}})
		if err != nil {
			t.Fatalf("UntagQueue: %v", err)
		}
		assertTags(map[string]string{"env": "prod"})
	})
}

// A queue has at most 50 tags: a TagQueue that would make 51 is refused
// and adds none of them.
func TestTagQueueLimit(t *testing.T) {
	forEachTarget(t, []feature{featTagLimit}, func(t *testing.T, tg *target) {
		ctx := testCtx(t)
		url := createQueue(t, tg, uniqueName("tags50", false), nil)
		tags := map[string]string{}
		for i := range 51 {
			tags[fmt.Sprintf("k%02d", i)] = "v"
		}
		_, err := tg.client.TagQueue(ctx, &sqs.TagQueueInput{QueueUrl: aws.String(url), Tags: tags})
		if code := apiCode(err); code != "InvalidParameterValue" {
			t.Errorf("TagQueue with 51 tags: err = %v, code %q, want InvalidParameterValue", err, code)
		}
		got, err := tg.client.ListQueueTags(ctx, &sqs.ListQueueTagsInput{QueueUrl: aws.String(url)})
		if err != nil || len(got.Tags) != 0 {
			t.Errorf("after the refused TagQueue: tags %v, err %v; want none", got.Tags, err)
		}
	})
}

// Tag keys hold letters, digits, spaces and _ . : / = + - @ only: a key
// with an escape sequence is refused, so none comes back to a console that
// lists tags.
func TestTagKeyCharacters(t *testing.T) {
	forEachTarget(t, []feature{featTagChars}, func(t *testing.T, tg *target) {
		ctx := testCtx(t)
		url := createQueue(t, tg, uniqueName("tagchars", false), nil)
		_, err := tg.client.TagQueue(ctx, &sqs.TagQueueInput{QueueUrl: aws.String(url), Tags: map[string]string{"team\x1b[2J": "core"}})
		if code := apiCode(err); code != "InvalidParameterValue" {
			t.Errorf("TagQueue with ESC in a key: err = %v, code %q, want InvalidParameterValue", err, code)
		}
		ok := map[string]string{"cost-center": "a_b.c:d/e=f+g-h@i 42", "Zoë": "漢字"}
		if _, err := tg.client.TagQueue(ctx, &sqs.TagQueueInput{QueueUrl: aws.String(url), Tags: ok}); err != nil {
			t.Errorf("TagQueue with every allowed kind of character: %v", err)
		}
	})
}
