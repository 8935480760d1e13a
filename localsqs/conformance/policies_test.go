package conformance

// What SQS checks of queue attributes and of the two redrive policies
// (issue 10: sqscope now creates and configures queues, so localsqs must
// refuse what SQS refuses).

import (
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	"github.com/aws/aws-sdk-go-v2/service/sqs/types"
)

// attrBounds are the numeric queue attributes' ranges, as the CreateQueue
// and SetQueueAttributes references give them.
var attrBounds = []struct {
	name     string
	min, max int
}{
	{"VisibilityTimeout", 0, 43200},
	{"MessageRetentionPeriod", 60, 1209600},
	{"DelaySeconds", 0, 900},
	{"ReceiveMessageWaitTimeSeconds", 0, 20},
	{"MaximumMessageSize", 1024, 1048576},
}

func queueExists(t *testing.T, tg *target, name string) bool {
	t.Helper()
	_, err := tg.client.GetQueueUrl(testCtx(t), &sqs.GetQueueUrlInput{QueueName: aws.String(name)})
	var missing *types.QueueDoesNotExist
	if err != nil && !errors.As(err, &missing) {
		t.Fatalf("GetQueueUrl %s: %v", name, err)
	}
	return err == nil
}

func TestCreateQueueRejectsOutOfRangeAttributes(t *testing.T) {
	forEachTarget(t, []feature{featCreateAttrRanges}, func(t *testing.T, tg *target) {
		for _, a := range attrBounds {
			for _, v := range []int{a.min - 1, a.max + 1} {
				name := uniqueName("range", false)
				_, err := tg.client.CreateQueue(testCtx(t), &sqs.CreateQueueInput{QueueName: aws.String(name),
					Attributes: map[string]string{a.name: strconv.Itoa(v)}})
				var bad *types.InvalidAttributeValue
				if !errors.As(err, &bad) {
					t.Errorf("CreateQueue with %s %d: err = %v (%T), want *types.InvalidAttributeValue", a.name, v, err, err)
				}
				if err == nil || queueExists(t, tg, name) {
					createQueue(t, tg, name, nil) // to have it deleted
					t.Errorf("CreateQueue with %s %d created the queue", a.name, v)
				}
			}
			for _, v := range []int{a.min, a.max} {
				url := createQueue(t, tg, uniqueName("range", false), map[string]string{a.name: strconv.Itoa(v)})
				if got := queueAttrs(t, tg, url, types.QueueAttributeName(a.name))[a.name]; got != strconv.Itoa(v) {
					t.Errorf("CreateQueue with %s %d: the queue has %q", a.name, v, got)
				}
			}
		}
	})
}

func TestSetQueueAttributesRejectsEveryOutOfRange(t *testing.T) {
	forEachTarget(t, []feature{featInvalidAttrValue}, func(t *testing.T, tg *target) {
		url := createQueue(t, tg, uniqueName("setrange", false), nil)
		before := queueAttrs(t, tg, url)
		for _, a := range attrBounds {
			for _, v := range []int{a.min - 1, a.max + 1} {
				_, err := tg.client.SetQueueAttributes(testCtx(t), &sqs.SetQueueAttributesInput{QueueUrl: aws.String(url),
					Attributes: map[string]string{a.name: strconv.Itoa(v)}})
				var bad *types.InvalidAttributeValue
				if !errors.As(err, &bad) {
					t.Errorf("SetQueueAttributes %s %d: err = %v (%T), want *types.InvalidAttributeValue", a.name, v, err, err)
				}
			}
			if got := queueAttrs(t, tg, url, types.QueueAttributeName(a.name))[a.name]; got != before[a.name] {
				t.Errorf("%s after refused changes = %q, want %q", a.name, got, before[a.name])
			}
		}
	})
}

// A RedrivePolicy naming a queue that does not exist is refused, on
// create and on set, and changes nothing.
func TestRedrivePolicyNeedsAnExistingDLQ(t *testing.T) {
	forEachTarget(t, nil, func(t *testing.T, tg *target) {
		dlqArn := queueArn(t, tg, createQueue(t, tg, uniqueName("rp-real", false), nil))
		missing := dlqArn + "-missing"
		name := uniqueName("rp-src", false)
		_, err := tg.client.CreateQueue(testCtx(t), &sqs.CreateQueueInput{QueueName: aws.String(name),
			Attributes: map[string]string{"RedrivePolicy": redrivePolicy(missing, 3)}})
		if apiCode(err) == "" || queueExists(t, tg, name) {
			t.Errorf("CreateQueue naming a missing DLQ: err = %v, want an API error and no queue", err)
		}
		url := createQueue(t, tg, uniqueName("rp-src", false), nil)
		_, err = tg.client.SetQueueAttributes(testCtx(t), &sqs.SetQueueAttributesInput{QueueUrl: aws.String(url),
			Attributes: map[string]string{"RedrivePolicy": redrivePolicy(missing, 3)}})
		if apiCode(err) == "" {
			t.Errorf("SetQueueAttributes naming a missing DLQ: err = %v, want an API error", err)
		}
		t.Run("unchanged", func(t *testing.T) {
			if reason, lacks := tg.lacks[featRedriveRefusal]; lacks {
				t.Skipf("%s lacks %s: %s", tg, featRedriveRefusal, reason)
			}
			if got := queueAttrs(t, tg, url, types.QueueAttributeNameRedrivePolicy)["RedrivePolicy"]; got != "" {
				t.Errorf("RedrivePolicy after the refusal = %q, want none", got)
			}
		})
	})
}

