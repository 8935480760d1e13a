package conformance

import (
	"fmt"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
)

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