// An empty RedrivePolicy removes the policy: what sqscope sends to take
// a queue's DLQ away.
func TestRedrivePolicyRemovedByEmptyString(t *testing.T) {
	forEachTarget(t, nil, func(t *testing.T, tg *target) {
		dlqArn := queueArn(t, tg, createQueue(t, tg, uniqueName("rm-dlq", false), nil))
		url := createQueue(t, tg, uniqueName("rm-src", false), map[string]string{"RedrivePolicy": redrivePolicy(dlqArn, 3)})
		if _, err := tg.client.SetQueueAttributes(testCtx(t), &sqs.SetQueueAttributesInput{QueueUrl: aws.String(url),
			Attributes: map[string]string{"RedrivePolicy": ""}}); err != nil {
			t.Fatalf("SetQueueAttributes RedrivePolicy \"\": %v", err)
		}
		if got := queueAttrs(t, tg, url, types.QueueAttributeNameAll)["RedrivePolicy"]; got != "" {
			t.Errorf("RedrivePolicy after removal = %q, want none", got)
		}
	})
}

// A RedrivePolicy must be JSON with maxReceiveCount 1 to 1000, and name
// a DLQ of the source's own type (FIFO or standard).
func TestRedrivePolicyIsChecked(t *testing.T) {
	forEachTarget(t, nil, func(t *testing.T, tg *target) {
		dlqArn := queueArn(t, tg, createQueue(t, tg, uniqueName("rpc-dlq", false), nil))
		fifoArn := queueArn(t, tg, createQueue(t, tg, uniqueName("rpc-dlq", true), map[string]string{"FifoQueue": "true"}))
		url := createQueue(t, tg, uniqueName("rpc-src", false), nil)
		set := func(rp string) error {
			_, err := tg.client.SetQueueAttributes(testCtx(t), &sqs.SetQueueAttributesInput{QueueUrl: aws.String(url),
				Attributes: map[string]string{"RedrivePolicy": rp}})
			return err
		}
		// AWS documents the rules, not the code of each refusal: any API
		// error will do, as long as nothing changed.
		t.Run("refused", func(t *testing.T) {
			if reason, lacks := tg.lacks[featRedriveChecks]; lacks {
				t.Skipf("%s lacks %s: %s", tg, featRedriveChecks, reason)
			}
			refusedPolicies(t, tg, url, set, dlqArn, fifoArn)
		})
		for _, n := range []int{1, 1000} {
			if err := set(redrivePolicy(dlqArn, n)); err != nil {
				t.Errorf("RedrivePolicy with maxReceiveCount %d: %v", n, err)
			}
		}
		name := uniqueName("rpc-fifo", true)
		_, err := tg.client.CreateQueue(testCtx(t), &sqs.CreateQueueInput{QueueName: aws.String(name),
			Attributes: map[string]string{"FifoQueue": "true", "RedrivePolicy": redrivePolicy(dlqArn, 3)}})
		if apiCode(err) == "" || queueExists(t, tg, name) {
			t.Errorf("CreateQueue of a FIFO queue with a standard DLQ: err = %v, want an API error and no queue", err)
		}
	})
}

func refusedPolicies(t *testing.T, tg *target, url string, set func(string) error, dlqArn, fifoArn string) {
	t.Helper()
	for why, rp := range map[string]string{
		"not JSON":             "{not json",
		"maxReceiveCount 0":    redrivePolicy(dlqArn, 0),
		"maxReceiveCount 1001": redrivePolicy(dlqArn, 1001),
		"a FIFO DLQ":           redrivePolicy(fifoArn, 3),
	} {
		if err := set(rp); apiCode(err) == "" {
			t.Errorf("RedrivePolicy with %s: err = %v, want an API error", why, err)
		}
		if got := queueAttrs(t, tg, url, types.QueueAttributeNameRedrivePolicy)["RedrivePolicy"]; got != "" {
			t.Errorf("RedrivePolicy after refusing one with %s = %q, want none", why, got)
		}
	}
}

func allowPolicy(permission string, arns ...string) string {
	p := map[string]any{"redrivePermission": permission}
	if arns != nil {
		p["sourceQueueArns"] = arns
	}
	b, _ := json.Marshal(p)
	return string(b)
}

// A queue may name a DLQ in its RedrivePolicy only when the DLQ's
// RedriveAllowPolicy admits it; byQueue lists 1 to 10 queues, and the
// other permissions list none.
func TestRedriveAllowPolicyIsEnforced(t *testing.T) {
	forEachTarget(t, []feature{featRedriveAllow, featRedriveAllowChecks}, func(t *testing.T, tg *target) {
		dlq := createQueue(t, tg, uniqueName("rap-dlq", false), nil)
		dlqArn := queueArn(t, tg, dlq)
		src := createQueue(t, tg, uniqueName("rap-src", false), nil)
		srcArn := queueArn(t, tg, src)
		other := queueArn(t, tg, createQueue(t, tg, uniqueName("rap-other", false), nil))
		setAllow := func(p string) error {
			_, err := tg.client.SetQueueAttributes(testCtx(t), &sqs.SetQueueAttributesInput{QueueUrl: aws.String(dlq),
				Attributes: map[string]string{"RedriveAllowPolicy": p}})
			return err
		}
		eleven := make([]string, 11)
		for i := range eleven {
			eleven[i] = fmt.Sprintf("%s-%d", other, i)
		}
		for why, p := range map[string]string{
			"byQueue with 11 queues": allowPolicy("byQueue", eleven...),
			"byQueue with none":      allowPolicy("byQueue"),
			"allowAll with a queue":  allowPolicy("allowAll", srcArn),
			"an unknown permission":  allowPolicy("some", srcArn),
		} {
			if err := setAllow(p); apiCode(err) == "" {
				t.Errorf("RedriveAllowPolicy %s: err = %v, want an API error", why, err)
			}
		}
		nameDLQ := func() error {
			_, err := tg.client.SetQueueAttributes(testCtx(t), &sqs.SetQueueAttributesInput{QueueUrl: aws.String(src),
				Attributes: map[string]string{"RedrivePolicy": redrivePolicy(dlqArn, 3)}})
			return err
		}
		for _, c := range []struct {
			policy string
			admits bool
		}{
			{allowPolicy("denyAll"), false},
			{allowPolicy("byQueue", other), false},
			{allowPolicy("byQueue", other, srcArn), true},
			{allowPolicy("allowAll"), true},
		} {
			if err := setAllow(c.policy); err != nil {
				t.Fatalf("RedriveAllowPolicy %s: %v", c.policy, err)
			}
			if _, err := tg.client.SetQueueAttributes(testCtx(t), &sqs.SetQueueAttributesInput{QueueUrl: aws.String(src),
				Attributes: map[string]string{"RedrivePolicy": ""}}); err != nil {
				t.Fatalf("removing the RedrivePolicy: %v", err)
			}
			err := nameDLQ()
			if c.admits && err != nil {
				t.Errorf("with %s the source may not name the DLQ: %v", c.policy, err)
			}
			if !c.admits && apiCode(err) == "" {
				t.Errorf("with %s the source named the DLQ: err = %v, want an API error", c.policy, err)
			}
		}
	})
}

// StartMessageMoveTask moves only out of a queue "configured as a
// dead-letter queue" of another queue; one whose RedriveAllowPolicy now
// admits none of the queues naming it is not (its policy was changed
// after they named it).
func TestMoveTaskHonoursTheRedriveAllowPolicy(t *testing.T) {
	forEachTarget(t, []feature{featMoveTasks, featRedriveAllow, featMoveTaskAllow}, func(t *testing.T, tg *target) {
		dlq := createQueue(t, tg, uniqueName("mta-dlq", false), nil)
		dlqArn := queueArn(t, tg, dlq)
		src := createQueue(t, tg, uniqueName("mta-src", false), map[string]string{"RedrivePolicy": redrivePolicy(dlqArn, 1)})
		send(t, tg, src, "to be dead-lettered")
		deadLetter(t, tg, src, 1, 1)
		if _, err := tg.client.SetQueueAttributes(testCtx(t), &sqs.SetQueueAttributesInput{QueueUrl: aws.String(dlq),
			Attributes: map[string]string{"RedriveAllowPolicy": allowPolicy("denyAll")}}); err != nil {
			t.Fatalf("RedriveAllowPolicy denyAll: %v", err)
		}
		_, err := tg.client.StartMessageMoveTask(testCtx(t), &sqs.StartMessageMoveTaskInput{SourceArn: aws.String(dlqArn)})
		if apiCode(err) == "" {
			t.Errorf("StartMessageMoveTask from a DLQ that denies every source: err = %v, want an API error", err)
		}
		if c := queueCounts(t, tg, dlq); c.visible+c.notVisible != 1 {
			t.Errorf("DLQ counts %+v, want its one message still there", c)
		}
	})
}
